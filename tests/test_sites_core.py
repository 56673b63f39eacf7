"""Sites (DESIGN.md "Sites"): the model, the resolver and its shared version, the context."""

import pytest
from django.contrib.sites.models import Site
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import multisite
from multisite import context
from multisite.models import SiteProfile, SitesVersion
from multisite.resolver import SiteResolver, bump_version, read_version
from multisite.setup import ensure_default_site

from .factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolver():
    return SiteResolver()  # a process's cache, fresh for the test


def test_the_migration_makes_one_default_site_with_code_main():
    profile = SiteProfile.objects.get(is_default=True)
    assert profile.code == "main"
    assert multisite.default_site().pk == profile.site_id
    assert SitesVersion.objects.get(pk=1).number >= 1


def test_a_host_names_its_site_exactly_with_or_without_port(resolver):
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    assert resolver.resolve("hoaloi.vinhlong.gov.vn") == xa
    assert resolver.resolve("hoaloi.vinhlong.gov.vn:8443") == xa
    assert resolver.resolve("HoaLoi.VinhLong.gov.vn") == xa
    assert resolver.resolve("hoaloi.vinhlong.gov.vn.") == xa
    # The profile comes with it: templates read the identity without a query.
    with CaptureQueriesContext(connection) as queries:
        assert resolver.resolve("hoaloi.vinhlong.gov.vn").profile.code == "hoa-loi"
    assert len(queries) == 1  # the shared version only


def test_code_dot_localhost_reaches_a_site_on_any_port(resolver):
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    assert resolver.resolve("hoa-loi.localhost:8000") == xa
    assert resolver.resolve("hoa-loi.localhost") == xa
    assert resolver.resolve("main.localhost:8000") == multisite.default_site()


def test_any_other_host_is_served_by_the_default_site(resolver):
    make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    default = multisite.default_site()
    for host in ("127.0.0.1:8000", "testserver", "khong-co.localhost", "tinh.gov.vn"):
        assert resolver.resolve(host) == default


def test_a_cached_answer_costs_one_primary_key_read(resolver):
    resolver.resolve("127.0.0.1:8000")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            resolver.resolve("127.0.0.1:8000")
    assert len(queries) == 5
    assert all("multisite_sitesversion" in q["sql"] for q in queries.captured_queries)


def test_a_host_pinned_to_the_default_site_moves_once_its_site_is_created(resolver):
    assert resolver.resolve("hoaloi.vinhlong.gov.vn") == multisite.default_site()
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")  # by another process, say
    assert resolver.resolve("hoaloi.vinhlong.gov.vn") == xa


def test_a_renamed_domain_and_an_edited_identity_answer_at_once(resolver):
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi", site_name="Xã Hòa Lợi")
    assert resolver.resolve("hoaloi.vinhlong.gov.vn").profile.site_name == "Xã Hòa Lợi"
    profile = SiteProfile.objects.get(pk=xa.pk)
    profile.site_name = "Cổng thông tin xã Hòa Lợi"
    profile.save()
    assert resolver.resolve("hoaloi.vinhlong.gov.vn").profile.site_name == profile.site_name
    xa.domain = "hoaloi.tinh.gov.vn"
    xa.save()
    assert resolver.resolve("hoaloi.vinhlong.gov.vn") == multisite.default_site()
    assert resolver.resolve("hoaloi.tinh.gov.vn") == xa


def test_the_version_moves_with_every_change_of_a_site_or_profile():
    before = read_version()
    site = make_site("a.tinh.gov.vn", "a")  # a site, then its profile
    assert read_version()[0] == before[0] + 2
    site.profile.delete()
    site.delete()
    assert read_version()[0] == before[0] + 4


def test_the_request_carries_its_site(client, settings):
    settings.ALLOWED_HOSTS = [".localhost", "testserver", ".vinhlong.gov.vn"]
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    response = client.get("/robots.txt", headers={"host": "hoaloi.vinhlong.gov.vn"})
    assert response.wsgi_request.site == xa
    response = client.get("/robots.txt", headers={"host": "hoa-loi.localhost:8000"})
    assert response.wsgi_request.site == xa
    response = client.get("/robots.txt")
    assert response.wsgi_request.site == multisite.default_site()


def test_allowed_hosts_still_guards_the_resolver(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    response = client.get("/", headers={"host": "hoaloi.vinhlong.gov.vn"})
    assert response.status_code == 400


def test_djangos_current_site_is_the_requests_site_at_the_host_the_reader_used(settings):
    settings.ALLOWED_HOSTS = [".localhost"]
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi", site_name="Xã Hòa Lợi")
    request = RequestFactory().get("/", headers={"host": "hoa-loi.localhost:8000"})
    current = get_current_site(request)
    assert (current.pk, current.name) == (xa.pk, "Xã Hòa Lợi")
    assert current.domain == "hoa-loi.localhost:8000"
    with pytest.raises(NotImplementedError):
        current.save()  # a view of the site, never written back


def test_code_without_a_request_works_for_the_context_site_else_the_default():
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    default = multisite.default_site()
    assert multisite.current_site() == default
    with context.using(xa):
        assert multisite.current_site() == xa
        assert multisite.current_site_id() == xa.pk
        with context.using(default):
            assert multisite.current_site() == default
        assert multisite.current_site() == xa
    assert multisite.current_site() == default


def test_a_parent_is_a_province_portal_one_level_deep():
    tinh = make_site("vinhlong.gov.vn", "vinh-long")
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi", parent=tinh)
    ap = Site.objects.create(domain="ap1.hoaloi.vinhlong.gov.vn", name="ap")
    with pytest.raises(ValidationError) as error:
        SiteProfile(site=ap, code="ap-1", parent=xa).full_clean()
    assert "chỉ một cấp" in str(error.value)
    tinh.profile.parent = multisite.default_site()
    with pytest.raises(ValidationError) as error:
        tinh.profile.full_clean()
    assert "đang có các trang thành phần" in str(error.value)
    xa.profile.parent = xa
    with pytest.raises(ValidationError):
        xa.profile.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteProfile.objects.filter(pk=xa.pk).update(parent=xa)


def test_there_is_always_exactly_one_default_site():
    main = SiteProfile.objects.get(is_default=True)
    main.is_default = False
    with pytest.raises(ValidationError) as error:
        main.full_clean()
    assert "Phải luôn có một trang mặc định" in str(error.value)
    tinh = make_site("vinhlong.gov.vn", "vinh-long")
    tinh.profile.is_default = True
    tinh.profile.save()  # the flag moves
    assert list(SiteProfile.objects.filter(is_default=True)) == [tinh.profile]
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteProfile.objects.filter(code="main").update(is_default=True)


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_its_default_site_back():
    from django.core.management import call_command

    make_site("hoaloi.vinhlong.gov.vn", "hoa-loi")
    call_command("flush", interactive=False)  # emits post_migrate, as after each such test
    profile = SiteProfile.objects.get(is_default=True)
    assert Site.objects.get() == profile.site  # no "example.com" of Django's beside it
    ensure_default_site()  # again: changes nothing
    assert SiteProfile.objects.get() == profile
    assert profile.code == "main"
    assert multisite.default_site() == profile.site


def test_each_host_shows_its_own_identity(client, settings):
    settings.ALLOWED_HOSTS = [".localhost", "testserver"]
    make_site("hoaloi.vinhlong.gov.vn", "hoa-loi", site_name="Trang thông tin điện tử xã Hòa Lợi",
              managing_unit="UBND xã Hòa Lợi", phone="0294.3111.222")  # fmt: skip
    html = client.get("/trang/lien-he/", headers={"host": "hoa-loi.localhost"}).content.decode()
    assert "UBND xã Hòa Lợi" in html and "0294.3111.222" in html
    html = client.get("/trang/lien-he/").content.decode()
    assert "UBND xã Hòa Lợi" not in html and "Trang thông tin điện tử xã Hòa Lợi" not in html
    feed = client.get("/rss/", headers={"host": "hoa-loi.localhost"}).content.decode()
    assert "<title>Trang thông tin điện tử xã Hòa Lợi - Tin mới</title>" in feed


def test_the_identity_admin_edits_the_hosts_site_only(client, settings):
    from django.contrib.auth import get_user_model

    settings.ALLOWED_HOSTS = [".localhost", "testserver"]
    xa = make_site("hoaloi.vinhlong.gov.vn", "hoa-loi", site_name="Xã Hòa Lợi")
    main = multisite.default_site()
    client.force_login(get_user_model().objects.create_superuser("qt", "qt@example.vn", "x"))
    host = {"host": "hoa-loi.localhost"}
    response = client.get("/admin/multisite/siteprofile/", headers=host)
    assert response["Location"] == f"/admin/multisite/siteprofile/{xa.pk}/change/"
    # Another site's identity does not exist here (the same answer as a made-up id).
    assert (
        client.get(f"/admin/multisite/siteprofile/{main.pk}/change/", headers=host).status_code
        == 404
    )
    response = client.post(
        f"/admin/multisite/siteprofile/{xa.pk}/change/",
        {"site_name": "Cổng xã Hòa Lợi"},
        headers=host,
    )
    assert response.status_code == 302
    assert SiteProfile.objects.get(pk=xa.pk).site_name == "Cổng xã Hòa Lợi"
    response = client.post(
        f"/admin/multisite/siteprofile/{main.pk}/change/", {"site_name": "Giả mạo"}, headers=host
    )
    assert SiteProfile.objects.get(pk=main.pk).site_name != "Giả mạo"


def test_an_edited_identity_is_never_served_from_an_older_cached_page(client, settings):
    """The page cache keys by the site and the sites version it was resolved under: the edit is
    seen by the next request, not once the content version is read again."""
    from pagecache import version

    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_VERSION_SECONDS = 60, 3600
    version.forget()
    client.get("/trang/lien-he/")
    assert client.get("/trang/lien-he/")["X-Page-Cache"] == "hit"
    # Another process edits it: its commits reach this one through the database only.
    SiteProfile.objects.filter(is_default=True).update(
        site_name="Trang thông tin điện tử xã Hòa Lợi"
    )
    bump_version()
    response = client.get("/trang/lien-he/")
    assert "Trang thông tin điện tử xã Hòa Lợi" in response.content.decode()
    version.forget()
