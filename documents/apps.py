from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from pagecache.version import watch

        from .models import Document, DocumentRelation, Sector

        watch(Document, DocumentRelation, Sector)  # the library is public as a whole
