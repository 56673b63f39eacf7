"""The "Giới thiệu" section and /en/ in Chromium: axe at a phone's and an office screen's width,
and the organisation chart's details opened by keyboard (issue 19, part A)."""

import pytest

from .conftest import require
from .public_pages import organisation_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(live_server):
    return {name: live_server.url + path for name, path in organisation_pages().items()}


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_nothing_serious_on_the_new_pages(browser, pages, width):
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require(False, "the axe-playwright-python package")
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="vi-VN", bypass_csp=True
    )
    tab = context.new_page()
    problems = []
    for name, url in pages.items():
        assert tab.goto(url).status == 200, name
        for violation in Axe().run(tab).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{name}: {violation['id']} {violation['nodes'][0]['target']}")
        if tab.evaluate("document.documentElement.scrollWidth") > width:
            problems.append(f"{name}: wider than {width} px")
    context.close()
    assert not problems, "\n".join(problems)


def test_a_units_functions_open_by_keyboard(browser, pages):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    tab = context.new_page()
    tab.goto(pages["organisation chart"])
    summary = tab.locator("summary").first
    details = tab.locator("details").first
    assert not details.evaluate("element => element.open")
    summary.focus()
    tab.keyboard.press("Enter")
    assert details.evaluate("element => element.open")
    assert tab.get_by_text("Quản lý nhà nước trên địa bàn xã").is_visible()
    context.close()
