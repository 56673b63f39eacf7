"""The whole editorial round trip in Debian's Chromium: editor -> approver -> editor ->
approver -> public, through the real login form and the real admin pages."""

import pytest

from editorial.roles import APPROVER, EDITOR
from news.models import Article

from .factories import PASSWORD, make_category, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Huyện Châu Thành ra quân chiến dịch mùa hè xanh"


@pytest.fixture
def log_in(browser, live_server):
    """A logged-in staff member in a browser context of their own (closed after the test)."""
    contexts = []

    def log_in(username):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("#viec-can-lam")
        return page

    yield log_in
    for context in contexts:  # before the live server stops: no request left half-served
        context.close()


def test_editor_and_approver_take_an_article_to_the_public(log_in, live_server, page):
    category = make_category(name="Tin tức - Sự kiện")
    make_user("bientap", EDITOR)
    make_user("truongban", APPROVER)

    # The editor writes a draft and submits it.
    editor = log_in("bientap")
    editor.goto(live_server.url + "/admin/news/article/add/")
    editor.fill("#id_title", TITLE)
    editor.select_option("#id_category", str(category.pk))
    editor.fill("#id_lead", "Sáng nay, hơn 300 đoàn viên ra quân.")
    editor.get_by_role("button", name="Gửi duyệt", exact=True).click()
    editor.wait_for_selector("text=Gửi duyệt: “")
    article = Article.objects.get()
    assert article.status == "pending"

    # The approver finds it waiting on the index page and sends it back with a reason.
    approver = log_in("truongban")
    assert approver.inner_text("#so-bai-cho-duyet") == "1"
    approver.click("#viec-can-lam a")
    approver.get_by_role("link", name=TITLE).click()
    approver.fill("#id_review_note", "Ghi rõ số đoàn viên của từng xã.")
    approver.get_by_role("button", name="Trả lại kèm lý do").click()
    approver.wait_for_selector("text=Trả lại: “")
    assert Article.objects.get().status == "draft"

    # The editor reads the reason, fixes the lead and submits again.
    editor.goto(live_server.url + f"/admin/news/article/{article.pk}/change/")
    assert "Ghi rõ số đoàn viên của từng xã." in editor.inner_text("#ly-do-tra-lai")
    editor.fill("#id_lead", "Sáng nay, 312 đoàn viên của 14 xã, thị trấn ra quân.")
    editor.get_by_role("button", name="Gửi duyệt").click()
    editor.wait_for_selector("text=Gửi duyệt: “")

    # Before publication the public gets 404, while staff can preview it.
    response = page.goto(live_server.url + f"/tin-tuc/{article.slug}/")
    assert response.status == 404
    approver.goto(live_server.url + f"/tin-tuc/{article.slug}/xem-truoc/")
    assert "Bản nháp" in approver.inner_text(".preview-banner")

    # The approver publishes it.
    approver.goto(live_server.url + f"/admin/news/article/{article.pk}/change/")
    approver.get_by_role("button", name="Xuất bản / hẹn giờ").click()
    approver.wait_for_selector("text=Xuất bản: “")

    # The public page shows it, with the editor's corrected lead.
    response = page.goto(live_server.url + f"/tin-tuc/{article.slug}/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == TITLE
    assert "312 đoàn viên của 14 xã" in page.locator("p.lead").inner_text()
    assert page.locator(".preview-banner").count() == 0
    actions = list(Article.objects.get().events.values_list("action", flat=True))
    assert actions == ["published", "submitted", "sent_back", "submitted", "created"]
