"""The live chat's WebSocket routes (included by lantana/routing.py)."""

from django.urls import path

from .consumers import StaffChatConsumer, VisitorChatConsumer

websocket_urlpatterns = [
    path("ws/chat/", VisitorChatConsumer.as_asgi(), name="chat_visitor_socket"),
    path("ws/chat/staff/", StaffChatConsumer.as_asgi(), name="chat_staff_socket"),
]
