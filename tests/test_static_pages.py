"""The pages the superusers edit (Giới thiệu, Bản đồ, Liên hệ, Chính sách bảo mật) and the links."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from multisite.models import SiteProfile
from pages.defaults import ensure_default_pages
from pages.models import Link, Page

from .factories import default_identity, image_file

pytestmark = pytest.mark.django_db


def test_a_new_site_has_the_required_pages(client):
    assert set(Page.objects.values_list("kind", flat=True)) == {
        "gioi-thieu", "ban-do", "lien-he", "bao-mat",
    }  # fmt: skip
    for url in ("/trang/ban-do-hanh-chinh/", "/trang/lien-he/"):
        assert client.get(url).status_code == 200, url
    # The "Giới thiệu" page leads to its section (organisation/, issue 19).
    assert client.get("/trang/gioi-thieu/", follow=True).redirect_chain == [("/gioi-thieu/", 302)]


def test_seeding_again_keeps_what_the_superusers_wrote():
    Page.objects.filter(kind="gioi-thieu").update(title="Giới thiệu chung", body="<p>Của tôi</p>")
    ensure_default_pages()
    call_command("migrate", verbosity=0)  # post_migrate runs the seeding again
    about = Page.objects.get(kind="gioi-thieu")
    assert (about.title, about.body) == ("Giới thiệu chung", "<p>Của tôi</p>")
    assert Page.objects.count() == 4


def test_privacy_page_says_what_the_statistics_count_and_cites_the_law(client):
    html = client.get("/chinh-sach-bao-mat/").content.decode()
    assert "<h1>Chính sách bảo mật</h1>" in html
    for fact in (
        "lượt xem trang", "lượt truy cập", "mã băm có khóa", "Không dùng cookie",
        "Không lưu địa chỉ IP, không lưu chuỗi User-Agent", "bị hủy sau hai ngày",
        "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15",
    ):  # fmt: skip
        assert fact in html, fact


def test_privacy_page_has_one_address_linked_from_every_footer(client):
    response = client.get("/trang/chinh-sach-bao-mat/")
    assert (response.status_code, response["Location"]) == (301, "/chinh-sach-bao-mat/")
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/chinh-sach-bao-mat/">Chính sách bảo mật</a>' in footer
    assert 'href="/trang/lien-he/">Liên hệ</a>' in footer


def test_map_page_shows_the_map_from_the_site_identity(client):
    identity = default_identity()
    assert "Chưa có ảnh bản đồ" in client.get("/trang/ban-do-hanh-chinh/").content.decode()
    identity.map_image = image_file("ban-do.png", size=(300, 200))
    identity.map_alt = "Bản đồ hành chính huyện Châu Thành"
    identity.save()
    html = client.get("/trang/ban-do-hanh-chinh/").content.decode()
    assert f'src="{identity.map_image.url}" alt="Bản đồ hành chính huyện Châu Thành"' in html
    assert "data-map-zoom" in html and 'tabindex="0"' in html  # zoom buttons; keyboard scroll


def test_contact_page_shows_the_contacts_from_the_site_identity(client):
    SiteProfile.objects.filter(pk=default_identity().pk).update(
        managing_unit="Huyện ủy Châu Thành", phone="0294.3870.279", email="bbt@example.vn"
    )
    html = client.get("/trang/lien-he/").content.decode()
    assert "Huyện ủy Châu Thành" in html
    assert 'href="tel:02943870279"' in html and 'href="mailto:bbt@example.vn"' in html


def test_unpublished_and_unknown_pages_give_404(client):
    Page.objects.filter(kind="gioi-thieu").update(is_published=False)
    Page.objects.filter(kind="bao-mat").update(is_published=False)
    for url in ("/trang/gioi-thieu/", "/trang/khong-co/", "/chinh-sach-bao-mat/"):
        response = client.get(url)
        assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


def test_page_body_is_sanitised_like_an_article():
    page = Page.objects.create(
        title="Lịch tiếp dân",
        body='<p onclick="x()">Thứ Hai</p><script>alert(1)</script><a href="javascript:x">a</a>',
    )
    page.refresh_from_db()
    assert page.body == '<p>Thứ Hai</p><a rel="noopener noreferrer">a</a>'
    assert page.slug == "lich-tiep-dan"


@pytest.fixture
def editor(client):
    """A staff editor with every permission on pages: still not a superuser."""
    user = User.objects.create_user("bientapvien", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="pages"))
    client.force_login(user)
    return user


def test_only_superusers_edit_the_pages(client, editor):
    about = Page.objects.get(kind="gioi-thieu")
    assert client.get("/admin/pages/page/").status_code == 403
    response = client.post(f"/admin/pages/page/{about.pk}/change/", {"title": "Sửa trộm"})
    assert response.status_code == 403
    assert Page.objects.get(pk=about.pk).title == "Giới thiệu"
    # The links block belongs to the site's set-up too; raw permissions grant nothing (roles do).
    assert client.get("/admin/pages/link/").status_code == 403


def test_superuser_edits_a_page_but_cannot_delete_a_required_one(admin_client):
    about = Page.objects.get(kind="gioi-thieu")
    response = admin_client.post(
        f"/admin/pages/page/{about.pk}/change/",
        {"title": "Giới thiệu", "slug": "gioi-thieu", "body": "<p>Chức năng</p>", "order": 1,
         "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Page.objects.get(pk=about.pk).body == "<p>Chức năng</p>"
    response = admin_client.post(f"/admin/pages/page/{about.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Page.objects.filter(pk=about.pk).exists()
    other = Page.objects.create(title="Lịch tiếp dân")
    admin_client.post(f"/admin/pages/page/{other.pk}/delete/", {"post": "yes"})
    assert not Page.objects.filter(pk=other.pk).exists()


def test_links_block_shows_active_links_in_order(client):
    Link.objects.create(name="Cổng thông tin tỉnh Trà Vinh", url="https://travinh.gov.vn", order=2)
    Link.objects.create(name="Báo Trà Vinh", url="https://baotravinh.vn", order=1)
    Link.objects.create(name="Đã ẩn", url="https://example.vn", is_active=False)
    html = client.get("/").content.decode()
    sidebar = html.split('<aside class="sidebar"')[1]
    assert "Website liên kết" in sidebar
    assert sidebar.index("Báo Trà Vinh") < sidebar.index("Cổng thông tin tỉnh Trà Vinh")
    assert "Đã ẩn" not in sidebar


def test_links_accept_only_web_addresses(admin_client):
    response = admin_client.post(
        "/admin/pages/link/add/", {"name": "Xấu", "url": "javascript:alert(1)", "order": 0}
    )
    assert (
        response.status_code == 200
        and "Hãy nhập một địa chỉ web (URL) hợp lệ." in response.content.decode()
    )
    assert not Link.objects.exists()
