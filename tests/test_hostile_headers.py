"""Request headers chosen by an attacker: each costs the server little and is believed only
where it may be (issue 21: the long User-Agent, X-Forwarded-For, X-Request-ID, Host)."""

import logging
import time

import pytest
from django.core.management import call_command

from pagecache import version
from visitors import counter, keys

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
# The shape that made crawlerdetect quadratic: one long run of letters inside a browser's UA.
LONG_UAS = {
    "8 KB": "Mozilla/5.0 (" + "a" * 8 * 1024 + ")",
    "64 KB": "Mozilla/5.0 (" + "a" * 64 * 1024 + ")",
    "8 KB of a crawler's name": "Mozilla/5.0 (" + "DigitalPebble" * 640 + ")",
}
# Per request, beyond what the same request costs with an ordinary User-Agent.
EXTRA_CPU_ALLOWED = 0.003  # seconds


def cpu_of(client, url, repeat=3, **headers):
    """The least CPU time (this thread's) of `repeat` identical requests: noise only adds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        response = client.get(url, **headers)
        best = min(best, time.thread_time() - start)
        assert response.status_code == 200, url
    return best


@pytest.fixture
def site(db, settings):
    settings.VISITORS_CACHE_SECONDS = 0
    settings.VISITORS_FLUSH_SECONDS = 0
    call_command("loaddata", "nq35_report", verbosity=0)  # the counter is new (conftest)


@pytest.mark.parametrize("label", LONG_UAS)
def test_a_long_user_agent_costs_no_more_than_an_ordinary_one_on_a_counted_page(
    client, site, label
):
    ua = LONG_UAS[label]
    # Distinct values each time: a cache of earlier answers must not be what saves us.
    ordinary = cpu_of(client, "/", HTTP_USER_AGENT=FIREFOX)
    hostile = min(cpu_of(client, "/", repeat=1, HTTP_USER_AGENT=f"{ua[:-1]}{n})") for n in range(3))
    assert hostile - ordinary < EXTRA_CPU_ALLOWED, (label, hostile, ordinary)


@pytest.mark.parametrize("label", LONG_UAS)
def test_a_long_user_agent_is_cheap_on_a_page_served_from_the_page_cache(
    client, site, settings, label
):
    settings.PAGE_CACHE_SECONDS = 60
    version.forget()
    client.get("/", HTTP_USER_AGENT=FIREFOX)  # stored
    ordinary = cpu_of(client, "/", HTTP_USER_AGENT=FIREFOX)
    ua = LONG_UAS[label]
    hostile = min(cpu_of(client, "/", repeat=1, HTTP_USER_AGENT=f"{ua[:-1]}{n})") for n in range(3))
    assert client.get("/", HTTP_USER_AGENT=ua)["X-Page-Cache"] == "hit"
    assert hostile - ordinary < EXTRA_CPU_ALLOWED, (label, hostile, ordinary)


def test_a_user_agent_longer_than_any_browser_sends_is_not_a_visitor(client, site):
    client.get("/", HTTP_USER_AGENT=LONG_UAS["8 KB"], REMOTE_ADDR="203.113.0.9")
    assert counter.read_stats()["today"] == 0
    client.get("/", HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR="203.113.0.9")
    assert counter.read_stats()["today"] == 1


@pytest.mark.parametrize(
    "ua, bot",
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", True),
        ("curl/8.5.0", True),
        ("python-requests/2.32.3", True),
        ("Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 HeadlessChrome/120.0", True),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", True),
        ("Java/17.0.2 outbrain", True),
        (FIREFOX, False),
        ("Mozilla/5.0 (Linux; Android 10; CUBOT X20) AppleWebKit/537.36 Chrome/120.0", False),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Mobile/15E148 Zalo iOS/471 ZaloTheme/light ZaloLanguage/vn",
            False,
        ),
        ("", True),
        ("   ", True),
    ],
)
def test_bots_are_still_told_from_browsers(ua, bot):
    assert keys.is_bot(ua) is bot


def adversarial_user_agents(length):
    """For every pattern the bot list holds, a User-Agent repeating its opening: what makes a
    backtracking matcher try the most branches at the most positions."""
    from crawlerdetect.providers.crawlers import data as crawlers
    from crawlerdetect.providers.exclusions import data as exclusions

    openings = {" ", "a", "1", "Java ", "Go 1", "NewsBlur ", "CPU iPhone OS 1", "Mozilla/5.0 "}
    for pattern in [*crawlers, *exclusions]:
        literal = pattern.lstrip("^").replace("\\", "")
        cut = next((i for i, c in enumerate(literal) if c in "()[]|*+?.{$"), len(literal))
        if cut:
            openings.add(literal[: min(cut, 14)])
    for opening in sorted(openings):
        yield (opening * (length // len(opening) + 1))[:length]


def test_no_user_agent_makes_the_bot_check_expensive():
    worst = 0.0
    for length in (keys.MAX_USER_AGENT_LENGTH - 1, 8 * 1024):
        for ua in adversarial_user_agents(length):
            start = time.thread_time()
            keys.is_bot(ua + "!")  # never cached
            worst = max(worst, time.thread_time() - start)
    # The slowest of about 3,000 crafted values (about 1.4 ms here); a page costs 10 ms.
    assert worst < 0.005, worst


# --- X-Forwarded-For: believed only from the proxy ----------------------------------------------


@pytest.mark.parametrize(
    "peer, networks, believed",
    [
        ("127.0.0.1", None, True),  # nginx on the same machine
        ("", None, True),  # gunicorn's Unix socket (docs/deploy.md): only nginx can connect
        # gunicorn reached directly (a port left open): the client names any address it likes.
        ("198.51.100.20", None, False),
        ("10.1.2.3", ["10.0.0.0/8"], True),  # a proxy on another machine, configured
        ("127.0.0.1", ["10.0.0.0/8"], False),
    ],
)
def test_forwarded_for_is_believed_from_the_proxy_only(rf, settings, peer, networks, believed):
    settings.VISITORS_TRUSTED_PROXIES = 1
    if networks:
        settings.VISITORS_PROXY_NETWORKS = networks
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR="203.113.0.7")
    assert keys.client_address(request) == ("203.113.0.7" if believed else peer)


@pytest.mark.django_db
def test_a_login_lock_cannot_be_dodged_by_naming_another_address(client, settings):
    from .factories import make_user

    settings.VISITORS_TRUSTED_PROXIES = 1
    make_user("bientap")
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "bientap", "password": "sai"},
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"203.113.0.{n}",  # a new "address" on every try
        )
    assert response.status_code == 429


# --- X-Request-ID: the proxy's, never the client's --------------------------------------------


def test_a_client_chosen_request_id_is_replaced(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-the-client-0001")
    assert response["X-Request-ID"] != "chosen-by-the-client-0001"
    assert len(response["X-Request-ID"]) == 32


def test_the_proxy_request_id_is_kept(client, db, settings):
    settings.VISITORS_TRUSTED_PROXIES = 1
    response = client.get(
        "/healthz", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef", REMOTE_ADDR="127.0.0.1"
    )
    assert response["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    # The same header from anywhere else is a client's.
    response = client.get(
        "/healthz", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef", REMOTE_ADDR="192.0.2.1"
    )
    assert response["X-Request-ID"] != "0123456789abcdef0123456789abcdef"


# --- Host: a bad one is one warning, no traceback ---------------------------------------------


def test_a_bad_host_header_logs_one_line_without_a_traceback(client, db, settings, caplog):
    settings.PAGE_CACHE_SECONDS = 60
    version.forget()
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in records] == ["django.security.DisallowedHost"], records
    formatted = logging.Formatter().format(records[0])
    assert "Traceback" not in formatted


def test_the_bot_check_agrees_with_crawlerdetect():
    """The same verdict as the library whose lists it uses, on browsers and on every crawler
    the lists name (each inside a browser-like User-Agent)."""
    from crawlerdetect import CrawlerDetect
    from crawlerdetect.providers.crawlers import data as crawlers

    reference = CrawlerDetect()
    samples = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.18",
    ]
    for pattern in crawlers:
        name = pattern.lstrip("^").rstrip("$").replace("\\", "")
        samples.append(f"Mozilla/5.0 (compatible; {name}/2.1)")
        samples.append(name)
    disagreements = [ua for ua in samples if keys.is_bot(ua) != reference.is_crawler(ua)]
    assert disagreements == []
