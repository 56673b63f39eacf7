"""The issue's acceptance in Debian's Chromium: the platform superuser creates a commune's site
from the admin and makes its editor and approver; the editor, logged in on the commune's host,
writes; the commune's approver publishes; the commune's home shows the article, the province's
home lists it under "Tin từ các đơn vị", and the other commune shows nothing of it. Every site
is reached at `<code>.localhost:<port>`, as a newcomer would try it (no DNS)."""

import pytest

from multisite import services
from multisite.models import Membership
from news.models import Article

from .factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Xã Hòa Lợi ra quân chiến dịch mùa hè xanh"


@pytest.fixture
def at(live_server, settings):
    settings.ALLOWED_HOSTS = [".localhost", "localhost", "127.0.0.1"]
    port = live_server.url.rsplit(":", 1)[1]
    return lambda code: f"http://{code}.localhost:{port}"


@pytest.fixture
def person(browser):
    """A browser of one's own (cookies are per host: each logs in on the host it works on)."""
    contexts = []

    def open_browser(origin=None, username=None):
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        if username:
            page.goto(origin + "/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            with page.expect_navigation():
                page.click("input[type=submit]")
            assert page.locator("#user-tools").count() == 1, page.url
        return page

    yield open_browser
    for context in contexts:  # before the live server stops
        context.close()


def add_member(page, origin, username, name, site_label, role):
    page.goto(origin + "/admin/auth/user/add/")
    page.fill("#id_username", username)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_label("Họ và tên đệm").fill(name[0])
    page.fill("#id_first_name", name[1])
    page.fill("#id_email", f"{username}@example.vn")
    page.check("#id_is_staff")
    page.select_option("#id_memberships-0-site", label=site_label)
    page.select_option("#id_memberships-0-role", role)
    with page.expect_navigation():
        page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")


def test_a_commune_site_from_its_creation_to_its_provinces_home(at, person):
    province = services.create_site(
        "vinhlong.gov.vn", "Cổng thông tin điện tử tỉnh Vĩnh Long", code="tinh"
    )
    services.create_site(
        "songloc.vinhlong.gov.vn", "Trang thông tin điện tử xã Song Lộc", parent=province,
        code="song-loc",
    )  # fmt: skip
    make_user("quantri", "superuser")

    # The superuser, on the province's host, creates the commune's site ...
    admin = person(at("tinh"), "quantri")
    admin.goto(at("tinh") + "/admin/sites/site/add/")
    admin.fill("#id_domain", "hoaloi.vinhlong.gov.vn")
    admin.fill("#id_site_name", "Trang thông tin điện tử xã Hòa Lợi")
    admin.select_option("#id_parent", label="vinhlong.gov.vn")
    admin.fill("#id_code", "hoa-loi")
    with admin.expect_navigation():
        admin.click("input[name=_save]")
    admin.wait_for_selector(".messagelist .success")
    assert "hoaloi.vinhlong.gov.vn" in admin.inner_text("#result_list")
    # ... and makes its editor and its approver.
    site = "Trang thông tin điện tử xã Hòa Lợi (hoaloi.vinhlong.gov.vn)"
    add_member(admin, at("tinh"), "lan", ("Nguyễn Thị", "Lan"), site, "bien-tap-vien")
    add_member(admin, at("tinh"), "hung", ("Trần Văn", "Hùng"), site, "duyet-bai")
    assert Membership.objects.filter(site__profile__code="hoa-loi").count() == 2

    # The editor, on the commune's host, writes and submits.
    editor = person(at("hoa-loi"), "lan")
    editor.goto(at("hoa-loi") + "/admin/news/article/add/")
    editor.fill("#id_title", TITLE)
    editor.select_option("#id_category", label="Tin tức - Sự kiện")  # the commune's own
    editor.fill("#id_lead", "Sáng nay, 120 đoàn viên của xã ra quân.")
    editor.get_by_role("button", name="Gửi duyệt", exact=True).click()
    editor.wait_for_selector("text=Gửi duyệt: “")
    article = Article.objects.get(title=TITLE)
    assert (article.site.profile.code, article.status) == ("hoa-loi", "pending")
    # The province's host has a session of its own: there the editor has not logged in.
    editor.goto(at("tinh") + "/admin/news/article/")
    assert "/admin/login/" in editor.url

    # The commune's approver publishes it.
    approver = person(at("hoa-loi"), "hung")
    assert approver.inner_text("#so-bai-cho-duyet") == "1"
    approver.goto(at("hoa-loi") + f"/admin/news/article/{article.pk}/change/")
    approver.get_by_role("button", name="Xuất bản / hẹn giờ").click()
    approver.wait_for_selector("text=Xuất bản: “")

    # The public: the commune's home shows it; the province's home lists it under "Tin từ
    # các đơn vị", linked on the commune's host; the other commune shows nothing of it.
    reader = person()
    reader.goto(at("hoa-loi") + "/")
    assert TITLE in reader.inner_text("main")
    reader.goto(at("tinh") + "/")
    units = reader.locator("section.units-news")
    assert units.locator("h2").text_content() == "Tin từ các đơn vị"
    assert TITLE in units.inner_text()
    with reader.expect_navigation():
        units.get_by_role("link", name=TITLE).click()
    assert reader.url == at("hoa-loi") + f"/tin-tuc/{article.slug}/"
    assert reader.locator("h1").inner_text() == TITLE
    for path in ("/", f"/tin-tuc/{article.slug}/", "/tim-kiem/?q=mua+he+xanh", "/rss/"):
        response = reader.goto(at("song-loc") + path)
        assert TITLE not in reader.content(), path
        assert response.status == (404 if path.startswith("/tin-tuc/") else 200), path
