"""The look of an official portal (portal/, issue 20): the header, the site's menus and the home
blocks its administrator arranges."""

import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import multisite
from multisite import default_site
from multisite.services import create_site
from news.models import Category
from pagecache import version
from pagecache.schedule import Schedule, seconds_to_midnight
from portal import blocks
from portal.defaults import create_defaults
from portal.menus import DEFAULT_MENU
from portal.models import HomeBlock, MenuItem

from .factories import default_identity, image_file, make_article, make_category, make_user

pytestmark = pytest.mark.django_db


def html_of(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def menu_of(html):
    return html[html.index('<nav class="main-menu"') : html.index("</nav>")]


# --- Header ------------------------------------------------------------------------------------


def test_header_shows_the_units_name_on_two_lines_a_drawn_emblem_and_the_date(client, monkeypatch):
    profile = default_identity()
    profile.name_line_1, profile.name_line_2 = "Trang thông tin điện tử", "Xã Hòa Lợi"
    profile.save()
    # 28/11/2026 23:30 in Asia/Ho_Chi_Minh is 16:30 UTC: the date line is the local day.
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: datetime(2026, 11, 28, 16, 30, tzinfo=UTC)
    )
    html = html_of(client)
    header = html[html.index("<header") : html.index("</header>")]
    assert '<span class="name-line name-line-1">Trang thông tin điện tử</span>' in header
    assert '<span class="name-line name-line-2">Xã Hòa Lợi</span>' in header
    assert "/static/img/emblem-default.svg" in header  # no logo uploaded: the drawn badge
    assert "/static/img/banner-default.svg" in header
    assert '<time datetime="2026-11-28">Thứ Bảy, 28/11/2026</time>' in header


def test_header_shows_the_sites_own_logo_and_banner(client):
    profile = default_identity()
    profile.logo = image_file("logo.png", size=(120, 120), fmt="PNG")
    profile.banner = image_file("banner.jpg", size=(1200, 160))
    profile.save()
    header = html_of(client).split("</header>")[0]
    assert "emblem-default.svg" not in header and "banner-default.svg" not in header
    assert re.search(r'class="site-logo" src="/media/nhan-dien/[^"]+"', header)
    assert re.search(r'class="banner-image" src="/media/nhan-dien/[^"]+"', header)


def test_nothing_cached_outlives_local_midnight(monkeypatch):
    # 23:59:30 on 28/11/2026 in Asia/Ho_Chi_Minh.
    now = datetime(2026, 11, 28, 16, 59, 30, tzinfo=UTC)
    assert seconds_to_midnight(now) == 30
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    # A page or fragment made now is kept 30 s, not the hour asked: yesterday's date line is
    # never served after midnight.
    assert Schedule().seconds_left(multisite.default_site().pk, 0, 3600) == 30


# --- Menus -------------------------------------------------------------------------------------


def test_a_new_site_starts_with_todays_menu_and_home(client):
    site = create_site("hoaloi.example.vn", "Xã Hòa Lợi")
    top = MenuItem.objects.filter(site=site, parent=None)
    assert list(top.values_list("kind", flat=True))[:3] == ["home", "section", "categories"]
    assert HomeBlock.objects.filter(site=site, kind="featured").exists()
    create_defaults(site.pk)  # again: nothing added
    assert MenuItem.objects.filter(site=site).count() == len(list(_flatten(DEFAULT_MENU)))


def _flatten(spec):
    for item in spec:
        yield item
        yield from _flatten(item[3])


def test_default_menu_is_todays_menu_with_the_new_sections(client):
    make_category(name="Tin tức - Sự kiện", order=1)
    menu = menu_of(html_of(client))
    labels = re.findall(r'<a href="[^"]*"(?: aria-current="page")?>([^<]+)</a>', menu)
    assert labels == [
        "Trang chủ", "Giới thiệu", "Cơ cấu tổ chức", "Lãnh đạo", "Liên hệ, người phát ngôn",
        "Tin tức - Sự kiện", "Văn bản", "Lịch công tác", "Lịch tiếp công dân",
        "Thủ tục hành chính", "Công khai", "Danh mục thông tin phải công khai",
        "Tiếp cận thông tin", "Thư viện ảnh", "Video", "Hỏi đáp", "Gửi ý kiến", "Góp ý dự thảo",
    ]  # fmt: skip
    assert 'aria-current="page">Trang chủ' in menu
    # Sub-menus open with a disclosure button that says its state.
    assert re.search(r'class="sub-toggle" aria-expanded="false" aria-controls="menu-\d+"', menu)


def test_site_administrator_builds_a_menu_of_several_levels(client):
    category = make_category(name="Chỉ đạo - Điều hành")
    admin = Client()
    admin.force_login(make_user("quantri", "Quản trị trang"))
    add = reverse("admin:portal_menuitem_add")
    fields = {"order": "1", "is_active": "on", "section": ""}
    response = admin.post(add, {**fields, "kind": "url", "title": "Dịch vụ công",
                                "url": "https://dichvucong.gov.vn/"})  # fmt: skip
    assert response.status_code == 302
    top = MenuItem.objects.get(title="Dịch vụ công")
    response = admin.post(add, {**fields, "kind": "category", "category": category.pk,
                                "parent": top.pk})  # fmt: skip
    assert response.status_code == 302
    child = MenuItem.objects.get(category=category)
    response = admin.post(add, {**fields, "kind": "section", "section": "documents:list",
                                "parent": child.pk})  # fmt: skip
    assert response.status_code == 302
    menu = menu_of(html_of(client))
    assert re.search(
        r'<a href="https://dichvucong.gov.vn/">Dịch vụ công</a>.*?<ul id="menu-1" class="sub-menu">'
        r'.*?<a href="/chuyen-muc/chi-dao-dieu-hanh/">Chỉ đạo - Điều hành</a>'
        r'.*?<ul id="menu-1-1" class="sub-menu">.*?<a href="/van-ban/">Văn bản</a>',
        menu, re.S,
    )  # fmt: skip
    # A fourth level is refused, in Vietnamese.
    grandchild = MenuItem.objects.get(section="documents:list", parent=child)
    response = admin.post(add, {**fields, "kind": "section", "section": "citizens:qa",
                                "parent": grandchild.pk})  # fmt: skip
    assert response.status_code == 200 and "Menu có tối đa 3 cấp." in response.content.decode()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "ftp://x.vn/"])
def test_a_menu_address_must_be_a_web_address_or_a_path(url):
    item = MenuItem(kind="url", title="Liên kết", url=url)
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert "phải bắt đầu bằng http://" in str(raised.value)


def test_editors_cannot_change_the_menu_or_the_home(client):
    client.force_login(make_user("bientap", "Biên tập viên"))
    assert client.get(reverse("admin:portal_menuitem_changelist")).status_code == 403
    assert client.get(reverse("admin:portal_homeblock_add")).status_code == 403


def test_a_menu_item_of_another_site_is_not_shown():
    other = create_site("hoaloi.example.vn", "Xã Hòa Lợi")
    MenuItem.objects.create(site=other, kind="url", title="Chỉ của xã", url="/x/")
    MenuItem.objects.create(kind="url", title="Của trang chính", url="/y/")
    menu = menu_of(html_of(Client()))
    assert "Của trang chính" in menu and "Chỉ của xã" not in menu


@pytest.mark.django_db(transaction=True)
def test_menu_change_reaches_the_cached_home_once_committed(settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    version.forget()
    reader = Client()
    assert "Cổng tỉnh" not in menu_of(html_of(reader))
    assert reader.get("/")["X-Page-Cache"] == "hit"
    MenuItem.objects.create(kind="url", title="Cổng tỉnh", url="https://vinhlong.gov.vn/")
    version.forget()  # this process reads the bumped version now (others within a second)
    response = reader.get("/")
    assert response["X-Page-Cache"] == "miss" and "Cổng tỉnh" in response.content.decode()


# --- Home blocks -------------------------------------------------------------------------------


def block_titles(html):
    return re.findall(r'<h2 id="[^"]+" class="(?:section-title|visually-hidden)">(?:<a [^>]+>)?'
                      r"([^<]+)", html)  # fmt: skip


def test_home_shows_the_blocks_in_the_administrators_order(client):
    news = make_category(name="Tin tức - Sự kiện")
    make_article(category=news, title="Bài mới")
    HomeBlock.objects.create(kind="latest", order=2)
    HomeBlock.objects.create(kind="category", category=news, order=1, title="Tin trong huyện")
    titles = block_titles(html_of(client))
    assert titles.index("Tin trong huyện") < titles.index("Tin mới nhất")
    HomeBlock.objects.filter(kind="latest").update(order=0)
    titles = block_titles(html_of(client))
    assert titles.index("Tin mới nhất") < titles.index("Tin trong huyện")


def test_default_home_has_todays_sections_and_the_new_blocks(client):
    news = make_category(name="Tin tức - Sự kiện")
    make_article(category=news, title="Bài nổi bật", is_featured=True)
    make_article(category=news, title="Bài thứ hai")
    html = html_of(client)
    titles = block_titles(html)
    assert ">Lịch công tác hôm nay</a></h2>" in html
    for title in ("Tin nổi bật", "Tin tức - Sự kiện",
                  "Thủ tục hành chính và dịch vụ công",
                  "Cổng thông tin cấp trên và dịch vụ quốc gia"):  # fmt: skip
        assert title in titles, titles
    assert 'href="https://dichvucong.gov.vn/"' in html


def test_a_block_whose_app_is_not_installed_renders_nothing(client):
    HomeBlock.objects.create(kind="notices", order=1)  # issue 19's notices, not installed here
    HomeBlock.objects.create(kind="latest", order=2)
    make_article(title="Bài mới")
    html = html_of(client)
    assert "Tin mới nhất" in block_titles(html) and "Thông báo" not in block_titles(html)


def test_a_failing_block_is_left_out_and_the_home_still_served(client, monkeypatch):
    def broken(*args):
        raise RuntimeError("side feature down")

    monkeypatch.setitem(
        blocks.BLOCK_TYPES, "latest", blocks.BlockType("latest", "Tin mới nhất",
                                                       "portal/blocks/latest.html", broken)
    )  # fmt: skip
    HomeBlock.objects.create(kind="latest", order=1)
    HomeBlock.objects.create(kind="services", order=2)
    titles = block_titles(html_of(client))
    assert "Tin mới nhất" not in titles and "Thủ tục hành chính và dịch vụ công" in titles


def test_another_app_provides_a_block_type(client, monkeypatch):
    monkeypatch.setitem(blocks.BLOCK_TYPES, "media", blocks.BlockType(
        "media", "Ảnh và video", "portal/blocks/latest.html",
        lambda request, site, block, state: {"articles": []},
    ))  # fmt: skip
    HomeBlock.objects.create(kind="media", order=1)
    assert "Ảnh và video" in block_titles(html_of(client))


def test_a_category_block_needs_its_category():
    block = HomeBlock(kind="category")
    with pytest.raises(ValidationError) as raised:
        block.full_clean()
    assert "Hãy chọn chuyên mục cho khối này." in str(raised.value)
    assert Category.objects.count() == 0


# --- Sharing data ------------------------------------------------------------------------------


def json_ld_of(html):
    import json

    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in found]


def test_an_article_without_photos_is_shared_with_the_units_logo(client):
    article = make_article(title="Bài không ảnh")
    (data,) = json_ld_of(html_of(client, article.get_absolute_url()))
    logo = "http://testserver/static/img/emblem-default.png"
    assert data["image"] == [logo]  # never "image": []
    assert data["publisher"]["logo"]["url"] == logo
    assert data["publisher"]["url"] == "http://testserver/"


def test_the_sites_own_logo_is_the_publishers(client):
    profile = default_identity()
    profile.logo = image_file("logo.png", size=(160, 160), fmt="PNG")
    profile.save()
    article = make_article(title="Bài không ảnh")
    (data,) = json_ld_of(html_of(client, article.get_absolute_url()))
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/media/nhan-dien/")
    assert data["image"] == [data["publisher"]["logo"]["url"]]


def test_home_category_document_and_page_carry_open_graph_and_json_ld(client):
    from django.core.management import call_command

    from documents.models import Document
    from pages.models import Page

    call_command("loaddata", "nq35_report", verbosity=0)
    pages = {
        "WebSite": "/",
        "CollectionPage": Category.objects.get().get_absolute_url(),
        "DigitalDocument": Document.objects.get(symbol="35-NQ/TW").get_absolute_url(),
        "WebPage": Page.objects.published()
        .exclude(kind__in=["bao-mat", "gioi-thieu"])
        .first()
        .get_absolute_url(),
    }
    for kind, path in pages.items():
        html = html_of(client, path)
        (data,) = json_ld_of(html)
        assert data["@type"] == kind, path
        assert data["publisher"]["logo"]["url"].endswith("/static/img/emblem-default.png")
        assert '<meta property="og:image" content="http://testserver/static/img/' in html
        assert re.search(r'<meta property="og:title" content="[^"]+">', html), path


def test_site_administrator_lists_the_menu_and_the_blocks_by_name(client):
    client.force_login(make_user("quantri", "Quản trị trang"))
    menu = client.get(reverse("admin:portal_menuitem_changelist")).content.decode()
    assert "Lịch công tác › Lịch tiếp công dân" in menu  # the rows migration 0002 added
    # A row whose type no installed app provides (an app removed from the installation).
    HomeBlock.objects.create(site=default_site(), kind="ban-do", order=999)
    blocks_page = client.get(reverse("admin:portal_homeblock_changelist")).content.decode()
    assert "Tin nổi bật" in blocks_page
    assert "ban-do (chưa cài đặt trên cổng: không hiển thị)" in blocks_page
