"""Helpers for the editors' desk in Chromium: office screens, logging in, measuring the layout."""

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


def log_in(page, live_server, username, path="/admin/login/"):
    if path:
        page.goto(live_server.url + path)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def wait_for_editor(page):
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && "
        "CKEDITOR.instances.id_body.status === 'ready'"
    )


def editable(page):
    return page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
