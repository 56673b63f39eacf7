from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand

from photos import pipeline
from photos.fields import PhotoField


def photo_files():
    """(model label, field, stored name) for every photo stored in any PhotoField, once."""
    seen = set()  # a library photo and the gallery images that reuse it share one file
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, PhotoField):
                names = model._default_manager.exclude(**{field.attname: ""})
                for name in names.values_list(field.attname, flat=True).distinct():
                    if name not in seen:
                        seen.add(name)
                        yield model._meta.label, field, name


class Command(BaseCommand):
    help = (
        "Makes the missing renditions of stored photos (after an upgrade, a restore or a copy "
        "of media/). Pages never make them: run this where photos lack renditions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what is missing.")

    def handle(self, *args, dry_run=False, **options):
        written = missing = 0
        for label, field, name in photo_files():
            storage = field.storage
            if not name.lower().endswith((".jpg", ".jpeg", ".png")) or not storage.exists(name):
                self.stderr.write(f"{label}: skipped {name} (missing, or not a processed photo)")
                continue
            if dry_run:
                with storage.open(name, "rb") as fh:
                    width = pipeline.open_checked(fh).width
                missing += sum(not storage.exists(n) for n in pipeline.rendition_names(name, width))
                continue
            try:
                written += pipeline.ensure_renditions(storage, name)
            except ValidationError as exc:
                self.stderr.write(f"{label}: {name}: {' '.join(exc.messages)}")
        if dry_run:
            self.stdout.write(f"{missing} rendition(s) missing.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Wrote {written} rendition(s)."))
