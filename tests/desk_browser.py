"""Helpers for the editors' desk in Chromium: office screens, logging in, measuring the layout."""

import pytest

from .factories import PASSWORD

OFFICE_SCREENS = [(1366, 768), (1280, 800)]

# Every form field, button, editor and the submit row of the page, as boxes; a wrapper with
# overflow:auto cannot hide a wide form from this (its children keep their real boxes).
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  const selector = 'input:not([type=hidden]), select, textarea, button, .submit-row, ' +
    '.select2-container, .cke, iframe, #result_list, .object-tools, #content h1, #content h2';
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('.cke_dialog, .empty-form, [hidden]')) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.left < -0.5 || box.right > width + 0.5) {
      wide.push(`${el.tagName.toLowerCase()}#${el.id || el.name || el.className}: ` +
                `${Math.round(box.left)}..${Math.round(box.right)} of ${width}`);
    }
  }
  if (document.documentElement.scrollWidth > width) {
    wide.push(`page: ${document.documentElement.scrollWidth} px wide in ${width}`);
  }
  return wide;
}"""


def assert_fits(page, where):
    """Every field and the submit row lie inside the viewport's width."""
    wide = page.evaluate(MEASURE)
    assert not wide, f"{where}: {wide}"


@pytest.fixture
def office(browser, live_server):
    """Open a logged-in (or not) browser of its own, at an office screen size."""
    contexts = []

    def open_browser(username=None, size=OFFICE_SCREENS[0]):
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        if username:
            log_in(page, live_server, username)
        return page

    yield open_browser
    for context in contexts:  # before the live server stops: no request left half-served
        for page in context.pages:
            page.goto("about:blank")  # an edit page says goodbye (a beacon) as it goes
        if context.pages:
            context.pages[0].wait_for_timeout(300)
        context.close()


def log_in(page, live_server, username, path="/admin/login/"):
    if path:
        page.goto(live_server.url + path)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("load")


def wait_for_editor(page):
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && "
        "CKEDITOR.instances.id_body.status === 'ready'"
    )


def editable(page):
    return page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
