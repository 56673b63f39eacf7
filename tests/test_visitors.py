"""Visitor statistics: the semantics of DESIGN.md ("Visitor counters") through the middleware."""

import ipaddress
import logging
import random
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Article, SiteIdentity
from visitors import keys
from visitors.counter import Clock, current
from visitors.models import ActiveVisitor, DailySalt, DailyStats, MonthlyStats, VisitorTotals

from .concurrency import at_once
from .factories import make_article

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 Chrome/120.0 Mobile Safari"


class FakeClock(Clock):
    def __init__(self, moment):
        self.moment = moment

    def now(self):
        return self.moment

    def advance(self, **delta):
        self.moment += timedelta(**delta)


@pytest.fixture(autouse=True)
def counter(settings):
    """This process's counter, new (conftest), with always-fresh numbers and its buffer written
    on every page view."""
    settings.VISITORS_CACHE_SECONDS = 0
    settings.VISITORS_FLUSH_SECONDS = 0
    return current()


@pytest.fixture
def clock(counter):
    # A Wednesday, 10:00 in Châu Thành.
    counter.clock = FakeClock(datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL))
    return counter.clock


@pytest.fixture
def article(db):
    return make_article(title="Bài đọc thử")


def visit(client, url="/", ua=FIREFOX, ip="203.113.0.7", **extra):
    return client.get(url, HTTP_USER_AGENT=ua, REMOTE_ADDR=ip, **extra)


def stats():
    return current().read_stats()


@pytest.mark.django_db
def test_new_visitor_grows_each_number_by_one(client, clock, article):
    before = stats()
    assert visit(client, article.get_absolute_url()).status_code == 200
    after = stats()
    assert {k: after[k] - before[k] for k in after} == {
        "online": 1, "today": 1, "week": 1, "total": 1,
    }  # fmt: skip


@pytest.mark.django_db
def test_same_visitor_within_the_gap_adds_only_page_views(client, clock, article):
    visit(client, article.get_absolute_url())
    first = stats()
    clock.advance(minutes=29, seconds=59)
    visit(client, "/")
    assert stats() == first
    assert DailyStats.objects.get().page_views == 2
    article.refresh_from_db()
    assert article.view_count == 1  # "Lượt xem": the article page only


@pytest.mark.django_db
def test_after_thirty_quiet_minutes_a_new_visit_starts(client, clock):
    visit(client)
    clock.advance(minutes=30, seconds=1)
    visit(client)
    assert stats()["today"] == 2
    assert DailyStats.objects.get().visits == 2


@pytest.mark.django_db
def test_visit_gap_is_measured_from_the_last_page_view(client, clock):
    for _ in range(4):  # a reader who keeps reading for an hour is one visit
        visit(client)
        clock.advance(minutes=20)
    assert stats()["today"] == 1


@pytest.mark.django_db
def test_distinct_visitors_are_told_apart_by_address_and_browser(client, clock):
    visit(client, ip="203.113.0.7", ua=FIREFOX)
    visit(client, ip="203.113.0.8", ua=FIREFOX)
    visit(client, ip="203.113.0.7", ua=PHONE)
    visit(client, ip="2402:800:1:2:aaaa::1", ua=FIREFOX)
    visit(client, ip="2402:800:1:2:bbbb::2", ua=FIREFOX)  # same /64: same household
    assert stats()["today"] == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, ua, extra, status",
    [
        ("/", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", {}, 200),
        ("/", "", {}, 200),
        ("/", "curl/8.5.0", {}, 200),
        ("/admin/login/", FIREFOX, {}, 200),
        ("/static/css/site.css", FIREFOX, {}, 200),
        ("/khong-co-trang-nay/", FIREFOX, {}, 404),
        ("/visitors/stats.json", FIREFOX, {}, 200),
        ("/", FIREFOX, {"HTTP_SEC_PURPOSE": "prefetch"}, 200),
        ("/", FIREFOX, {"HTTP_PURPOSE": "prefetch"}, 200),
    ],
)
def test_what_is_not_a_page_view_changes_nothing(client, clock, url, ua, extra, status):
    # Served as usual (so it is the rule that leaves it uncounted, not a failure)...
    assert visit(client, url, ua=ua, **extra).status_code == status
    assert stats() == {"online": 0, "today": 0, "week": 0, "total": 0}
    assert not DailyStats.objects.exists() and not ActiveVisitor.objects.exists()


@pytest.mark.django_db
def test_head_post_and_staff_are_not_counted(client, clock):
    assert client.head("/", HTTP_USER_AGENT=FIREFOX).status_code == 200
    assert client.post("/", HTTP_USER_AGENT=FIREFOX).status_code == 200  # answered, uncounted
    staff = get_user_model().objects.create_user(
        "bientap", password="mat-khau-dai-123", is_staff=True
    )
    client.force_login(staff)
    assert visit(client).status_code == 200
    assert stats()["today"] == 0 and not ActiveVisitor.objects.exists()
    client.logout()  # the same person, the same browser, as a reader
    assert visit(client).status_code == 200
    assert stats()["today"] == 1


@pytest.mark.django_db
def test_a_preview_is_not_counted(rf, clock):
    from django.http import HttpResponse

    from visitors.middleware import VisitorCounterMiddleware

    def article_view(request, preview):
        request.is_preview = preview
        return HttpResponse("<p>Bản nháp</p>")

    request = rf.get("/tin-tuc/ban-nhap/xem-truoc/", HTTP_USER_AGENT=FIREFOX)
    VisitorCounterMiddleware(lambda request: article_view(request, preview=True))(request)
    assert stats()["today"] == 0
    request = rf.get("/tin-tuc/ban-nhap/", HTTP_USER_AGENT=FIREFOX)
    VisitorCounterMiddleware(lambda request: article_view(request, preview=False))(request)
    assert stats()["today"] == 1  # the same page, published: counted


@pytest.mark.django_db
def test_midnight_starts_new_visits_and_a_new_day(client, clock):
    clock.moment = datetime(2026, 11, 25, 23, 55, tzinfo=LOCAL)  # Wednesday
    visit(client)
    clock.advance(minutes=10)  # Thursday 00:05, five quiet minutes later
    visit(client)
    numbers = stats()
    assert numbers["today"] == 1 and numbers["week"] == 2 and numbers["total"] == 2
    assert sorted(DailyStats.objects.values_list("day", "visits")) == [
        (datetime(2026, 11, 25).date(), 1), (datetime(2026, 11, 26).date(), 1),
    ]  # fmt: skip


@pytest.mark.django_db
def test_week_starts_on_monday_at_local_midnight(client, clock):
    clock.moment = datetime(2026, 11, 29, 23, 0, tzinfo=LOCAL)  # Sunday 23:00
    visit(client)
    assert stats()["week"] == 1
    clock.moment = datetime(2026, 11, 30, 0, 30, tzinfo=LOCAL)  # Monday 00:30
    assert stats()["week"] == 0
    visit(client, ip="203.113.0.99")
    assert stats() | {"total": None} == {"online": 1, "today": 1, "week": 1, "total": None}
    # 17:10 UTC on Sunday is already Monday in Châu Thành.
    clock.moment = datetime(2026, 11, 29, 17, 10, tzinfo=ZoneInfo("UTC"))
    assert Clock.local_day(clock.moment).weekday() == 0


@pytest.mark.django_db
def test_online_drops_a_visitor_after_five_minutes(client, clock):
    visit(client)
    clock.advance(minutes=4, seconds=59)
    assert stats()["online"] == 1
    clock.advance(seconds=2)
    assert stats()["online"] == 0
    assert stats()["today"] == 1


@pytest.mark.django_db
def test_trusted_proxy_address_is_used_only_when_configured(client, clock, settings):
    forwarded = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.113.5.5"}
    visit(client, ip="10.0.0.1", **forwarded)
    visit(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2, 203.113.5.6")
    assert stats()["today"] == 1, "without trusted proxies X-Forwarded-For is ignored"
    settings.VISITORS_TRUSTED_PROXIES = 1
    settings.VISITORS_PROXY_NETWORKS = ["10.0.0.0/8"]  # the proxy's own address
    visit(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.113.5.5")
    visit(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.113.5.5")  # forged left part
    visit(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.113.5.6")
    assert stats()["today"] == 3


@pytest.mark.django_db
def test_no_ip_address_or_user_agent_is_stored(client, clock, article):
    ips = ["203.113.0.7", "198.51.100.23", "2402:800:1:2:aaaa::1"]
    for ip in ips:
        for ua in (FIREFOX, PHONE):
            visit(client, article.get_absolute_url(), ua=ua, ip=ip)
    assert not client.cookies, "the counter sets no cookie"
    dump = []
    for model in (ActiveVisitor, DailySalt, DailyStats, MonthlyStats, VisitorTotals):
        dump += [repr(row) for row in model.objects.values_list()]
    text = "\n".join(dump)
    assert ActiveVisitor.objects.count() == 6
    for secret in [*ips, "2402:800:1:2", "Firefox", "Android", "Mozilla", "203.113"]:
        assert secret not in text


@pytest.mark.django_db
def test_salts_older_than_yesterday_are_destroyed(client, clock):
    for _ in range(4):
        visit(client)
        clock.advance(days=1)
    visit(client)
    days = sorted(DailySalt.objects.values_list("day", flat=True))
    assert [d.isoformat() for d in days] == ["2026-11-28", "2026-11-29"]


@pytest.mark.django_db(transaction=True)
def test_a_counter_fault_never_breaks_the_page(client, clock, caplog):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE visitors_activevisitor RENAME TO visitors_activevisitor_gone")
        cursor.execute("ALTER TABLE visitors_dailystats RENAME TO visitors_dailystats_gone")
    try:
        with caplog.at_level(logging.ERROR, logger="visitors"):
            response = visit(client)
        assert response.status_code == 200
        assert "Tạm thời chưa có số liệu" in response.content.decode()
        assert any("counting failed" in r.getMessage() for r in caplog.records)
        assert any("statistics unavailable" in r.getMessage() for r in caplog.records)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE visitors_activevisitor_gone RENAME TO visitors_activevisitor"
            )
            cursor.execute("ALTER TABLE visitors_dailystats_gone RENAME TO visitors_dailystats")


def write_statements(queries):
    """INSERT, UPDATE, DELETE, and PostgreSQL's single WITH ... INSERT ... statement."""
    return [q["sql"] for q in queries if q["sql"].lstrip().split()[0].upper() in
            {"INSERT", "UPDATE", "DELETE", "WITH"}]  # fmt: skip


@pytest.mark.django_db
def test_returning_visitor_costs_at_most_two_writes(client, clock, article, settings, counter):
    visit(client, "/")  # the visit starts here
    with CaptureQueriesContext(connection) as unbuffered:
        visit(client, "/")
    # The key's upsert, then today's page views (flushed at once in this test).
    assert len(write_statements(unbuffered.captured_queries)) == 2

    settings.VISITORS_FLUSH_SECONDS = 60  # the default buffers for a second
    with CaptureQueriesContext(connection) as buffered:
        visit(client, article.get_absolute_url())
    assert len(write_statements(buffered.captured_queries)) == 1  # the key's upsert only
    counter.flush()  # one statement for the day, one for the article
    article.refresh_from_db()
    assert article.view_count == 1 and DailyStats.objects.get().page_views == 3


@pytest.fixture
def flushed_in_background(settings, monkeypatch, counter):
    """VISITORS_FLUSH_THREAD as in production, the thread itself left out: `flush()` by hand."""
    settings.VISITORS_FLUSH_THREAD = True
    settings.VISITORS_FLUSH_SECONDS = 1
    monkeypatch.setattr(counter.flusher, "ensure_running", lambda: None)


@pytest.mark.django_db
def test_page_views_of_a_visit_this_process_confirmed_cost_no_statement(
    client, clock, article, flushed_in_background, counter
):
    visit(client, "/")  # the visit starts: confirmed by the key's upsert
    clock.advance(minutes=10)
    with CaptureQueriesContext(connection) as captured:
        visit(client, article.get_absolute_url())
        visit(client, "/")
    assert write_statements(captured.captured_queries) == []
    # "Đang online" learns of the later views when the buffer is written (within a second).
    assert stats() == {"online": 0, "today": 1, "week": 1, "total": 1}
    counter.flush()  # what the thread does each second
    assert stats() == {"online": 1, "today": 1, "week": 1, "total": 1}
    active = ActiveVisitor.objects.get()
    assert active.last_seen == clock.moment  # the key's last page view, written by the flush
    assert DailyStats.objects.get().page_views == 3
    article.refresh_from_db()
    assert article.view_count == 1


@pytest.mark.django_db
def test_a_visit_continued_in_one_process_goes_on_in_another(
    client, clock, flushed_in_background, counter
):
    visit(client, "/")
    clock.advance(minutes=20)
    visit(client, "/")  # no statement: buffered in this process
    counter.flush()
    # Another process: a counter of its own, which has never seen this key.
    other = apps.get_app_config("visitors").reset(clock=clock)
    other.flusher.ensure_running = lambda: None
    clock.advance(minutes=25)  # 45 minutes after the confirmed view, 25 after the last one
    visit(client, "/")
    assert stats()["today"] == 1
    clock.advance(minutes=30, seconds=1)
    visit(client, "/")
    assert stats()["today"] == 2


@pytest.mark.django_db
def test_the_visit_gap_holds_for_page_views_without_statements(
    client, clock, flushed_in_background, counter
):
    visit(client, "/")
    clock.advance(minutes=10)
    visit(client, "/")  # buffered
    counter.flush()
    clock.advance(minutes=29, seconds=59)  # beyond the process's trust: the upsert decides
    visit(client, "/")
    assert stats()["today"] == 1
    clock.advance(minutes=30, seconds=1)
    visit(client, "/")
    assert stats()["today"] == 2


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_writes_the_buffer_within_seconds(client, settings, counter):
    settings.VISITORS_FLUSH_THREAD = True
    settings.VISITORS_FLUSH_SECONDS = 0.2
    for _ in range(3):
        visit(client, "/")
    assert counter.flusher.thread is not None and counter.flusher.thread.is_alive()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not DailyStats.objects.filter(page_views=3).exists():
        time.sleep(0.05)
    assert DailyStats.objects.get().page_views == 3
    assert stats()["today"] == 1 and not counter.buffer


@pytest.mark.django_db
def test_a_new_visit_costs_three_writes(client, clock):
    visit(client, "/", ip="198.51.100.1")  # another visitor first: today's salt exists
    with CaptureQueriesContext(connection) as captured:
        visit(client, "/")
    # SQLite: the key's upsert, today's visits, the total; PostgreSQL: all three in one
    # statement. Then today's page views (flushed at once in this test).
    expected = 2 if connection.vendor == "postgresql" else 4
    assert len(write_statements(captured.captured_queries)) == expected


@pytest.mark.django_db
def test_widget_costs_one_query_cold_and_none_warm(client, settings, counter):
    call_command("loaddata", "nq35_report", verbosity=0)
    settings.VISITORS_CACHE_SECONDS = 10
    url = Article.objects.get().get_absolute_url()
    client.get(url)  # warm everything but the numbers (no User-Agent: not counted, no write)
    counter.forget_stats()
    with CaptureQueriesContext(connection) as cold:
        cold_page = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        warm_page = client.get(url).content.decode()
    # The page's own queries both times; the four numbers once, cold, in one query.
    numbers = [q["sql"] for q in cold.captured_queries if "visitors_" in q["sql"]]
    assert len(numbers) == 1 and "visitors_activevisitor" in numbers[0]
    assert len(cold) == len(warm) + 1
    assert not [q for q in warm.captured_queries if "visitors_" in q["sql"]]
    for page in (cold_page, warm_page):  # the widget shows them: the report's baseline
        assert "Thống kê truy cập" in page and "2.298.724" in page


@pytest.mark.django_db
def test_reading_the_numbers_is_one_query_whatever_the_history(
    clock, django_assert_num_queries, counter
):
    DailyStats.objects.bulk_create(
        DailyStats(day=datetime(2020, 1, 1).date() + timedelta(days=i), visits=3, page_views=9)
        for i in range(2000)
    )
    ActiveVisitor.objects.bulk_create(
        ActiveVisitor(key=f"k{i}", last_seen=clock.moment - timedelta(minutes=i)) for i in range(50)
    )
    with django_assert_num_queries(1):
        numbers = counter.read_stats()
    assert numbers["online"] == 6  # seen 0..5 minutes ago


@pytest.mark.django_db
def test_sidebar_and_json_show_the_baseline_plus_counted_visits(client, clock):
    call_command("loaddata", "nq35_report", verbosity=0)
    html = visit(client).content.decode()
    assert "Thống kê truy cập" in html and "2.298.724" in html  # counted after rendering
    assert "2.298.725" in visit(client).content.decode()
    response = client.get("/visitors/stats.json")
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"online": 1, "today": 1, "week": 1, "total": 2298725}


@pytest.mark.django_db
def test_fixture_sets_the_baseline_only_where_none_is_set(client, clock):
    visit(client)  # a visit before the report is loaded
    call_command("loaddata", "nq35_report", verbosity=0)
    totals = VisitorTotals.objects.get()
    assert (totals.baseline, totals.visits) == (2298724, 1)
    VisitorTotals.objects.update(baseline=5)
    call_command("loaddata", "nq35_report", verbosity=0)
    assert VisitorTotals.objects.get().baseline == 5


@pytest.mark.django_db
def test_prune_command_forgets_old_keys_and_rolls_up_old_days(clock):
    ActiveVisitor.objects.create(key="old", last_seen=clock.moment - timedelta(hours=2))
    ActiveVisitor.objects.create(key="new", last_seen=clock.moment - timedelta(minutes=2))
    DailyStats.objects.create(day=datetime(2024, 3, 1).date(), visits=5, page_views=7)
    DailyStats.objects.create(day=datetime(2024, 3, 2).date(), visits=1, page_views=2)
    DailyStats.objects.create(day=datetime(2026, 11, 24).date(), visits=9, page_views=9)
    from io import StringIO

    out = StringIO()
    call_command("prune_visitors", "--dry-run", stdout=out)
    assert "Would remove 1 expired visitor key(s)" in out.getvalue()
    assert ActiveVisitor.objects.count() == 2 and DailyStats.objects.count() == 3
    call_command("prune_visitors", stdout=out)
    assert list(ActiveVisitor.objects.values_list("key", flat=True)) == ["new"]
    assert DailyStats.objects.count() == 1
    assert MonthlyStats.objects.get().visits == 6


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_visitors_make_exactly_fifty_visits(clock, counter):
    from django.test import Client

    call_command("loaddata", "nq35_report", verbosity=0)
    url = Article.objects.get().get_absolute_url()
    responses = at_once(50, lambda i: Client().get(url, HTTP_USER_AGENT=FIREFOX,
                                                   REMOTE_ADDR=f"203.113.1.{i + 1}"))  # fmt: skip
    counter.flush()
    assert [getattr(r, "status_code", r) for r in responses] == [200] * 50
    assert stats() == {"online": 50, "today": 50, "week": 50, "total": 2298724 + 50}
    assert DailyStats.objects.get().page_views == 50
    assert Article.objects.get().view_count == 50


@pytest.mark.django_db(transaction=True)
def test_one_visitors_twenty_parallel_requests_make_one_visit(clock, settings, counter):
    from django.test import Client

    settings.VISITORS_FLUSH_SECONDS = 60  # buffered, as in production; flushed below
    responses = at_once(20, lambda i: Client().get("/", HTTP_USER_AGENT=PHONE,
                                                   REMOTE_ADDR="2402:800:1:2::5"))  # fmt: skip
    counter.flush()
    assert [getattr(r, "status_code", r) for r in responses] == [200] * 20
    assert stats()["today"] == 1 and VisitorTotals.objects.get().visits == 1
    assert DailyStats.objects.get().page_views == 20


@pytest.mark.django_db
def test_admin_baseline_is_superuser_only_and_days_are_charted(client, clock):
    call_command("loaddata", "nq35_report", verbosity=0)
    visit(client)
    users = get_user_model().objects
    editor = users.create_user("bientap", password="mat-khau-dai-123", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="visitors"))
    client.force_login(editor)
    totals = VisitorTotals.objects.get()
    assert client.get(f"/admin/visitors/visitortotals/{totals.pk}/change/").status_code == 403
    assert client.post(f"/admin/visitors/visitortotals/{totals.pk}/change/",
                       {"baseline": 1}).status_code == 403  # fmt: skip
    assert VisitorTotals.objects.get().baseline == 2298724

    client.force_login(users.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123"))
    response = client.post(f"/admin/visitors/visitortotals/{totals.pk}/change/", {"baseline": 3000})
    assert response.status_code == 302
    assert VisitorTotals.objects.get().total == 3001

    html = client.get("/admin/visitors/dailystats/").content.decode()
    assert html.count('<svg role="img"') == 2
    assert "30 ngày gần nhất" in html and "365 ngày gần nhất" in html
    assert "25/11/2026" in html  # the counted day is listed


@pytest.mark.django_db
def test_a_page_served_from_the_page_cache_is_still_counted(client, clock, settings, article):
    SiteIdentity.objects.current()  # made on first use: a content change, before the cache
    settings.PAGE_CACHE_SECONDS = 60  # the production default (tests run without it)
    url = article.get_absolute_url()
    assert visit(client, url, ip="203.113.0.1")["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as cached:
        response = visit(client, url, ip="203.113.0.2")  # another reader, the cached page
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert not [q for q in cached.captured_queries if "news_article" in q["sql"] and
                q["sql"].lstrip().upper().startswith("SELECT")]  # fmt: skip
    assert stats()["today"] == 2
    article.refresh_from_db()
    assert article.view_count == 2


@pytest.mark.django_db
def test_a_counter_switched_off_is_absent_and_the_numbers_still_show(client, clock, settings):
    from django.core.exceptions import MiddlewareNotUsed

    from visitors.middleware import VisitorCounterMiddleware

    call_command("loaddata", "nq35_report", verbosity=0)
    settings.VISITORS_ENABLED = False  # before the client builds its middleware
    with pytest.raises(MiddlewareNotUsed):
        VisitorCounterMiddleware(lambda request: None)
    html = visit(client).content.decode()
    assert "Thống kê truy cập" in html and "2.298.724" in html
    assert stats()["today"] == 0 and not ActiveVisitor.objects.exists()


@pytest.mark.django_db
def test_article_page_shows_its_views(client, clock, article):
    Article.objects.filter(pk=article.pk).update(view_count=12345)
    assert "Lượt xem: 12.345" in visit(client, article.get_absolute_url()).content.decode()


def test_addresses_are_hashed_as_ipaddress_writes_them():
    """The dotted-quad fast path of network_part agrees with ipaddress on every form."""
    rng = random.Random(7)
    samples = ["0.0.0.0", "255.255.255.255", "10.0.0.1", "01.2.3.4", "256.1.1.1"]  # noqa: S104
    samples += ["1.2.3", "1.2.3.4.5", " 1.2.3.4", "::ffff:1.2.3.4", "2402:800:1::5", "không phải"]
    samples += [".".join(str(rng.randint(0, 300)) for _ in range(4)) for _ in range(2000)]
    for address in samples:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            assert keys.network_part(address) == address[:64]
            continue
        if ip.version == 4:
            assert keys.network_part(address) == str(ip), address


def test_ipv6_addresses_are_hashed_by_their_64_bit_network():
    """An IPv6 client (one household, one phone) is its /64, however the address is written;
    an IPv4 address mapped into IPv6 is that IPv4 address."""
    assert keys.network_part("2402:800:1:2:aaaa::1") == "2402:800:1:2::"
    assert keys.network_part("[2402:0800:0001:0002:FFFF:FFFF:FFFF:FFFF]") == "2402:800:1:2::"
    assert keys.network_part("::ffff:1.2.3.4") == keys.network_part("1.2.3.4") == "1.2.3.4"
    rng = random.Random(64)
    for _ in range(2000):
        network, host = rng.getrandbits(64), rng.getrandbits(64)
        address = ipaddress.IPv6Address((network << 64) | host)
        if address.ipv4_mapped:
            continue
        part = keys.network_part(address.exploded.upper() if host % 2 else str(address))
        assert part == str(ipaddress.IPv6Address(network << 64)), address
        # Another device of the same /64 is the same visitor; the next /64 is another.
        neighbour = ipaddress.IPv6Address((network << 64) | rng.getrandbits(64))
        other = ipaddress.IPv6Address((((network + 1) % 2**64) << 64) | host)
        assert keys.network_part(str(neighbour)) == part
        assert keys.network_part(str(other)) != part
