"""The portal's menus and home in a real browser (issue 20): the site's administrator arranges
them in the admin and the public sees the change through the page cache; sub-menus open by
keyboard and touch."""

import pytest

from multisite import default_site
from pagecache import version
from portal.defaults import create_defaults
from portal.models import HomeBlock

from .factories import PASSWORD, make_article, make_category, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_cache_on(live_server, settings):
    """The live server's page cache on for this test: its middleware read PAGE_CACHE_SECONDS
    (0 in tests) when the session's server started, so its instances are set here."""
    import gc

    from pagecache.middleware import PageCacheMiddleware

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    # type(), not isinstance(): isinstance() would evaluate lazy objects left by other tests.
    found = [o for o in gc.get_objects() if type(o) is PageCacheMiddleware]
    for middleware in found:  # an empty store: versions restart with each test's database
        middleware.seconds = 60
        middleware.store = type(middleware.store)(1000, 64 * 1024 * 1024)
    yield
    for middleware in found:
        middleware.seconds = 0


@pytest.fixture
def portal(live_server, page_cache_on):
    version.forget()
    news = make_category(name="Tin tức - Sự kiện")
    make_article(category=news, title="Bài mới nhất của huyện")
    create_defaults(default_site().pk)  # the rows migration 0002 gives an existing site
    return live_server.url


def block_order(page):
    return [t.strip() for t in page.locator("main h2").all_text_contents()]


def test_administrator_reorders_the_home_and_adds_a_menu_item_seen_through_the_page_cache(
    browser, portal
):
    make_user("quantri", "Quản trị trang")
    public = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    office = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        reader = public.new_page()
        first = reader.goto(portal + "/")
        assert first.headers["x-page-cache"] == "miss"
        before = block_order(reader)
        assert before.index("Tin nổi bật") < before.index("Thủ tục hành chính và dịch vụ công")
        assert reader.goto(portal + "/").headers["x-page-cache"] == "hit"

        admin = office.new_page()
        admin.set_default_timeout(15_000)
        admin.goto(portal + "/admin/login/")
        admin.fill("#id_username", "quantri")
        admin.fill("#id_password", PASSWORD)
        admin.click("input[type=submit]")
        admin.wait_for_url("**/admin/")
        # Reorder: the service banners first, in the list's editable order column.
        admin.goto(portal + "/admin/portal/homeblock/")
        services = HomeBlock.objects.get(kind="services")
        row = admin.locator(
            "tr", has=admin.locator(f"input[name=_selected_action][value='{services.pk}']")
        )
        row.locator("input[name$='-order']").fill("0")
        admin.click("input[name=_save]")
        admin.wait_for_selector(".messagelist")
        # A new menu item pointing at any address.
        admin.goto(portal + "/admin/portal/menuitem/add/")
        admin.select_option("#id_kind", "url")
        admin.fill("#id_title", "Cổng tỉnh Vĩnh Long")
        admin.fill("#id_url", "https://vinhlong.gov.vn/")
        admin.fill("#id_order", "5")
        admin.click("input[name=_save]")
        admin.wait_for_selector(".messagelist")

        # The same reader, the same URL: the page cache serves the new home at once (this
        # server forgets the version on commit; others within PAGE_CACHE_VERSION_SECONDS).
        again = reader.goto(portal + "/")
        assert again.headers["x-page-cache"] == "miss"
        after = block_order(reader)
        assert after.index("Thủ tục hành chính và dịch vụ công") < after.index("Tin nổi bật")
        link = reader.locator("#menu-chinh").get_by_role("link", name="Cổng tỉnh Vĩnh Long")
        assert link.get_attribute("href") == "https://vinhlong.gov.vn/"
    finally:
        public.close()
        office.close()


def test_small_screen_sub_menu_opens_by_keyboard_and_closes_with_escape(browser, portal):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    try:
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.goto(portal + "/")
        tab.get_by_role("button", name="Menu", exact=True).click()
        toggle = tab.get_by_role("button", name="Mục con của Lịch công tác")
        sub = tab.locator("#" + toggle.get_attribute("aria-controls"))
        assert sub.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
        toggle.focus()
        tab.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true" and sub.is_visible()
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.textContent") == "Lịch tiếp công dân"
        tab.keyboard.press("Escape")
        assert sub.is_hidden() and toggle.evaluate("el => el === document.activeElement")
    finally:
        context.close()


def test_sub_menu_opens_by_touch(browser, portal):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, locale="vi-VN"
    )
    try:
        tab = context.new_page()
        tab.goto(portal + "/")
        tab.get_by_role("button", name="Menu", exact=True).tap()
        tab.get_by_role("button", name="Mục con của Gửi ý kiến").tap()
        tab.locator("#menu-chinh").get_by_role("link", name="Góp ý dự thảo").tap()
        tab.wait_for_url("**/gop-y-du-thao/")
    finally:
        context.close()
