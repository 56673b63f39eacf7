import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require(available, what):
    """Skip when a tool is missing on a developer's machine; in CI a missing tool is a failure."""
    if not available:
        if IN_CI:
            pytest.fail(f"{what} is required in CI but is not available")
        pytest.skip(f"{what} is not available")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests run on a file, as production does (WAL, IMMEDIATE transactions), not on
    Django's default in-memory database: several threads and processes (a gunicorn started by
    a test) then share it the way several workers share the real one."""
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads and fixture photos into its own temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"  # citizens' attachments
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """The in-process caches outlive a test; each test starts with them empty (the sites
    resolver's answers too), and with a new visitor counter (no buffered page views, remembered
    visits, salts or numbers)."""
    from django.apps import apps
    from django.core.cache import cache

    from multisite.resolver import resolver

    cache.clear()
    resolver.clear()
    counter = apps.get_app_config("visitors").reset()
    yield
    counter.close()
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Production hashes a password with PBKDF2 (1,000,000 rounds: about a second of CPU each);
    tests make and log in many users and prove nothing by paying for it."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def content_version_read(db, settings):
    """A function that makes this process read the shared content versions (and look up the
    scheduled changes of the default site's) now, and not again during the test: they are read
    once per PAGE_CACHE_VERSION_SECONDS, so a query count would depend on time. Call it after
    making the test's content (every change bumps the version). Feeds and sitemaps date their
    Last-Modified by it; the page cache keys its pages by it."""
    from pagecache import version
    from pagecache.schedule import schedule

    settings.PAGE_CACHE_VERSION_SECONDS = 3600

    def read():
        import multisite

        version.forget()
        site_id = multisite.default_site().pk  # the test client's site
        schedule.last_change(site_id, version.current(site_id))

    read()
    yield read
    version.forget()


@pytest.fixture
def site_resolved(db):
    """This process already knows the test client's site (multisite.resolver), as a warm worker
    does: a request then pays one statement for it (the shared sites version), not two."""
    import multisite

    return multisite.resolve("testserver")


@pytest.fixture
def postgresql(db):
    """For tests that only make sense on PostgreSQL: they skip on the SQLite pass by design."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (this pass runs on SQLite)")
    return connection


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download is blocked here)."""
    require(os.path.exists(CHROMIUM), f"Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies carried between tests), 1280 px wide."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def office(browser, live_server):
    """The editors' desk (tests/desk_browser.py): a logged-in (or anonymous) browser of its
    own at an office screen size, 1366×768 unless told."""
    from .desk_browser import OFFICE_SCREENS, log_in

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
