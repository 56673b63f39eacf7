"""`loaddata` that also brings a fixture's files and keeps singletons the site already has.

Django's loaddata writes rows only: an ImageField in a fixture names a file that must
already be in MEDIA_ROOT. This override copies each named file from FIXTURE_MEDIA_ROOT
(fixtures/media/) into the field's storage when the storage lacks it, so that
`manage.py loaddata nq35_report` alone puts the report's photos on the site.

Models with `keep_existing_on_loaddata = True` (the site identity) are written only when
the database has no row with the same natural key yet: loading the report into a live
site never overwrites what its administrators configured.
"""

from django.conf import settings
from django.core.files import File
from django.core.management.commands import loaddata
from django.db import models


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        self.fixture_files_copied = 0
        super().handle(*fixture_labels, **options)
        if self.fixture_files_copied and self.verbosity >= 1:
            self.stdout.write(f"Copied {self.fixture_files_copied} file(s) into MEDIA_ROOT.")

    def save_obj(self, obj):
        instance = obj.object
        keep = getattr(instance, "keep_existing_on_loaddata", False) and instance.pk is not None
        if (
            keep
            and type(instance)._default_manager.using(self.using).filter(pk=instance.pk).exists()
        ):
            return False
        saved = super().save_obj(obj)
        if saved:
            self.copy_fixture_files(instance)
        return saved

    def copy_fixture_files(self, instance):
        source_root = getattr(settings, "FIXTURE_MEDIA_ROOT", None)
        if not source_root:
            return
        for field in instance._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            name = getattr(instance, field.attname).name
            storage = field.storage
            if not name or storage.exists(name):
                continue
            source = source_root / name
            if source.is_file():
                with source.open("rb") as fh:
                    stored = storage.save(name, File(fh))
                if stored != name:  # the storage must keep the name the row refers to
                    raise RuntimeError(f"Storage renamed fixture file {name!r} to {stored!r}")
                self.fixture_files_copied += 1
