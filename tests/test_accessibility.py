"""Reading the portal in a real browser: axe-core, widths, print, keyboard, touch, text size."""

import pytest

from news.models import Article

from .conftest import require
from .factories import default_identity, image_file
from .public_pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def context(browser):
    # bypass_csp: axe-core is injected into the page, which a Content-Security-Policy forbids.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True
    )
    yield context
    context.close()


@pytest.fixture
def tab(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def site(live_server):
    urls = public_pages()
    identity = default_identity()
    identity.map_image = image_file("ban-do.png", size=(900, 600))
    identity.map_alt = "Bản đồ hành chính huyện Châu Thành"
    identity.save()
    return {name: live_server.url + path for name, path in urls.items()}


def open_page(tab, name, url):
    """The page as the browser got it; a page that failed (a small error page would pass
    every check) fails the test instead."""
    response = tab.goto(url)
    expected = 404 if name == "not found" else 200
    assert response.status == expected, (name, url, response.status)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("contrast", ["", "high"])
def test_axe_finds_no_serious_or_critical_violation(tab, site, contrast, width):
    tab.set_viewport_size({"width": width, "height": 800})  # the small screen's menu too
    if contrast:  # the reader's high-contrast mode (issue 20), as reading.js remembers it
        tab.add_init_script("window.localStorage.setItem('chauthanh.contrast', 'high')")
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require(False, "the axe-playwright-python package")
    axe = Axe()
    problems = []
    for name, url in site.items():
        open_page(tab, name, url)
        violations = axe.run(tab).response["violations"]
        for violation in violations:
            if violation["impact"] in ("serious", "critical"):
                name = f"{name} ({contrast}, {width} px)" if contrast else f"{name} ({width} px)"
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    assert len(site) >= 12  # home, category (2), article, documents (2), site map, 4 pages, 404
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [360, 1280])
def test_no_page_scrolls_sideways(tab, site, width):
    tab.set_viewport_size({"width": width, "height": 800})
    wide = []
    for name, url in site.items():
        open_page(tab, name, url)
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide.append(f"{name}: {scroll_width} px")
    assert not wide, f"pages wider than {width} px: {wide}"


def test_print_hides_menu_and_sidebar_and_keeps_the_article_whole(tab, site):
    tab.goto(site["article"])
    paragraphs = tab.locator("article .body p").all_inner_texts()
    assert len(paragraphs) >= 4  # the report: two before the gallery, two after
    tab.emulate_media(media="print")
    for chrome in (".main-menu", ".sidebar", ".site-footer", ".article-tools", ".breadcrumb"):
        assert tab.locator(chrome).is_hidden(), chrome
    assert tab.locator(".print-source").is_visible()
    assert Article.objects.get(title__startswith="Huyện ủy").get_absolute_url() in (
        tab.locator(".print-source").inner_text()
    )
    text = tab.locator("article.article").inner_text()
    for paragraph in paragraphs:
        assert paragraph in text
    # Nothing of the article is cut off on the printed page's width.
    clipped = tab.evaluate(
        """() => [...document.querySelectorAll('article.article *')].filter(
            el => el.scrollWidth > el.clientWidth + 1
                  && getComputedStyle(el).overflowX !== 'visible'
        ).length"""
    )
    assert clipped == 0
    assert tab.locator("h1").is_visible() and tab.locator("figure.photo img").is_visible()


def test_skip_link_leads_the_keyboard_to_the_content(tab, site):
    tab.goto(site["article"])
    tab.keyboard.press("Tab")
    skip = tab.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()  # shown when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "noi-dung"


def test_small_screen_menu_opens_by_keyboard(tab, site):
    tab.set_viewport_size({"width": 360, "height": 800})
    tab.goto(site["home"])
    toggle = tab.get_by_role("button", name="Menu", exact=True)
    menu = tab.locator("#menu-chinh")
    assert menu.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    tab.keyboard.press("Enter")
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Trang chủ"
    tab.keyboard.press("Escape")
    assert menu.is_hidden()
    assert toggle.evaluate("el => el === document.activeElement")


def test_small_screen_menu_opens_by_touch(browser, site):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, locale="vi-VN"
    )
    try:
        tab = context.new_page()
        tab.goto(site["home"])
        tab.get_by_role("button", name="Menu", exact=True).tap()
        link = tab.locator("#menu-chinh").get_by_role("link", name="Văn bản")
        link.tap()
        tab.wait_for_url("**/van-ban/")
        assert tab.locator("h1").inner_text() == "Văn bản"
    finally:
        context.close()


def test_wide_screen_menu_has_no_toggle(tab, site):
    tab.goto(site["home"])
    assert tab.locator(".menu-toggle").is_hidden()
    assert tab.locator("#menu-chinh").is_visible()


def test_text_size_is_remembered_by_the_browser(tab, site):
    tab.goto(site["article"])
    body = tab.locator("article .body p").first

    def size():
        return float(body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))

    default = size()
    tab.get_by_role("button", name="A+ (tăng cỡ chữ)").click()
    tab.get_by_role("button", name="A+ (tăng cỡ chữ)").click()
    larger = size()
    assert larger > default
    tab.goto(site["article"])  # another visit: the choice is kept
    assert size() == larger
    tab.get_by_role("button", name="A (cỡ chữ mặc định)").click()
    assert size() == default
    tab.get_by_role("button", name="A- (giảm cỡ chữ)").click()
    assert size() < default


def test_copy_link_copies_the_article_address(context, tab, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.goto(site["article"])
    tab.get_by_role("button", name="Sao chép liên kết").click()
    assert tab.get_by_role("status").inner_text() == "Đã sao chép liên kết bài viết."
    assert tab.evaluate("navigator.clipboard.readText()") == site["article"]


def test_map_zooms_inside_its_frame(tab, site):
    tab.set_viewport_size({"width": 360, "height": 800})
    tab.goto(site["Bản đồ hành chính"])
    image = tab.locator(".map-viewer img")
    before = image.bounding_box()["width"]
    tab.get_by_role("button", name="Phóng to").click()
    tab.get_by_role("button", name="Phóng to").click()
    assert image.bounding_box()["width"] >= 1.9 * before
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.get_by_role("button", name="Vừa khung").click()
    assert image.bounding_box()["width"] == before


def test_focus_is_visible_on_every_control(tab, site):
    tab.goto(site["article"])
    seen = set()
    for _ in range(40):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                const width = parseFloat(style.outlineWidth);
                return [el.outerHTML.slice(0, 80), style.outlineStyle, width];
            }"""
        )
        html, outline_style, outline_width = focused
        seen.add(html)
        assert outline_style != "none" and outline_width >= 2, f"no visible focus on {html}"
    assert len(seen) >= 30  # the walk went through header, menu, tools, article and sidebar


def test_without_javascript_the_menu_stays_open_and_script_buttons_stay_hidden(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site["article"])
        assert tab.locator("#menu-chinh").is_visible()
        assert tab.locator(".menu-toggle").is_hidden()
        for selector in (".text-size", ".print-button", "[data-copy-url]"):
            assert tab.locator(selector).is_hidden(), selector
        assert tab.get_by_role("link", name="Facebook").is_visible()  # plain links still share
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
