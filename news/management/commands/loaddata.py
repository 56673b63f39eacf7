"""`loaddata` that also brings a fixture's files and keeps singletons the site already has.

Django's loaddata writes rows only: an ImageField in a fixture names a file that must
already be in MEDIA_ROOT. This override copies each named file from FIXTURE_MEDIA_ROOT
(fixtures/media/) into the field's storage when the storage lacks it, so that
`manage.py loaddata nq35_report` alone puts the report's photos on the site. A photo
(a PhotoField) is copied through the photo pipeline, as an upload would be: validated,
re-encoded without metadata, with its renditions (which loaddata, skipping save(), would
otherwise never make; pages never make them).

A model may define `loaddata_merge(self, existing)`: when the database already has a row with
the fixture object's natural key, it decides whether the fixture may overwrite that row
(True) or handles or keeps it itself (False). The site identity and the visitor baseline use
it so that loading the report into a live site never overwrites what its administrators set.

Rows are written raw, without their write paths; once they are in (in loaddata's transaction),
the loaded articles get what news.services derives (mentions, links, rendered body, search
entry) and the loaded documents relink the articles that cite them (documents.services).
"""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management import CommandError
from django.core.management.commands import loaddata
from django.db import models

from documents.models import Document
from documents.services import library_changed
from multisite import context
from multisite.current import site_for_code
from news.models import Article
from news.services import refresh_articles
from photos import pipeline
from photos.fields import PhotoField


class Command(loaddata.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--site", metavar="CODE",
            help="The site (its code) that the fixture's rows without a site belong to; "
            "default: the default site.",
        )  # fmt: skip

    def handle(self, *fixture_labels, **options):
        self.fixture_files_copied = 0
        self.loaded = {Article: set(), Document: set()}
        try:
            site = site_for_code(options.pop("site", None))
        except Site.DoesNotExist as error:
            raise CommandError("Không có trang nào có mã này.") from error
        with context.using(site):  # rows and natural keys without a site: this one's
            super().handle(*fixture_labels, **options)
        if self.fixture_files_copied and self.verbosity >= 1:
            self.stdout.write(f"Copied {self.fixture_files_copied} file(s) into MEDIA_ROOT.")

    def save_obj(self, obj):
        instance = obj.object
        merge = getattr(instance, "loaddata_merge", None)
        if merge is not None and instance.pk is not None:
            existing = type(instance)._default_manager.using(self.using).filter(pk=instance.pk)
            existing = existing.first()
            if existing is not None and not merge(existing):
                return False
        saved = super().save_obj(obj)
        if saved:
            self.copy_fixture_files(instance)
            if type(instance) in self.loaded:
                self.loaded[type(instance)].add(instance.pk)
        return saved

    def loaddata(self, fixture_labels):
        super().loaddata(fixture_labels)  # inside loaddata's transaction
        documents = Document.objects.using(self.using).filter(pk__in=self.loaded[Document])
        if documents:
            library_changed(documents)
        articles = Article.objects.using(self.using).filter(pk__in=self.loaded[Article])
        if articles:
            refresh_articles(articles)

    def copy_fixture_files(self, instance):
        source_root = getattr(settings, "FIXTURE_MEDIA_ROOT", None)
        if not source_root:
            return
        for field in instance._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            name = getattr(instance, field.attname).name
            storage = field.storage
            if not name:
                continue
            source = source_root / name
            if not storage.exists(name) and source.is_file():
                with source.open("rb") as fh:
                    content = File(fh)
                    if isinstance(field, PhotoField):
                        content = ContentFile(pipeline.process(fh).data)
                    stored = storage.save(name, content)
                if stored != name:  # the storage must keep the name the row refers to
                    raise RuntimeError(f"Storage renamed fixture file {name!r} to {stored!r}")
                self.fixture_files_copied += 1
            if isinstance(field, PhotoField) and storage.exists(name):
                pipeline.ensure_renditions(storage, name)
