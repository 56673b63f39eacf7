from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = "Thủ tục hành chính"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pagecache.version import watch
        from search.registry import register

        from .models import Procedure, ProcedureSettings

        watch(Procedure, ProcedureSettings)  # a parent's reach its children (pagecache.sites)
        from .search import procedure_entry

        # A province's procedures are its communes' too (Procedure.objects.visible_on).
        register(Procedure, slug="thu-tuc", label="Thủ tục hành chính", entry=procedure_entry,
                 shared=True)  # fmt: skip
