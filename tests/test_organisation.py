"""The "Giới thiệu" section, contacts, access to information and /en/ (issue 19, part A)."""

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import timezone

import multisite
from multisite.services import create_site
from organisation import services
from organisation.models import Channel, Introduction, Unit
from pagecache import version
from people.models import Person

from .factories import make_document, make_person, make_site

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}


def html(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def unit(name, parent=None, **fields):
    return services.save_unit(Unit(name=name, **fields), parent)


def three_levels():
    """Ủy ban nhân dân xã > Văn phòng > Bộ phận Một cửa, beside a second root."""
    committee = unit("Ủy ban nhân dân xã", order=1, phone="0294 3855 001")
    office = unit("Văn phòng HĐND và UBND", committee, order=1,
                  functions="Tham mưu tổng hợp\nQuản lý văn thư, lưu trữ")  # fmt: skip
    unit("Phòng Kinh tế", committee, order=2)
    one_stop = unit("Bộ phận Một cửa", office, email="motcua@example.vn")
    council = unit("Hội đồng nhân dân xã", order=0)
    return committee, office, one_stop, council


class Outline(HTMLParser):
    """The unit names of the org chart, each with its depth of nested <ul>."""

    def __init__(self):
        super().__init__()
        self.lists, self.in_chart, self.in_name, self.names = [], False, False, []

    @property
    def depth(self):
        return self.lists.count("tree")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "org-chart":
            self.in_chart = True
        elif self.in_chart and tag == "ul":
            self.lists.append(attrs.get("class") or "tree")
        elif self.in_chart and tag == "span" and attrs.get("class") == "unit-name":
            self.in_name = True

    def handle_endtag(self, tag):
        if self.in_chart and tag == "ul":
            self.lists.pop()
            self.in_chart = bool(self.lists)
        if tag == "span":
            self.in_name = False

    def handle_data(self, data):
        if self.in_name and data.strip():
            self.names.append((self.depth, data.strip()))


@pytest.mark.django_db
def test_org_chart_draws_a_three_level_tree_as_nested_lists(client):
    three_levels()
    outline = Outline()
    outline.feed(html(client, "/gioi-thieu/co-cau-to-chuc/"))
    assert outline.names == [
        (1, "Hội đồng nhân dân xã"),
        (1, "Ủy ban nhân dân xã"),
        (2, "Văn phòng HĐND và UBND"),
        (3, "Bộ phận Một cửa"),
        (2, "Phòng Kinh tế"),
    ]


@pytest.mark.django_db
def test_moving_a_unit_takes_its_branch_and_keeps_the_order():
    committee, office, one_stop, council = three_levels()
    services.save_unit(Unit.objects.get(pk=office.pk), council)
    names = [(u.depth, u.name) for u in Unit.objects.on(multisite.default_site())]
    assert names == [
        (1, "Hội đồng nhân dân xã"), (2, "Văn phòng HĐND và UBND"), (3, "Bộ phận Một cửa"),
        (1, "Ủy ban nhân dân xã"), (2, "Phòng Kinh tế"),
    ]  # fmt: skip


@pytest.mark.django_db
def test_chart_page_queries_do_not_grow_with_the_tree(client, django_assert_max_num_queries):
    three_levels()
    html(client, "/gioi-thieu/co-cau-to-chuc/")
    with django_assert_max_num_queries(12) as small:
        html(client, "/gioi-thieu/co-cau-to-chuc/?a")
    parent = Unit.objects.get(name="Phòng Kinh tế")
    for n in range(10):
        unit(f"Tổ công tác số {n}", parent)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html(client, "/gioi-thieu/co-cau-to-chuc/?b")


@pytest.mark.django_db
def test_leaders_show_photo_position_biography_duties_and_contacts(client):
    committee = unit("Ủy ban nhân dân xã")
    make_person(name="Nguyễn Văn An", position="Chủ tịch UBND xã", unit=committee,
                biography="Sinh năm 1975, quê xã Hòa Lợi.", duties="Phụ trách chung",
                official_phone="0294 3855 100", official_email="an@example.vn")  # fmt: skip
    make_person(name="Người Đã Nghỉ", is_active=False)
    page = html(client, "/gioi-thieu/lanh-dao/")
    for text in ["Nguyễn Văn An", "Chủ tịch UBND xã – Ủy ban nhân dân xã", "Sinh năm 1975",
                 "Phụ trách chung", "an@example.vn", "Cập nhật lúc"]:  # fmt: skip
        assert text in page
    assert "Người Đã Nghỉ" not in page


@pytest.mark.django_db
def test_contacts_name_the_spokesperson_the_focal_person_and_the_channels(client):
    make_person(name="Trần Thị Bình", position="Phó Chủ tịch UBND xã", is_spokesperson=True,
                official_phone="0294 3855 101", official_email="binh@example.vn")  # fmt: skip
    make_person(name="Lê Văn Cường", position="Công chức Văn phòng", is_information_focal=True)
    Channel.objects.create(network="facebook", name="Trang UBND xã",
                           url="https://www.facebook.com/ubndxa")  # fmt: skip
    page = html(client, "/gioi-thieu/lien-he/")
    spokesperson = page.split('id="phat-ngon"')[1].split("</section>")[0]
    assert "Trần Thị Bình" in spokesperson and "Phó Chủ tịch UBND xã" in spokesperson
    assert "tel:02943855101" in spokesperson and "mailto:binh@example.vn" in spokesperson
    assert "Lê Văn Cường" in page.split('id="dau-moi"')[1].split("</section>")[0]
    assert 'href="https://www.facebook.com/ubndxa"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("network, url, ok", [
    ("facebook", "https://www.facebook.com/ubndxa", True),
    ("facebook", "https://facebook.com.evil.example/ubndxa", False),
    ("zalo", "https://zalo.me/123456", True),
    ("youtube", "https://www.tiktok.com/@ubnd", False),
    ("khac", "javascript:alert(1)", False),
    ("khac", "https://example.vn/kenh", True),
])  # fmt: skip
def test_channel_urls_are_validated(network, url, ok):
    from django.core.exceptions import ValidationError

    channel = Channel(network=network, name="Kênh", url=url)
    if ok:
        channel.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            channel.full_clean()
        assert "url" in error.value.message_dict


@pytest.mark.django_db
def test_access_page_names_the_focal_person_where_to_send_and_the_forms(client):
    profile = multisite.default_site().profile
    profile.address, profile.email = "Số 1 đường 30/4, xã Hòa Lợi", "ubnd@example.vn"
    profile.save()
    make_person(name="Lê Văn Cường", position="Công chức Văn phòng", is_information_focal=True,
                official_email="cuong@example.vn")  # fmt: skip
    form = make_document(symbol="", title="Mẫu phiếu yêu cầu cung cấp thông tin")
    intro = Introduction.objects.create(request_guide="<p>Tiếp nhận giờ hành chính.</p>")
    intro.request_forms.set([form])
    page = html(client, "/tiep-can-thong-tin/")
    for text in ["Lê Văn Cường", "cuong@example.vn", 'href="/gui-y-kien/"',
                 "Số 1 đường 30/4, xã Hòa Lợi", "mailto:ubnd@example.vn",
                 "Tiếp nhận giờ hành chính.", form.get_absolute_url(),
                 "Danh mục thông tin phải được công khai"]:  # fmt: skip
        assert text in page, text


@pytest.mark.django_db
def test_access_page_links_the_list_of_information_that_must_be_public(client):
    page = html(client, "/tiep-can-thong-tin/")
    assert 'href="/cong-khai/danh-muc-thong-tin-phai-cong-khai/"' in page


@pytest.mark.django_db
def test_the_old_gioi_thieu_page_leads_to_the_new_section(client):
    call_command("loaddata", "nq35_report", verbosity=0)
    from pages.models import Page

    about = Page.objects.get(kind=Page.Kind.ABOUT)
    assert about.get_absolute_url() == "/gioi-thieu/"  # the footer and site map link the section
    response = client.get(f"/trang/{about.slug}/")
    assert response.status_code == 302 and response["Location"] == "/gioi-thieu/"


@pytest.mark.django_db
def test_the_menu_has_gioi_thieu_and_the_header_links_english(client):
    page = html(client, "/gioi-thieu/")
    menu = page.split('id="menu-chinh"')[1].split("</ul>")[0]
    assert 'href="/gioi-thieu/" aria-current="page">Giới thiệu<' in menu
    header = page.split('class="header-bar"')[1].split("</div>")[0]
    assert 'href="/en/" hreflang="en" lang="en">English<' in header


# --- /en/ ---------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("english, vietnamese", [
    ("/en/", "/gioi-thieu/"),
    ("/en/organisation/", "/gioi-thieu/co-cau-to-chuc/"),
    ("/en/contacts/", "/gioi-thieu/lien-he/"),
])  # fmt: skip
def test_english_pages_declare_english_and_link_back_both_ways(client, english, vietnamese):
    page = html(client, english)
    assert re.search(r'<html lang="en">', page)
    assert f'<a href="{vietnamese}" hreflang="vi" lang="vi">' in page
    assert f'rel="alternate" hreflang="vi" href="http://testserver{vietnamese}"' in page
    assert f'rel="alternate" hreflang="en" href="http://testserver{english}"' in page
    assert "Trang chủ" not in page and "Chuyên mục" not in page  # nothing of the Vietnamese layout
    back = html(client, vietnamese)
    assert '<html lang="vi">' in back
    assert f'rel="alternate" hreflang="en" href="http://testserver{english}"' in back
    assert f'<a href="{english}" hreflang="en" lang="en">Read this page in English</a>' in back


@pytest.mark.django_db
def test_english_text_is_the_units_own_and_missing_text_says_so(client):
    assert "has not been written yet" in html(client, "/en/")
    Introduction.objects.create(overview="<p>Xã Hòa Lợi nằm ven sông.</p>",
                                overview_en="<p>Hoa Loi lies on the river.</p>",
                                unit_name_en="People's Committee of Hoa Loi")  # fmt: skip
    unit("Ủy ban nhân dân xã", name_en="People's Committee", functions_en="State management")
    unit("Phòng Kinh tế")
    page = html(client, "/en/")
    assert "Hoa Loi lies on the river." in page and "Xã Hòa Lợi nằm ven sông" not in page
    assert "People&#39;s Committee of Hoa Loi" in page
    chart = html(client, "/en/organisation/")
    assert "People&#39;s Committee</span>" in chart and "State management" in chart
    # A unit without its English name is shown in Vietnamese, marked as such.
    assert '<span class="unit-name" lang="vi">Phòng Kinh tế</span>' in chart


# --- "Cập nhật lúc", through the page cache -----------------------------------------------
def updated(page):
    return re.search(r'class="meta updated">Cập nhật lúc <time datetime="([^"]+)"', page)[1]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    version.forget()
    yield
    version.forget()


def at(monkeypatch, *moment):
    fixed = datetime(*moment, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: fixed)


@pytest.mark.django_db(transaction=True)
def test_a_leaders_change_shows_its_new_updated_time_at_once(client, page_cache, monkeypatch):
    at(monkeypatch, 2026, 11, 2, 1, 0)  # 08:00 in Vietnam
    leader = make_person(name="Nguyễn Văn An", position="Chủ tịch UBND xã")
    monkeypatch.undo()
    first = client.get("/gioi-thieu/lanh-dao/", **UA)
    assert updated(first.content.decode()) == "2026-11-02T08:00:00+0700"
    # A write that bumps nothing (a bulk update) is not seen: the page comes from the cache.
    Person.objects.filter(pk=leader.pk).update(biography="Chưa thấy")
    cached = client.get("/gioi-thieu/lanh-dao/", **UA)
    assert cached["X-Page-Cache"] == "hit" and "Chưa thấy" not in cached.content.decode()
    at(monkeypatch, 2026, 11, 20, 2, 30)  # 09:30 in Vietnam
    leader.refresh_from_db()
    leader.duties = "Phụ trách chung"
    leader.save()
    monkeypatch.undo()
    after = client.get("/gioi-thieu/lanh-dao/", **UA)
    assert after["X-Page-Cache"] == "miss"
    page = after.content.decode()
    assert updated(page) == "2026-11-20T09:30:00+0700" and "Phụ trách chung" in page
    assert "09:30, 20/11/2026" in page


@pytest.mark.django_db(transaction=True)
def test_a_province_lists_its_communes_spokespersons_and_follows_their_change(
    client, settings, page_cache
):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    province = multisite.default_site()
    commune = create_site("hoaloi.vinhlong.gov.vn", "Xã Hòa Lợi", parent=province, code="hoa-loi")
    other = make_site("khac.gov.vn", "khac")  # not a child: never listed
    spokesperson = make_person(site=commune, name="Trần Thị Bình", position="Phó Chủ tịch",
                               is_spokesperson=True, official_phone="0294 1")  # fmt: skip
    make_person(site=other, name="Người Xã Khác", is_spokesperson=True)
    make_person(site=commune, name="Không Phát Ngôn")
    for url in ["/gioi-thieu/co-cau-to-chuc/", "/gioi-thieu/lien-he/"]:
        page = html(client, url, **UA)
        communes = page.split('id="phat-ngon-don-vi"')[1].split("</section>")[0]
        assert "Xã Hòa Lợi" in communes and "Trần Thị Bình" in communes
        assert "Người Xã Khác" not in page and "Không Phát Ngôn" not in page
    assert client.get("/gioi-thieu/co-cau-to-chuc/", **UA)["X-Page-Cache"] == "hit"
    # The commune's spokesperson changes on the commune's own admin: the province's page too.
    spokesperson.name = "Trần Thị Bích"
    spokesperson.save()
    after = client.get("/gioi-thieu/co-cau-to-chuc/", **UA)
    assert after["X-Page-Cache"] == "miss" and "Trần Thị Bích" in after.content.decode()
    # The commune's own page lists no "communes".
    assert 'id="phat-ngon-don-vi"' not in html(client, "/gioi-thieu/co-cau-to-chuc/",
                                               HTTP_HOST="hoa-loi.localhost")  # fmt: skip


@pytest.mark.django_db
def test_a_written_gioi_thieu_page_becomes_the_overview_and_the_starter_text_does_not(settings):
    from importlib import import_module

    from django.apps import apps

    from pages.models import Page

    step = import_module("organisation.migrations.0002_introduction_from_about_page")
    main = multisite.default_site()
    written = create_site("hoaloi.vinhlong.gov.vn", "Xã Hòa Lợi", parent=main, code="hoa-loi")
    untouched = create_site("anhiep.vinhlong.gov.vn", "Xã An Hiệp", parent=main, code="an-hiep")
    Page.objects.filter(site=written, kind=Page.Kind.ABOUT).update(
        body="<h2>Lịch sử</h2><p>Xã được thành lập năm 1977.</p>"
    )
    assert Page.objects.filter(site=untouched, kind=Page.Kind.ABOUT).exists()
    step.forwards(apps, None)
    intro = Introduction.objects.get(site=written)
    assert intro.overview == "<h2>Lịch sử</h2><p>Xã được thành lập năm 1977.</p>"
    assert not Introduction.objects.filter(site=untouched).exists()
    step.forwards(apps, None)  # twice changes nothing
    assert Introduction.objects.count() == 1


@pytest.mark.django_db
def test_a_leaders_photo_is_shown_from_its_renditions_with_an_alt(client):
    from .factories import image_file

    make_person(name="Nguyễn Văn An", photo=image_file("an.jpg", size=(300, 400)))
    page = html(client, "/gioi-thieu/lanh-dao/")
    assert 'alt="Ảnh chân dung Nguyễn Văn An"' in page and "<picture" in page


@pytest.mark.django_db
def test_a_channel_written_past_the_form_never_links_javascript(client):
    Channel.objects.create(network="khac", name="Kênh lạ", url="javascript:alert(1)")
    Channel.objects.create(network="zalo", name="Zalo xã", url="https://zalo.me/123")
    for url in ("/gioi-thieu/lien-he/", "/en/contacts/"):
        page = html(client, url)
        assert "javascript:" not in page and 'href="https://zalo.me/123"' in page
