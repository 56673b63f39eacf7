from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("gui-y-kien/", views.intake_index, name="intake"),
    path("gui-y-kien/<slug:kind>/", views.intake_form, name="form"),
    path("y-kien-cua-toi/<str:token>/", views.mine, name="mine"),
    path("y-kien-cua-toi/<str:token>/<slug:action>/", views.mine_action, name="mine_action"),
    path("gop-y-du-thao/", views.consultation_list, name="consultations"),
    path("gop-y-du-thao/<int:pk>/", views.consultation, name="consultation"),
    path("hoi-dap/", views.qa_list, name="qa"),
    path("hoi-dap/<str:number>/", views.qa_detail, name="answer"),
    path("danh-gia/", views.rate, name="rate"),
]
