"""The report as a reader sees it in a real browser (Debian's Chromium through Playwright)."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report(live_server):
    call_command("loaddata", "nq35_report", verbosity=0)
    from news.models import Article

    return Article.objects.get()


@pytest.mark.parametrize("width", [360, 1280])
def test_report_reads_in_a_browser_without_sideways_scrolling(page, live_server, report, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=report.title).first.click()
    page.wait_for_url(f"**{report.get_absolute_url()}")
    assert page.locator("h1").inner_text() == report.title
    assert page.locator("figure.photo figcaption").inner_text().startswith("Bà Nguyễn Minh Thuy")
    # Every photo really loads (natural size > 0), the lazy gallery's four once scrolled to.
    images = page.locator("main img")
    assert images.count() == 5
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert page.get_by_role("link", name="Nghị quyết số 35-NQ/TW ngày 22/10/2018").is_visible()
    assert "Ông Đỗ Minh Tiến" in page.locator("footer").inner_text()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"page scrolls sideways at {width} px ({scroll_width} px wide)"


def test_a_browser_visit_is_counted_once_and_shown(browser, live_server, report, settings):
    settings.VISITORS_CACHE_SECONDS = 0
    settings.VISITORS_FLUSH_SECONDS = 0
    context = browser.new_context(
        user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + report.get_absolute_url())
        page.goto(live_server.url + "/")  # same visitor: a page view, not a new visit
        widget = page.locator("section[aria-labelledby=thong-ke-truy-cap]").inner_text()
        assert "Tất cả" in widget and "2.298.725" in widget
        assert not [c for c in context.cookies() if c["name"] != "csrftoken"]
    finally:
        context.close()
    report.refresh_from_db()
    assert report.view_count == 1
