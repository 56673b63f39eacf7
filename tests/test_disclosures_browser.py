"""Công khai in Chromium: axe-core at a phone's and an office screen's width on every page type
of the section, and its filters worked by keyboard."""

import pytest

from .conftest import require
from .public_pages import disclosure_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(live_server):
    from django.core.management import call_command

    call_command("loaddata", "nq35_report", verbosity=0)  # the document a disclosure links
    return {name: live_server.url + path for name, path in disclosure_pages().items()}


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_and_width_on_every_disclosure_page(browser, pages, width):
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require(False, "the axe-playwright-python package")
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="vi-VN", bypass_csp=True
    )
    tab = context.new_page()
    problems = []
    try:
        for name, url in pages.items():
            assert tab.goto(url).status == 200, name
            for violation in Axe().run(tab).response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    problems.append(f"{name}: {violation['id']} ({violation['impact']})")
            if tab.evaluate("document.documentElement.scrollWidth") > width:
                problems.append(f"{name}: wider than {width} px")
    finally:
        context.close()
    assert len(pages) == 5
    assert not problems, "\n".join(problems)


def test_filters_work_by_keyboard(browser, pages):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(pages["disclosures"])
        link = tab.get_by_role("link", name="Mua sắm, đấu thầu", exact=True)
        link.focus()
        tab.keyboard.press("Enter")
        tab.wait_for_url("**loai=mua-sam-dau-thau**")
        assert tab.locator("h1").inner_text() == "Công khai: Mua sắm, đấu thầu"
        assert tab.get_by_role("link", name="Mua sắm, đấu thầu quý II năm 2025").is_visible()
        assert tab.get_by_role("link", name="Dự toán ngân sách năm 2026").count() == 0
    finally:
        context.close()
