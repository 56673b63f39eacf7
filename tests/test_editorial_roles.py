"""The roles table of the editorial workflow, cell by cell, enforced on the server.

| action                                              | editor | approver | superuser |
| create and edit own drafts, upload photos           | yes    | yes      | yes       |
| submit; withdraw own pending article back to draft  | yes    | yes      | yes       |
| edit others' articles, pending or published         | no     | yes      | yes       |
| publish, schedule, unpublish, send back with reason | no     | yes      | yes       |
| documents: create and edit                          | no     | yes      | yes       |
| categories, pages, site identity, users             | no     | no       | yes       |

A role is held on a site (multisite.Membership); these tests give it on the default site, where
the test client's host ("testserver") lands. Roles on other sites: tests/test_sites_roles.py.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from documents.models import Document
from editorial.roles import APPROVER, EDITOR
from multisite import default_site
from multisite.models import Membership
from news.models import Article, Category

from .factories import (
    article_form,
    default_identity,
    image_file,
    make_article,
    make_category,
    make_user,
)

pytestmark = pytest.mark.django_db
ROLES = [EDITOR, APPROVER, "superuser"]
Status = Article.Status


@pytest.fixture
def as_role(client):
    def login(role, username=None):
        user = make_user(username or f"u{abs(hash(role)) % 10_000}", role)
        client.force_login(user)
        return user

    return login


@pytest.fixture
def colleague():
    return make_user("dongnghiep", EDITOR)


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def workflow_url(article):
    return f"/admin/news/article/{article.pk}/quy-trinh/"


def test_a_role_is_a_membership_of_the_site_and_groups_grant_nothing(client):
    user = make_user("nhom")
    # A group named like a role, with every permission an approver's pages could want.
    group = Group.objects.create(name=APPROVER)
    group.permissions.set(Permission.objects.filter(content_type__app_label="news"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get("/admin/news/article/").status_code == 403
    Membership.objects.create(user=user, site=default_site(), role="duyet-bai")
    client.force_login(user)
    assert client.get("/admin/news/article/").status_code == 200


# --- create and edit own drafts, upload photos: everyone ------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_every_role_creates_and_edits_its_own_draft_with_a_photo(client, as_role, role):
    user = as_role(role)
    category = make_category()
    new = {
        "title": "Bài nháp có ảnh", "slug": "", "category": category.pk, "author_line": "TT",
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "images-0-photo": image_file(), "images-0-caption": "Hội nghị", "images-0-alt": "Ảnh",
        "images-0-order": "1",
    }  # fmt: skip
    response = client.post("/admin/news/article/add/", new)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert (article.created_by, article.status, article.images.count()) == (user, "draft", 1)
    response = client.post(change_url(article), article_form(article, title="Bài nháp đã sửa"))
    assert response.status_code == 302
    assert Article.objects.get().title == "Bài nháp đã sửa"


# --- submit; withdraw own pending back to draft: everyone -----------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_every_role_submits_and_withdraws_its_own_article(client, as_role, role):
    user = as_role(role)
    article = make_article(status=Status.DRAFT, published_at=None, created_by=user)
    client.post(change_url(article), article_form(article, _workflow="submit"))
    article.refresh_from_db()
    assert article.status == Status.PENDING
    # An editor cannot edit a pending article, so withdrawing is a plain workflow POST.
    client.post(workflow_url(article), {"_workflow": "withdraw"})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert list(article.events.values_list("action", "actor")) == [
        ("withdrawn", user.pk),
        ("submitted", user.pk),
    ]


def test_an_editor_cannot_withdraw_someone_elses_pending_article(client, as_role, colleague):
    as_role(EDITOR)
    article = make_article(status=Status.PENDING, created_by=colleague)
    assert client.post(workflow_url(article), {"_workflow": "withdraw"}).status_code == 403
    assert Article.objects.get().status == Status.PENDING


def test_an_editor_cannot_submit_someone_elses_draft(client, as_role, colleague):
    as_role(EDITOR)
    article = make_article(status=Status.DRAFT, published_at=None, created_by=colleague)
    assert client.post(workflow_url(article), {"_workflow": "submit"}).status_code == 403
    assert Article.objects.get().status == Status.DRAFT


# --- edit others' articles, pending or published: approver and superuser ---------------------
@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.PUBLISHED])
def test_an_editor_cannot_edit_someone_elses_article(client, as_role, colleague, status):
    as_role(EDITOR)
    article = make_article(status=status, created_by=colleague)
    response = client.post(change_url(article), article_form(article, title="Sửa trộm"))
    assert response.status_code == 403
    assert Article.objects.get().title == article.title


@pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED])
def test_an_editor_cannot_edit_their_own_article_once_it_left_draft(client, as_role, status):
    user = as_role(EDITOR)
    article = make_article(status=status, created_by=user)
    response = client.post(change_url(article), article_form(article, title="Sửa trộm"))
    assert response.status_code == 403
    assert Article.objects.get().title == article.title
    # The page itself opens read-only: no save button to press.
    html = client.get(change_url(article)).content.decode()
    assert 'name="_save"' not in html


@pytest.mark.parametrize("role", [APPROVER, "superuser"])
@pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED])
def test_an_approver_edits_someone_elses_article(client, as_role, colleague, role, status):
    as_role(role)
    article = make_article(status=status, created_by=colleague)
    response = client.post(change_url(article), article_form(article, title="Đã biên tập lại"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Đã biên tập lại", status)


# --- publish, schedule, unpublish, send back: approver and superuser ------------------------
def test_an_editors_forged_status_field_is_ignored(client, as_role):
    user = as_role(EDITOR)
    article = make_article(status=Status.DRAFT, published_at=None, created_by=user)
    forged = article_form(article, status="published", published_at_0="01/01/2024",
                          published_at_1="08:00:00", is_featured="on")  # fmt: skip
    assert client.post(change_url(article), forged).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at, article.is_featured) == ("draft", None, False)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("action", ["publish", "send_back", "unpublish"])
def test_an_editors_forged_workflow_button_is_refused(client, as_role, action):
    user = as_role(EDITOR)
    start = {"publish": Status.DRAFT, "send_back": Status.PENDING, "unpublish": Status.PUBLISHED}
    article = make_article(status=start[action], created_by=user)
    post = {"_workflow": action, "review_note": "lý do"}
    assert client.post(workflow_url(article), post).status_code == 403
    if action == "publish":  # on an own draft the whole edit form is refused too
        response = client.post(change_url(article), article_form(article, **post))
        assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == start[action]
    assert not article.events.exists()


def test_an_editors_forged_bulk_publish_does_nothing(client, as_role):
    user = as_role(EDITOR)
    article = make_article(status=Status.PENDING, created_by=user)
    client.post(
        "/admin/news/article/", {"action": "publish_selected", "_selected_action": [article.pk]}
    )
    assert Article.objects.get().status == Status.PENDING
    changelist = client.get("/admin/news/article/").content.decode()
    assert "publish_selected" not in changelist


def test_an_editor_deletes_only_their_own_unpublished_draft(client, as_role, colleague):
    user = as_role(EDITOR)
    own = make_article(status=Status.DRAFT, published_at=None, created_by=user)
    others = make_article(status=Status.PUBLISHED, created_by=colleague)
    forged = {"action": "delete_selected", "_selected_action": [others.pk], "post": "yes"}
    client.post("/admin/news/article/", forged)
    delete = f"/admin/news/article/{others.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/news/article/{own.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(Article.objects.all()) == [others]


@pytest.mark.parametrize("role", [APPROVER, "superuser"])
def test_an_approver_publishes_schedules_unpublishes_and_sends_back(client, as_role, role):
    as_role(role)
    article = make_article(status=Status.PENDING, published_at=None, created_by=None)
    client.post(workflow_url(article), {"_workflow": "send_back", "review_note": "Thiếu ảnh"})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    client.post(workflow_url(article), {"_workflow": "publish"})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public
    client.post(workflow_url(article), {"_workflow": "unpublish"})
    article.refresh_from_db()
    assert article.status == Status.DRAFT and not article.is_public
    later = timezone.localtime() + timedelta(days=1)
    scheduled = article_form(
        article, published_at_0=later.strftime("%d/%m/%Y"),
        published_at_1=later.strftime("%H:%M:%S"), _workflow="publish",
    )  # fmt: skip
    assert client.post(change_url(article), scheduled).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and not article.is_public
    assert list(article.events.values_list("action", flat=True)) == [
        "scheduled", "unpublished", "published", "sent_back",
    ]  # fmt: skip


# --- documents: create and edit -------------------------------------------------------------
DOCUMENT = {"symbol": "12-NQ/HU", "doc_type": "nghi-quyet", "issuing_body": "Huyện ủy",
            "issued_on": "01/02/2024", "title": "Về công tác tuyên truyền", "level": "huyen",
            "status": "con-hieu-luc", "kind": "", "term": "", "signer": "", "sector": "",
            "slug": "", "effective_on": "",
            "relations_out-TOTAL_FORMS": "0", "relations_out-INITIAL_FORMS": "0",
            "relations_out-MIN_NUM_FORMS": "0", "relations_out-MAX_NUM_FORMS": "1000"}  # fmt: skip


def test_an_editor_cannot_create_or_edit_documents(client, as_role):
    as_role(EDITOR)
    assert client.get("/admin/documents/document/add/").status_code == 403
    assert client.post("/admin/documents/document/add/", DOCUMENT).status_code == 403
    document = Document.objects.create(symbol="5-CT/TU", doc_type="chi-thi", issuing_body="X")
    edited = {**DOCUMENT, "symbol": "5-CT/TU"}
    url = f"/admin/documents/document/{document.pk}/change/"
    assert client.post(url, edited).status_code == 403
    assert Document.objects.get().issuing_body == "X"


@pytest.mark.parametrize("role", [APPROVER, "superuser"])
def test_an_approver_creates_and_edits_documents(client, as_role, role):
    as_role(role)
    assert client.post("/admin/documents/document/add/", DOCUMENT).status_code == 302
    document = Document.objects.get()
    url = f"/admin/documents/document/{document.pk}/change/"
    assert client.post(url, {**DOCUMENT, "signer": "Nguyễn Văn A"}).status_code == 302
    assert Document.objects.get().signer == "Nguyễn Văn A"


# --- categories, site identity, users: superuser only ---------------------------------------
@pytest.mark.parametrize("role", [EDITOR, APPROVER])
def test_only_a_superuser_manages_categories_identity_and_users(client, as_role, role):
    as_role(role)
    category = make_category(name="Tin tức")
    identity = default_identity()
    assert client.post("/admin/news/category/add/", {"name": "Mới", "order": 1}).status_code == 403
    url = f"/admin/news/category/{category.pk}/change/"
    assert client.post(url, {"name": "Đổi tên", "order": 1}).status_code == 403
    url = f"/admin/multisite/siteprofile/{identity.pk}/change/"
    assert client.post(url, {"site_name": "Trang giả mạo"}).status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.post("/admin/auth/user/add/", {"username": "x"}).status_code == 403
    assert Category.objects.get().name == "Tin tức"
    assert default_identity().site_name != "Trang giả mạo"


def test_a_superuser_manages_categories_identity_and_users(client, as_role):
    as_role("superuser")
    assert client.post("/admin/news/category/add/", {"name": "Mới", "order": 1}).status_code == 302
    identity = default_identity()
    url = f"/admin/multisite/siteprofile/{identity.pk}/change/"
    assert client.post(url, {"site_name": "Trang huyện"}).status_code == 302
    assert default_identity().site_name == "Trang huyện"
    assert client.get("/admin/auth/user/").status_code == 200
