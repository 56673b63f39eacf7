from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the portal in production: headers, faults, health, backups, audit, logs."""

    name = "operations"
    verbose_name = "Vận hành"

    def ready(self):
        from .uploads import install_disk_space_check

        install_disk_space_check()
