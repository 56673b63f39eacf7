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
