from django.apps import AppConfig
from django.db.models.signals import post_migrate


def render_unrendered(sender, apps=None, **kwargs):
    """Articles stored before bodies were rendered on save (or imported around the write path)
    get theirs on `migrate`; a page never waits for it. (`apps` is the migrated state; a flush
    sends none.)"""
    if apps is None:
        from django.apps import apps
    try:
        article = apps.get_model("news", "Article")
    except LookupError:  # migrating backwards, before news' first migration
        return
    if "body_html" not in {field.name for field in article._meta.fields}:
        return
    from .models import Article
    from .services import refresh_articles

    articles = Article.objects.filter(body_html=None)
    if articles.exists():
        refresh_articles(articles)


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức và văn bản"

    def ready(self):
        import reversion

        from documents.signals import citing_articles_changed
        from pagecache.version import watch

        from . import services
        from .models import Article, ArticleImage, Category

        # Every save through news.services keeps a version of the article together with its
        # gallery, so that an approver can compare and restore it (editorial/).
        if not reversion.is_registered(Article):
            reversion.register(Article, follow=["images"])
            reversion.register(ArticleImage)
        # The library moved some articles' links: their stored bodies are rendered again.
        citing_articles_changed.connect(
            services.citing_articles_changed, dispatch_uid="news.citing_articles_changed"
        )
        # Articles invalidate cached pages through their write path, when they are or were
        # public; these are public whatever they hold.
        watch(Category)
        post_migrate.connect(render_unrendered, sender=self, dispatch_uid="news.render_unrendered")
