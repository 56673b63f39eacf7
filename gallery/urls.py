from django.urls import path

from . import views

app_name = "gallery"
urlpatterns = [
    path("thu-vien-anh/", views.album_list, name="albums"),
    path("thu-vien-anh/<slug:slug>/", views.album_detail, name="album"),
    path("video/", views.video_list, name="videos"),
    path("video/<slug:slug>/", views.video_detail, name="video"),
]
