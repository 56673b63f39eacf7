"""Caches per site (DESIGN.md "Sites"): the page cache, the layout fragments and the content
version key by the site; a change bumps every site that shows it and no other."""

import time
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils.http import parse_http_date

import multisite
from multisite.services import create_site
from news.models import Category
from pagecache import sites, version
from pagecache.models import ContentVersion
from visitors.models import DailyStats

from .factories import make_article, make_category, make_document, make_site

# Transactional: a change bumps the content versions when it commits, as on a live site.
pytestmark = pytest.mark.django_db(transaction=True)

COMMUNE = "hoa-loi.localhost:8000"
OTHER = "an-hiep.localhost:8000"
UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}


@pytest.fixture
def province(settings):
    """A province portal (the default site) with two communes, and every cache on, the content
    versions re-read only when this process changed content."""
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    main = multisite.default_site()
    # As an administrator makes them: with the required pages and starter categories.
    commune = create_site("hoaloi.vinhlong.gov.vn", "Xã Hòa Lợi", parent=main, code="hoa-loi")
    other = create_site("anhiep.vinhlong.gov.vn", "Xã An Hiệp", parent=main, code="an-hiep")
    version.forget()
    yield main, commune, other
    version.forget()


def number(site):
    return version.current(site.pk)


def cached(client, host, url="/trang/lien-he/"):
    response = client.get(url, HTTP_HOST=host, **UA)
    assert response.status_code == 200
    return response.get("X-Page-Cache")


def test_each_site_has_its_own_pages_in_the_cache(client, province):
    for host in ("testserver", COMMUNE, OTHER):
        assert cached(client, host) == "miss"
    commune_page = client.get("/trang/lien-he/", HTTP_HOST=COMMUNE, **UA)
    other_page = client.get("/trang/lien-he/", HTTP_HOST=OTHER, **UA)
    assert commune_page["X-Page-Cache"] == other_page["X-Page-Cache"] == "hit"
    assert "Xã Hòa Lợi" in commune_page.content.decode()
    assert "Xã An Hiệp" in other_page.content.decode()
    assert "Xã Hòa Lợi" not in other_page.content.decode()


def test_a_page_made_for_one_host_is_never_served_at_another(client, province, settings):
    """Pages hold addresses made from the host asked (the canonical link, structured data):
    a host that names the same site (here the default site, which answers any host no site
    claims: an attacker's made-up one) gets its own page, never another host's."""
    settings.ALLOWED_HOSTS = ["testserver", ".localhost", ".vinhlong.gov.vn"]
    article = make_article(title="Bài có đường dẫn chuẩn")
    url = article.get_absolute_url()
    first = client.get(url, HTTP_HOST="x.vinhlong.gov.vn", **UA)
    assert first["X-Page-Cache"] == "miss"
    assert 'href="http://x.vinhlong.gov.vn' in first.text
    real = client.get(url, **UA)  # the default site at its own address
    assert real["X-Page-Cache"] == "miss"
    assert "x.vinhlong.gov.vn" not in real.text
    assert client.get(url, **UA)["X-Page-Cache"] == "hit"


def test_a_bump_of_one_site_leaves_the_others_pages_warm(client, province):
    main, commune, other = province
    for host in ("testserver", COMMUNE, OTHER):
        cached(client, host)
    version.bump([commune.pk])
    assert cached(client, COMMUNE) == "miss"
    assert cached(client, OTHER) == "hit"
    assert cached(client, "testserver") == "hit"


def test_the_layout_fragments_are_each_sites_own(client, province):
    """The menu, sidebar and footer fragments key by the site: a commune's page never shows the
    province's footer made a moment earlier (the page cache is off: fragments alone)."""
    main, commune, other = province
    client.get("/", **UA)  # the province's fragments, cached
    for host, name in ((COMMUNE, "Xã Hòa Lợi"), (OTHER, "Xã An Hiệp")):
        html = client.get("/tim-kiem/?q=x", HTTP_HOST=host, **UA).content.decode()
        footer = html[html.index("<footer") :]
        assert name in footer
        assert multisite.default_site().profile.site_name not in footer


def test_fragments_stay_warm_on_a_site_whose_version_did_not_move(client, province, settings):
    from django.core.cache import cache

    main, commune, other = province
    settings.PAGE_CACHE_SECONDS = 0  # every page renders: the fragments are what is reused
    client.get("/", HTTP_HOST=OTHER, **UA)
    fragments = {key for key in cache._cache if ":fragment:footer:" in key}
    assert fragments  # the footer was kept
    version.bump([commune.pk])
    client.get("/", HTTP_HOST=OTHER, **UA)
    assert {key for key in cache._cache if ":fragment:footer:" in key} == fragments
    version.bump([other.pk])
    client.get("/", HTTP_HOST=OTHER, **UA)
    assert {key for key in cache._cache if ":fragment:footer:" in key} > fragments


def test_the_search_filters_are_each_sites_own(client, province, settings):
    """The search page keeps its category filter per content version (pagecache.fragments.cached):
    per site, too. The commune's page is made first; the province's must not reuse it."""
    main, commune, other = province
    settings.PAGE_CACHE_SECONDS = 0
    make_category(site=commune, name="Nông thôn mới Hòa Lợi")
    assert "Nông thôn mới Hòa Lợi" in client.get("/tim-kiem/?q=x", HTTP_HOST=COMMUNE, **UA).text
    assert "Nông thôn mới Hòa Lợi" not in client.get("/tim-kiem/?q=x", **UA).text
    assert "Nông thôn mới Hòa Lợi" not in client.get("/tim-kiem/?q=x", HTTP_HOST=OTHER, **UA).text


def test_a_parents_shared_change_bumps_its_children_and_a_childs_news_its_parent(province):
    main, commune, other = province
    before = {site.pk: number(site) for site in province}
    version.bump([main.pk], with_children=True)  # a province's document
    after = {site.pk: number(site) for site in province}
    assert after == {pk: n + 1 for pk, n in before.items()}
    version.bump([commune.pk], with_parent=True)  # a commune's published article
    assert (number(main), number(commune), number(other)) == (
        after[main.pk] + 1, after[commune.pk] + 1, after[other.pk],
    )  # fmt: skip
    standalone = make_site("khac.tinh.gov.vn", "khac")
    own = number(standalone)
    version.bump([standalone.pk], with_children=True, with_parent=True)  # nobody else
    assert number(other) == after[other.pk] and number(standalone) == own + 1


def test_which_sites_a_change_reaches_follows_the_content_and_the_site_tree(province, monkeypatch):
    """pagecache.sites: a row's own site; a shared app of a parent, its children; a gathered
    app of a child, its parent; a site or its profile, its family; no site, every site."""
    main, commune, other = province
    row = DailyStats(site=commune)  # a model with a site (its app is not public content)
    assert sites.reached_by(row) == ([commune.pk], False, False)
    monkeypatch.setattr(sites, "SHARED_WITH_CHILDREN", ("visitors",))
    assert sites.reached_by(row) == ([commune.pk], True, False)
    monkeypatch.setattr(sites, "GATHERED_BY_PARENT", ("visitors",))
    assert sites.reached_by(row) == ([commune.pk], True, True)
    assert sites.reached_by(commune.profile) == ([commune.pk], True, True)
    assert sites.reached_by(ContentVersion(number=1)) == (None, False, False)


def test_a_change_to_a_row_of_no_site_bumps_every_site(province):
    from django.contrib.sites.models import Site

    before = {site.pk: number(site) for site in province}
    ContentVersion.objects.filter(site__in=province[1:]).delete()  # never changed: version 0
    Site.objects.update()  # (no signal)
    version.bump()
    assert number(province[0]) == before[province[0].pk] + 1
    assert number(province[1]) == number(province[2]) == 1


def test_a_sites_feed_dates_from_its_own_version(client, province):
    main, commune, other = province
    ContentVersion.objects.update(changed_at=F("changed_at") - timedelta(seconds=5))
    version.forget()
    dates = {host: client.get("/rss/", HTTP_HOST=host)["Last-Modified"] for host in (
        "testserver", COMMUNE, OTHER)}  # fmt: skip
    time.sleep(1.05)
    version.bump([commune.pk])
    time.sleep(1.05)  # no date is sent within the second of a change
    version.forget()
    later = {host: client.get("/rss/", HTTP_HOST=host)["Last-Modified"] for host in dates}
    assert parse_http_date(later[COMMUNE]) > parse_http_date(dates[COMMUNE])
    assert later[OTHER] == dates[OTHER] and later["testserver"] == dates["testserver"]


# --- Real content: what each change reaches ---------------------------------------------------


def warm(client, *hosts, url="/"):
    for host in hosts:
        cached(client, host, url)
        assert cached(client, host, url) == "hit", host


def test_a_provinces_document_reaches_its_communes_and_no_other_site(client, province):
    main, commune, other = province
    create_site("khac.tinh.gov.vn", "Tỉnh khác", code="khac")  # no parent
    hosts = ("testserver", COMMUNE, OTHER, "khac.localhost")
    warm(client, *hosts, url="/van-ban/")
    make_document(site=main, symbol="12-NQ/TU", title="Về chuyển đổi số")
    for host in ("testserver", COMMUNE, OTHER):  # shared: the communes' libraries show it
        response = client.get("/van-ban/", HTTP_HOST=host, **UA)
        assert response["X-Page-Cache"] == "miss" and "12-NQ/TU" in response.content.decode()
    assert cached(client, "khac.localhost", "/van-ban/") == "hit"


def test_a_communes_document_stays_on_the_commune(client, province):
    main, commune, other = province
    warm(client, "testserver", COMMUNE, OTHER, url="/van-ban/")
    make_document(site=commune, symbol="3-NQ/ĐU", title="Về nông thôn mới")
    assert cached(client, COMMUNE, "/van-ban/") == "miss"
    assert cached(client, OTHER, "/van-ban/") == "hit"
    assert cached(client, "testserver", "/van-ban/") == "hit"


def test_a_communes_article_reaches_its_provinces_home_and_no_other_commune(client, province):
    main, commune, other = province
    warm(client, "testserver", COMMUNE, OTHER)
    category = Category.objects.filter(site=commune).first()
    make_article(site=commune, category=category, title="Xã Hòa Lợi ra quân làm đường")
    for host in ("testserver", COMMUNE):
        response = client.get("/", HTTP_HOST=host, **UA)
        assert response["X-Page-Cache"] == "miss", host
        assert "Xã Hòa Lợi ra quân làm đường" in response.content.decode(), host
    assert "Tin từ các đơn vị" in client.get("/", **UA).content.decode()
    assert cached(client, OTHER, "/") == "hit"


def test_a_provinces_article_stays_on_the_province(client, province):
    main, commune, other = province
    warm(client, "testserver", COMMUNE, OTHER)
    make_article(site=main, category=make_category(site=main))
    assert cached(client, "testserver", "/") == "miss"
    assert cached(client, COMMUNE, "/") == cached(client, OTHER, "/") == "hit"


def test_each_sites_cache_lives_until_its_own_next_scheduled_change(province):
    """A commune's scheduled article bounds its own pages and its province's home (which
    gathers it), not another commune's."""
    from django.utils import timezone

    from pagecache.schedule import schedule

    main, commune, other = province
    category = Category.objects.filter(site=commune).first()
    make_article(
        site=commune, category=category, published_at=timezone.now() + timedelta(seconds=30)
    )
    version.forget()
    for site in (commune, main):
        assert schedule.seconds_left(site.pk, number(site), 60) <= 30
    assert schedule.seconds_left(other.pk, number(other), 60) == 60


def test_an_articles_views_are_counted_on_its_own_site(client, province, settings):
    """ "Lượt xem": two sites may have an article with the same slug; a view counts on the
    article of the site it was read on."""
    from visitors.counter import current

    main, commune, other = province
    settings.PAGE_CACHE_SECONDS = 0
    settings.VISITORS_FLUSH_SECONDS = 0
    here = make_article(site=commune, slug="cung-ten", category=Category.objects.filter(
        site=commune).first())  # fmt: skip
    there = make_article(site=other, slug="cung-ten", category=Category.objects.filter(
        site=other).first())  # fmt: skip
    for _ in range(3):
        assert client.get("/tin-tuc/cung-ten/", HTTP_HOST=COMMUNE, **UA).status_code == 200
    current().flush()
    here.refresh_from_db()
    there.refresh_from_db()
    assert (here.view_count, there.view_count) == (3, 0)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_todays_version_to_the_default_site():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("pagecache", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("pagecache", "ContentVersion")
    old.objects.all().delete()
    moment = old.objects.create(pk=1, number=4711).changed_at
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    version.forget()
    main = multisite.default_site()
    assert (version.current(main.pk), version.changed_at(main.pk)) == (4711, moment)
    commune = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")  # its creation made it a version
    assert ContentVersion.objects.filter(site=commune).exists()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("pagecache", "ContentVersion")
    assert list(old.objects.values_list("pk", "number")) == [(1, 4711)]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    version.forget()
