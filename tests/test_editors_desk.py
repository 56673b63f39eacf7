"""The editors' desk: the site's name at the login, Vietnamese names, the approval e-mail's
links, the workflow buttons in the submit row, the editing notice, the favicon, the preview."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from editorial import presence
from editorial.models import EditPresence
from editorial.roles import APPROVER, EDITOR
from news.models import Article

from .factories import article_form, default_identity, make_article, make_category, make_user

pytestmark = pytest.mark.django_db
Status = Article.Status


def person(username, role, last_name, first_name):
    user = make_user(username, role)
    user.last_name, user.first_name = last_name, first_name
    user.save()
    return user


@pytest.fixture
def lan():
    return person("lan", EDITOR, "Nguyễn Thị", "Lan")


@pytest.fixture
def hung():
    return person("hung", APPROVER, "Trần Văn", "Hùng")


def test_the_login_page_names_the_site(client):
    identity = default_identity()
    identity.site_name = "Trang thông tin điện tử xã Châu Thành"
    identity.save()
    html = client.get("/admin/login/").content.decode()
    assert "<title>Đăng nhập | Quản trị Trang thông tin điện tử xã Châu Thành</title>" in html
    assert "Quản trị – Trang thông tin điện tử xã Châu Thành</a>" in html


def test_a_person_is_named_family_name_first(lan):
    assert lan.get_full_name() == "Nguyễn Thị Lan"
    assert lan.get_short_name() == "Lan"  # "Chào mừng bạn, Lan"


def test_the_user_form_asks_for_family_and_middle_names_then_the_given_name(admin_client, lan):
    html = admin_client.get(f"/admin/auth/user/{lan.pk}/change/").content.decode()
    last = html.index('<label for="id_last_name">Họ và tên đệm:</label>')
    first = html.index('<label for="id_first_name">Tên:</label>')
    assert last < first
    assert "Ví dụ: Nguyễn Thị" in html
    # Roles on sites, not raw permissions ("Can add log entry") nor groups, are chosen.
    assert 'name="user_permissions"' not in html and 'name="groups"' not in html
    assert re.search(r'<option value="bien-tap-vien" selected>Biên tập viên</option>', html)
    listing = admin_client.get("/admin/auth/user/").content.decode()
    assert "Nguyễn Thị Lan" in listing


def test_a_superuser_creates_an_editor_with_name_and_role_in_one_step(admin_client):
    from django.contrib.auth.models import User

    from multisite import default_site

    site = default_site()
    response = admin_client.post("/admin/auth/user/add/", {
        "username": "thuy", "usable_password": "true", "password1": "mat-khau-dai-123",
        "password2": "mat-khau-dai-123", "last_name": "Nguyễn Minh", "first_name": "Thuy",
        "email": "thuy@example.vn", "is_staff": "on",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-site": site.pk, "memberships-0-role": "bien-tap-vien",
    })  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="thuy")
    assert (user.get_full_name(), user.is_staff) == ("Nguyễn Minh Thuy", True)
    roles = list(user.memberships.values_list("site", "role"))
    assert roles == [(site.pk, "bien-tap-vien")] and EDITOR == "Biên tập viên"


def test_names_print_in_vietnamese_order_across_the_admin(client, lan, hung):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=lan)
    client.force_login(lan)
    client.post(
        f"/admin/news/article/{article.pk}/change/", article_form(article, _workflow="submit")
    )
    client.force_login(hung)
    pages = {
        "list": "/admin/news/article/",
        "form": f"/admin/news/article/{article.pk}/change/",
        "versions": f"/admin/news/article/{article.pk}/phien-ban/",
        "history": f"/admin/news/article/{article.pk}/history/",
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert "Nguyễn Thị Lan" in html, name
        assert "Lan Nguyễn Thị" not in html, name


def test_the_approval_email_names_the_editor_and_links_to_the_host_in_use(
    client, lan, hung, django_capture_on_commit_callbacks
):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=lan)
    client.force_login(lan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/news/article/{article.pk}/change/",
            article_form(article, _workflow="submit"),
            HTTP_HOST="localhost:8123",
        )
    assert Article.objects.get().status == Status.PENDING
    (message,) = mail.outbox
    assert message.to == ["hung@example.vn"]
    assert message.body.startswith(f"Nguyễn Thị Lan vừa gửi bài “{article.title}” để duyệt.")
    assert f"http://localhost:8123/admin/news/article/{article.pk}/change/" in message.body
    assert f"http://localhost:8123/tin-tuc/{article.slug}/xem-truoc/" in message.body
    assert ":8000" not in message.body


def test_without_a_request_the_email_links_to_site_url(settings, lan, hung):
    from editorial import services

    settings.SITE_URL = "https://chauthanh.example.gov.vn"
    article = make_article(status=Status.PENDING, created_by=lan)
    services.notify_approvers(article, lan)
    assert "https://chauthanh.example.gov.vn/admin/news/article/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("role", "buttons"),
    [(EDITOR, ["Gửi duyệt"]), (APPROVER, ["Gửi duyệt", "Xuất bản / hẹn giờ"])],
)
def test_the_add_page_has_the_workflow_buttons_in_its_submit_row(client, role, buttons):
    client.force_login(make_user("nguoi", role))
    html = client.get("/admin/news/article/add/").content.decode()
    row = html[html.index('<div class="submit-row">') :]
    row = row[: row.index("</div>")]
    labels = re.findall(r'<button type="submit" name="_workflow"[^>]*class="button default[^>]*>'
                        r"([^<]+)</button>", row)  # fmt: skip
    assert labels == buttons
    assert row.index('name="_save"') < row.index('name="_workflow"')  # Enter saves


def test_an_approver_sees_the_readme_words_on_a_published_article(client, hung):
    article = make_article(status=Status.PUBLISHED)
    client.force_login(hung)
    html = client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert re.search(r'value="unpublish"[^>]*>Gỡ bài</button>', html)


def test_favicon_ico_answers_with_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.png"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"\x89PNG")


def test_admin_pages_name_their_icon(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.png" type="image/png">' in html


def test_the_draft_preview_meta_line_has_no_lone_separator(client, lan):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=lan)
    client.force_login(lan)
    html = client.get(f"/tin-tuc/{article.slug}/xem-truoc/").content.decode()
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1)
    # (the view count is in its own span, which printing leaves out)
    assert re.sub(r"<[^>]+>", "", meta).strip() == "Lượt xem: 0"


# --- "Bài này đang được sửa bởi …" -----------------------------------------------------------
def test_a_colleague_opening_the_same_article_is_named_on_the_page(client, lan, hung):
    article = make_article(status=Status.PENDING, created_by=lan)
    client.force_login(hung)
    assert "đang được sửa bởi" not in client.get(f"/admin/news/article/{article.pk}/change/")
    other = person("thuy", APPROVER, "Nguyễn Minh", "Thuy")
    client.force_login(other)
    html = client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "Bài này đang được sửa bởi Trần Văn Hùng." in html


def test_the_heartbeat_answers_who_else_is_editing_and_a_leaver_is_gone(client, lan, hung):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=lan)
    url = f"/admin/news/article/{article.pk}/dang-sua/"
    client.force_login(lan)
    assert client.post(url).json() == {"editors": [], "notice": ""}
    client.force_login(hung)
    answer = client.post(url).json()
    assert answer["editors"] == ["Nguyễn Thị Lan"]
    assert answer["notice"].startswith("Bài này đang được sửa bởi Nguyễn Thị Lan.")
    client.force_login(lan)
    assert client.post(url).json()["editors"] == ["Trần Văn Hùng"]
    assert client.post(url, {"roi-di": "1"}).json() == {"notice": ""}
    client.force_login(hung)
    assert client.post(url).json()["editors"] == []
    assert client.get(url).status_code == 405


def test_a_silent_page_stops_counting_after_the_window(client, lan, hung):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=lan)
    presence.touch(article, lan)
    stale = timezone.now() - timedelta(seconds=presence.WINDOW + 1)
    EditPresence.objects.update(seen_at=stale)
    assert presence.others(article, hung) == []


def test_only_someone_who_may_edit_the_article_sends_a_heartbeat(client, lan):
    colleague = person("hoa", EDITOR, "Lê Thị", "Hoa")
    article = make_article(status=Status.DRAFT, published_at=None, created_by=colleague)
    client.force_login(lan)
    assert client.post(f"/admin/news/article/{article.pk}/dang-sua/").status_code == 403
    assert not EditPresence.objects.exists()


def test_two_people_named_in_one_notice():
    assert presence.notice(["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Hoa"]).startswith(
        "Bài này đang được sửa bởi Nguyễn Thị Lan, Trần Văn Hùng và Lê Thị Hoa."
    )


def test_the_category_select_and_list_stay_usable(client, lan):
    # An editor's list shows title, category, status, author, date and views.
    make_article(created_by=lan, category=make_category(name="Tin tức - Sự kiện"))
    client.force_login(lan)
    html = client.get("/admin/news/article/").content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "cover_thumb", "title", "category", "workflow_status", "author", "publication",
        "view_count",
    ]  # fmt: skip


def test_a_workflow_step_and_a_photo_name_the_person(admin_client, lan):
    from editorial import services
    from photos.models import Photo

    from .factories import image_file

    article = make_article(status=Status.DRAFT, published_at=None, created_by=lan)
    services.submit(article, lan)
    Photo.objects.create(image=image_file(), alt="Ảnh", uploaded_by=lan)
    html = admin_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    events = html[html.index("Lịch sử quy trình") :]
    assert "Nguyễn Thị Lan" in events and ">lan<" not in events
    assert "Nguyễn Thị Lan" in admin_client.get("/admin/photos/photo/").content.decode()
    assert str(lan) == "Nguyễn Thị Lan"
    assert str(make_user("khongten")) == "khongten"  # no name given: the user name
