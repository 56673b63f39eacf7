"""Searching with the keyboard alone, in a real browser (Debian's Chromium)."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_keyboard_user_searches_from_the_header(page, live_server):
    call_command("loaddata", "nq35_report", verbosity=0)
    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="Tìm kiếm bài viết, văn bản")
    for _ in range(10):  # Tab from the top of the page until the search box has the focus
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the header search box is not reachable with Tab")
    page.keyboard.type("NGHỊ QUYẾT 35")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert "Tìm thấy 2 kết quả" in page.get_by_role("status").inner_text()
    results = page.locator("ol.search-results h3 a")
    assert results.count() == 2
    assert results.first.inner_text().startswith("Huyện ủy Châu Thành sơ kết 05 năm")
    assert page.locator("ol.search-results mark").count() >= 4
    # The page's own form is labelled for screen readers.
    assert page.get_by_label("Từ khóa (gõ có dấu hay không dấu đều được)").input_value() == (
        "NGHỊ QUYẾT 35"
    )
