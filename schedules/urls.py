from django.urls import path, re_path

from . import views

app_name = "schedules"

DAY = r"(?P<day>\d{4}-\d{2}-\d{2})"

urlpatterns = [
    path("lich-cong-tac/", views.week, name="week"),
    re_path(rf"^lich-cong-tac/tuan/{DAY}/$", views.week, name="week-of"),
    re_path(rf"^lich-cong-tac/ngay/{DAY}/$", views.day, name="day"),
    path("lich-cong-tac/lich.ics", views.site_feed, name="feed"),
    path("lich-cong-tac/lanh-dao/<int:pk>.ics", views.leader_feed, name="leader-feed"),
    path("lich-tiep-cong-dan/", views.reception, name="reception"),
]
