from django.urls import path

from . import views

app_name = "photos"
urlpatterns = [
    path("tai-anh-len/", views.editor_upload, name="editor_upload"),
]
