from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("tin-tuc/<slug:slug>/xem-truoc/", views.article_preview, name="preview"),
]
