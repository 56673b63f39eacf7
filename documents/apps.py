from django.apps import AppConfig
from django.db.models.signals import post_save


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        post_save.connect(index_loaded_article, sender="news.Article")


def index_loaded_article(sender, instance, raw=False, **kwargs):
    """`loaddata` saves articles raw, without Article.save(): index their references anyway,
    so that a document added later links them too. (Saves through Article.save() index there;
    the fixture brings its own links, so nothing else is done here.)"""
    if raw:
        from .citations import index_mentions

        index_mentions(instance)
