"""Visitor counters per site (DESIGN.md "Sites" and "Visitor counters"): each site counts, caches
and shows its own four numbers; the baseline is per site; the superuser sees every site's."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

import multisite
from multisite import context
from visitors.counter import current
from visitors.models import ActiveVisitor, DailyStats, MonthlyStats, VisitorTotals

from .factories import make_site, make_user
from .test_visitors import FIREFOX, LOCAL, FakeClock

COMMUNE = "hoa-loi.localhost:8000"


@pytest.fixture(autouse=True)
def counter(settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost", ".vinhlong.gov.vn"]
    settings.VISITORS_CACHE_SECONDS = 0
    settings.VISITORS_FLUSH_SECONDS = 0
    return current()


@pytest.fixture
def clock(counter):
    counter.clock = FakeClock(datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL))  # a Wednesday
    return counter.clock


@pytest.fixture
def commune(db):
    return make_site("hoaloi.vinhlong.gov.vn", "hoa-loi", site_name="Trang xã Hòa Lợi")


def visit(client, host="testserver", url="/", ip="203.113.0.7", ua=FIREFOX):
    return client.get(url, HTTP_HOST=host, HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)


def write_statements(queries):
    return [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "WITH"}
    ]


def stats_json(client, host):
    return client.get("/visitors/stats.json", HTTP_HOST=host).json()


@pytest.mark.django_db
def test_each_site_counts_and_shows_its_own_four_numbers(client, clock, commune):
    call_command("loaddata", "nq35_report", verbosity=0)  # the default site's baseline
    for i in range(3):
        visit(client, COMMUNE, ip=f"203.113.0.{i + 1}")
    visit(client, "testserver", ip="198.51.100.9")
    assert stats_json(client, COMMUNE) == {"online": 3, "today": 3, "week": 3, "total": 3}
    assert stats_json(client, "hoaloi.vinhlong.gov.vn")["today"] == 3  # its real domain too
    assert stats_json(client, "testserver") == {
        "online": 1, "today": 1, "week": 1, "total": 2298724 + 1,
    }  # fmt: skip
    # Each sidebar: counted after rendering, so the page shows the numbers before its own view.
    commune_page = visit(client, COMMUNE, ip="203.113.0.1").content.decode()
    main_page = visit(client, "testserver", ip="198.51.100.9").content.decode()
    assert "Thống kê truy cập" in commune_page and "2.298.72" not in commune_page
    assert "2.298.725" in main_page
    assert DailyStats.objects.get(site=commune).page_views == 4
    assert DailyStats.objects.get(site=multisite.default_site()).page_views == 2


@pytest.mark.django_db
def test_one_reader_of_two_sites_is_a_visitor_of_each(client, clock, commune, settings):
    settings.VISITORS_FLUSH_THREAD = True
    counter = current()
    counter.flusher.ensure_running = lambda: None  # flushed by hand below
    visit(client, "testserver")  # confirmed on the default site by this process
    clock.advance(minutes=5)
    # Not covered by that confirmation: the commune has never seen this reader.
    with CaptureQueriesContext(connection) as first:
        visit(client, COMMUNE)
    assert any("visitors_activevisitor" in q["sql"] for q in first.captured_queries)
    clock.advance(minutes=5)
    with CaptureQueriesContext(connection) as again:
        visit(client, COMMUNE)  # a returning visitor of the commune: no statement
    assert write_statements(again.captured_queries) == []
    counter.flush()
    assert stats_json(client, COMMUNE) == {"online": 1, "today": 1, "week": 1, "total": 1}
    # Seen on the default site ten minutes ago: no longer online there.
    assert stats_json(client, "testserver") == {"online": 0, "today": 1, "week": 1, "total": 1}
    assert ActiveVisitor.objects.count() == 2


@pytest.mark.django_db
def test_the_numbers_are_cached_per_site(client, clock, commune, settings):
    visit(client, COMMUNE)
    settings.VISITORS_CACHE_SECONDS = 10
    assert stats_json(client, COMMUNE)["today"] == 1  # cached for the commune
    assert stats_json(client, "testserver")["today"] == 0  # not the commune's cached numbers
    visit(client, "testserver", ip="198.51.100.9")
    visit(client, "testserver", ip="198.51.100.10")
    assert stats_json(client, COMMUNE)["today"] == 1
    current().forget_stats(multisite.default_site().pk)
    assert stats_json(client, "testserver")["today"] == 2


@pytest.mark.django_db
def test_reading_a_sites_numbers_is_one_query_whatever_the_other_sites_hold(
    clock, commune, django_assert_num_queries
):
    DailyStats.objects.bulk_create(
        DailyStats(site=commune, day=date(2020, 1, 1) + timedelta(days=i), visits=3)
        for i in range(2000)
    )
    DailyStats.objects.create(site=commune, day=clock.moment.date(), visits=7)
    ActiveVisitor.objects.bulk_create(
        ActiveVisitor(site=commune, key=f"k{i}", last_seen=clock.moment) for i in range(50)
    )
    main = multisite.default_site().pk
    with django_assert_num_queries(1):
        assert current().read_stats(main) == {"online": 0, "today": 0, "week": 0, "total": 0}
    with django_assert_num_queries(1):
        numbers = current().read_stats(commune.pk)
    assert numbers == {"online": 50, "today": 7, "week": 7, "total": 0}


@pytest.mark.django_db
def test_a_fixtures_baseline_goes_to_the_site_it_is_loaded_into(commune, tmp_path):
    fixture = tmp_path / "baseline.json"
    fixture.write_text(
        json.dumps([{"model": "visitors.visitortotals", "fields": {"baseline": 500}}])
    )
    call_command("loaddata", "nq35_report", verbosity=0)  # the report: the default site
    with context.using(commune):
        call_command("loaddata", str(fixture), verbosity=0)
        call_command("loaddata", str(fixture), verbosity=0)  # twice: nothing changes
    totals = dict(VisitorTotals.objects.values_list("site_id", "baseline"))
    assert totals == {multisite.default_site().pk: 2298724, commune.pk: 500}
    # Loaded into a site whose baseline is set: its baseline stays.
    call_command("loaddata", str(fixture), verbosity=0)
    assert VisitorTotals.objects.get(site=multisite.default_site()).baseline == 2298724


@pytest.mark.django_db
def test_each_sites_admin_edits_its_own_baseline(client, clock, commune):
    admin = make_user("quantri", role=None)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    call_command("loaddata", "nq35_report", verbosity=0)
    response = client.get("/admin/visitors/visitortotals/", HTTP_HOST=COMMUNE)
    commune_totals = VisitorTotals.objects.get(site=commune)
    assert response.url == f"/admin/visitors/visitortotals/{commune_totals.pk}/change/"
    main_totals = VisitorTotals.objects.get(site=multisite.default_site())
    # The default site's row is not this host's: not found here.
    url = f"/admin/visitors/visitortotals/{main_totals.pk}/change/"
    assert client.get(url, HTTP_HOST=COMMUNE).status_code == 302  # "does not exist" -> index
    response = client.post(response.url, {"baseline": "1200"}, HTTP_HOST=COMMUNE)
    assert response.status_code == 302
    client.logout()
    assert stats_json(client, COMMUNE)["total"] == 1200
    assert stats_json(client, "testserver")["total"] == 2298724


@pytest.mark.django_db
def test_the_superuser_sees_every_sites_figures_in_one_table(client, clock, commune):
    call_command("loaddata", "nq35_report", verbosity=0)
    for i in range(2):
        visit(client, COMMUNE, ip=f"203.113.0.{i + 1}")
    boss = make_user("sieuquantri")
    boss.is_superuser = boss.is_staff = True
    boss.save()
    client.force_login(boss)
    page = client.get("/admin/visitors/sitefigures/").content.decode()
    assert "Số liệu truy cập các trang" in page
    assert "Trang xã Hòa Lợi" in page and "hoaloi.vinhlong.gov.vn" in page
    assert "2.298.724" in page  # the default site's total
    rows = [line for line in page.splitlines() if "hoaloi.vinhlong.gov.vn" in line]
    assert rows
    assert "admin/visitors/sitefigures/" in client.get("/admin/").content.decode()

    def queries_for_the_table():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/visitors/sitefigures/").status_code == 200
        return len(captured)

    before = queries_for_the_table()
    for n in range(10):
        make_site(f"xa{n}.vinhlong.gov.vn", f"xa-{n}")
    queries_for_the_table()  # the host is looked up again once: the sites changed
    assert queries_for_the_table() == before  # not one query per site


@pytest.mark.django_db
def test_only_the_superuser_sees_the_platform_table(client, commune):
    editor = make_user("bientap", role="Biên tập viên")
    client.force_login(editor)
    assert client.get("/admin/visitors/sitefigures/").status_code == 403
    assert "sitefigures" not in client.get("/admin/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_todays_history_and_totals_into_the_default_site():
    before = [("visitors", "0002_totals_row")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("visitors", "DailyStats").objects.bulk_create(
        old.get_model("visitors", "DailyStats")(
            day=date(2026, 1, 1) + timedelta(days=i), visits=i, page_views=3 * i
        )
        for i in range(300)
    )
    old.get_model("visitors", "MonthlyStats").objects.create(
        month=date(2024, 3, 1), visits=6, page_views=9
    )
    moment = datetime(2026, 11, 25, 3, 0, tzinfo=ZoneInfo("UTC"))
    old.get_model("visitors", "ActiveVisitor").objects.create(
        key="k1", last_seen=moment, previous_seen=moment - timedelta(minutes=3)
    )
    # (The row migration 0002 made; a flush between tests may have removed it.)
    old.get_model("visitors", "VisitorTotals").objects.update_or_create(
        code="main", defaults={"baseline": 2298724, "visits": 4500}
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    main = multisite.default_site()
    assert DailyStats.objects.filter(site=main).count() == 300
    assert sum(DailyStats.objects.values_list("visits", flat=True)) == sum(range(300))
    assert DailyStats.objects.get(day=date(2026, 1, 11)).page_views == 30
    assert MonthlyStats.objects.get(site=main).visits == 6
    active = ActiveVisitor.objects.get(site=main, key="k1")
    assert (active.last_seen, active.previous_seen) == (moment, moment - timedelta(minutes=3))
    totals = VisitorTotals.objects.get()
    assert (totals.site_id, totals.baseline, totals.visits) == (main.pk, 2298724, 4500)

    # Backwards (where Django allows it): the default site's figures go back; another site's
    # have no place in single-site tables.
    commune = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    DailyStats.objects.create(site=commune, day=date(2026, 1, 1), visits=99)
    VisitorTotals.objects.create(site=commune, baseline=5)
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = MigrationExecutor(connection).loader.project_state(before).apps
    days = old.get_model("visitors", "DailyStats").objects
    assert days.count() == 300 and days.get(day=date(2026, 1, 1)).visits == 0
    totals = old.get_model("visitors", "VisitorTotals").objects.get()
    assert (totals.code, totals.baseline, totals.visits) == ("main", 2298724, 4500)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as it was
