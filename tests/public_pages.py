"""The public pages every whole-site check visits (HTML validity, accessibility, widths)."""

from django.core.management import call_command

from documents.models import Document
from news.models import Article
from news.views import older_cursor
from pages.models import Page

from .factories import make_article


def public_pages():
    """Load the 35-NQ/TW report plus enough articles to paginate; return {name: path}."""
    call_command("loaddata", "nq35_report", verbosity=0)
    report = Article.objects.get()
    for _ in range(16):
        make_article(category=report.category)
    urls = {
        "home": "/",
        "category": report.category.get_absolute_url(),
        "category, page 2": report.category.get_absolute_url() + "?page=2",
        # A "Tin cũ hơn" page (keyset), starting after the article on page 1's fifth row.
        "category, older": report.category.get_absolute_url()
        + "?truoc="
        + older_cursor(Article.objects.order_by("-published_at", "-pk")[4]),
        "article": report.get_absolute_url(),
        "document list": "/van-ban/",
        "document": Document.objects.get(symbol="35-NQ/TW").get_absolute_url(),
        "site map": "/so-do-trang/",
        "not found": "/khong-co-trang-nay/",
        "search": "/tim-kiem/?q=nghi+quyet+35",
    }
    for page in Page.objects.published():
        urls[page.title] = page.get_absolute_url()
    return urls
