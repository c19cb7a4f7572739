from django.urls import path

from . import views
from .chat import views as chat_views

app_name = "contact"

urlpatterns = [
    path("chat/", views.chat, name="chat"),
    path("estimate/", views.estimate, name="estimate"),
    path("chat/session/", views.chat_session, name="chat_session"),
    path("chat/dialog/", views.chat_dialog, name="chat_dialog"),
    path("chat/live/", chat_views.live_start, name="live_start"),
]
