from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "schedules"
    verbose_name = "Lịch công tác, lịch tiếp công dân"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial.permissions import OWNERSHIP
        from pagecache.version import watch
        from search.registry import register

        from .models import ReceptionDay, ReceptionInfo, WorkEntry, is_own_draft
        from .search import reception_entry, work_entry

        watch(WorkEntry, ReceptionDay, ReceptionInfo)
        # An editor changes and deletes the entries they entered while they are drafts
        # ("schedule.change_own" in editorial/roles.py); the rule lives beside the model.
        OWNERSHIP[WorkEntry] = is_own_draft
        OWNERSHIP[ReceptionDay] = is_own_draft
        register(WorkEntry, slug="lich-cong-tac", label="Lịch công tác", entry=work_entry)
        register(ReceptionDay, slug="tiep-cong-dan", label="Lịch tiếp công dân",
                 entry=reception_entry)  # fmt: skip
