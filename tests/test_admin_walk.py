"""Every admin page each role reaches, read in Chromium (so that text written by the admin's
scripts counts too): no visible text, button, title or placeholder may be an untranslated
message of Django, django-axes or django-reversion (tests/translations.py). The project's own
text is written in Vietnamese in the code, so it has no message ids of its own to miss.
"""

import pytest
from django.core.management import call_command

from documents.models import Document, Sector
from editorial.roles import APPROVER, EDITOR
from news.models import Article, Category
from pages.models import Link, Page
from photos.models import Photo

from .factories import PASSWORD, default_identity, image_file, make_article, make_user
from .test_editorial_permissions import ROLES, pages
from .translations import untranslated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The text a person sees or hears: visible text nodes, and the words of buttons, titles,
# placeholders and labels for screen readers.
VISIBLE_TEXTS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('script, style, template')) continue;
    // Text marked as another language (the menu's "English" link, issue 19) is not Vietnamese
    // left untranslated.
    if (parent.closest('[lang]:not([lang|="vi"])')) continue;
    if (!parent.getClientRects().length && !parent.closest('.visually-hidden')) continue;
    texts.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], [alt]')) {
    for (const name of ['title', 'placeholder', 'aria-label', 'alt']) {
      if (el.getAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) {
    texts.push(el.value);
  }
  texts.push(document.title);
  return texts;
}"""


@pytest.fixture
def world():
    call_command("loaddata", "nq35_report", verbosity=0)
    colleague = make_user("dongnghiep", EDITOR)
    draft = make_article(status=Article.Status.DRAFT, published_at=None, created_by=colleague)
    photo = Photo.objects.create(image=image_file(), alt="Ảnh thư viện", uploaded_by=colleague)
    Link.objects.create(name="Cổng thông tin tỉnh", url="https://travinh.gov.vn")
    return {
        "article": draft, "photo": photo, "report": Article.objects.get(slug__startswith="huyen"),
        "document": Document.objects.first(), "identity": default_identity(),
        "page": Page.objects.first(), "sector": Sector.objects.create(name="Tuyên giáo"),
        "category": Category.objects.first(),
    }  # fmt: skip


def urls_for(role, user, w, live_server):
    """The pages of the permissions table this role may open, and the pages around them."""
    granted = [url for url, roles in pages(w) if role in roles and "autocomplete" not in url]
    own = make_article(status=Article.Status.DRAFT, published_at=None, created_by=user)
    extra = ["/admin/password_change/done/", "/admin/news/article/?xem=cua-toi"]
    if role != "no group":
        report = w["report"]
        extra += [
            f"/admin/news/article/{own.pk}/change/", f"/admin/news/article/{own.pk}/delete/",
            f"/admin/news/article/{report.pk}/change/", f"/admin/news/article/{report.pk}/history/",
            f"/tin-tuc/{own.slug}/xem-truoc/", "/admin/news/article/?q=không-có-bài-nào",
            "/admin/photos/photo/?q=ảnh",
        ]  # fmt: skip
    if role in (APPROVER, "superuser"):
        extra += ["/admin/documents/document/add/?symbol=12-NQ/HU", "/admin/documents/sector/"]
    if role == "superuser":
        extra += [
            f"/admin/auth/user/{user.pk}/change/", f"/admin/auth/user/{user.pk}/password/",
            f"/admin/auth/user/{user.pk}/history/",
            f"/admin/news/category/{w['category'].pk}/change/",
            f"/admin/pages/link/{Link.objects.get().pk}/change/", "/admin/visitors/visitortotals/",
            "/admin/news/category/?q=x",
        ]  # fmt: skip
    return granted + extra


def read(page, live_server, url):
    page.goto(live_server.url + url)
    page.wait_for_load_state("load")
    return untranslated(page.evaluate(VISIBLE_TEXTS))


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_is_in_vietnamese(office, live_server, world, role):
    user = make_user(f"nguoi-{ROLES.index(role)}", None if role == "no group" else role)
    page = office(user.username)
    english = {}
    for url in urls_for(role, user, world, live_server):
        found = read(page, live_server, url)
        if found:
            english[url] = found
    if role != "no group":
        # A form sent back with errors, the filter counts shown, versions compared.
        page.goto(live_server.url + "/admin/news/article/add/")
        with page.expect_navigation():
            page.click("input[name=_save]")
        page.wait_for_selector(".errornote")
        english["add with errors"] = untranslated(page.evaluate(VISIBLE_TEXTS))
        page.goto(live_server.url + "/admin/news/article/?_facets=True")
        english["counts shown"] = untranslated(page.evaluate(VISIBLE_TEXTS))
    # Changing one's password with a mistake, then logging out.
    page.goto(live_server.url + "/admin/password_change/")
    page.fill("#id_old_password", "sai")
    page.fill("#id_new_password1", "123")
    page.fill("#id_new_password2", "456")
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.wait_for_selector(".errorlist")
    english["password change errors"] = untranslated(page.evaluate(VISIBLE_TEXTS))
    with page.expect_navigation():
        page.click("#logout-form button")
    page.wait_for_selector("#content")
    english["logged out"] = untranslated(page.evaluate(VISIBLE_TEXTS))
    assert not {k: v for k, v in english.items() if v}, english


def test_the_login_lockout_and_csrf_pages_are_in_vietnamese(office, live_server, settings):
    make_user("bientap", EDITOR)
    page = office()
    english = {"login": read(page, live_server, "/admin/login/")}
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "sai-mat-khau")
    with page.expect_navigation():
        page.click("input[type=submit]")
    english["wrong password"] = untranslated(page.evaluate(VISIBLE_TEXTS))
    assert page.locator(".errornote").count() == 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "bientap")
        page.fill("#id_password", "sai-mat-khau")
        with page.expect_navigation():
            page.click("input[type=submit]")
        if page.locator("h1", has_text="Tạm khoá đăng nhập").count():
            break
    assert "Tạm khoá đăng nhập" in page.inner_text("h1")
    english["lockout"] = untranslated(page.evaluate(VISIBLE_TEXTS))
    # A form sent without its CSRF cookie (cookies blocked, or an old tab).
    page.goto(live_server.url + "/admin/login/")
    page.context.clear_cookies()
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert "Phiên làm việc đã hết hạn" in page.inner_text("h1")
    english["csrf failure"] = untranslated(page.evaluate(VISIBLE_TEXTS))
    assert not {k: v for k, v in english.items() if v}, english
