from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Lãnh đạo, cán bộ"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pagecache.version import watch

        from .models import Person

        watch(Person)  # names and positions show in the schedules
