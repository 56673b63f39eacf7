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
        # Citizens write to the unit (citizens/)
        "intake": "/gui-y-kien/",
        "question form": "/gui-y-kien/hoi-dap/",
        "report form": "/gui-y-kien/phan-anh/",
        "questions and answers": "/hoi-dap/",
        "drafts open for comment": "/gop-y-du-thao/",
        **citizens_pages(report),
    }
    for page in Page.objects.published():
        urls[page.title] = page.get_absolute_url()
    return urls


def citizens_pages(report):
    """A draft open for comment, a published answer and a person's own page."""
    from datetime import timedelta

    from django.contrib.sites.models import Site
    from django.utils import timezone

    from citizens import rights, services
    from citizens.models import Consultation, Topic

    draft = Consultation.objects.create(
        document=Document.objects.get(symbol="35-NQ/TW"), title="Dự thảo quy chế làm việc",
        opens_at=timezone.now() - timedelta(days=1), closes_at=timezone.now() + timedelta(days=9),
    )  # fmt: skip
    data = {
        "subject": "Thủ tục đăng ký khai sinh", "text": "Cần giấy tờ gì?\nXin cảm ơn.",
        "name": "Trần Thị B", "email": "b@example.vn", "initials": "T.T.B.",
        "topic": Topic.objects.create(name="Hộ tịch"),
    }  # fmt: skip
    question = services.submit(Site.objects.get(), "hoi-dap", data, ["xu-ly", "cong-khai"])
    question.answer = "<p>Giấy chứng sinh.</p>"
    services.answer(question, None)
    services.publish(question)
    return {
        "draft open for comment": draft.get_absolute_url(),
        "answer": question.get_absolute_url(),
        "a person's own page": f"/y-kien-cua-toi/{rights.token_for(question)}/",
    }
