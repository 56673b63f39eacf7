from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Thư viện ảnh"
    default_auto_field = "django.db.models.BigAutoField"
