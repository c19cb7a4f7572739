from django.urls import path

from . import views

app_name = "selfchecks"

urlpatterns = [
    path("self-check/<int:page_id>/result/", views.result, name="result"),
]
