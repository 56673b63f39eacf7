from django.urls import path

from . import views

app_name = "visitors"

urlpatterns = [
    path("stats.json", views.stats_json, name="stats"),
]
