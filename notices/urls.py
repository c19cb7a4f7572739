from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/", views.notice_index, name="index"),
    path("notices/<slug:kind>/", views.current_notice, name="current"),
    path("notices/<slug:kind>/versions/", views.notice_archive, name="archive"),
    path(
        "notices/<slug:kind>/versions/<int:number>/",
        views.notice_version,
        name="version",
    ),
]
