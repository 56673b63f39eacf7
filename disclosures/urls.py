from django.urls import path

from . import views

app_name = "disclosures"

urlpatterns = [
    path("", views.disclosure_list, name="list"),
    path("danh-muc-thong-tin-phai-cong-khai/", views.required_list, name="required"),
    path("<slug:slug>/", views.disclosure_detail, name="detail"),
]
