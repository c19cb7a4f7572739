from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("chat/", views.chat, name="chat"),
    path("chat/session/", views.chat_session, name="chat_session"),
]
