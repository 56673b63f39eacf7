"""Every admin page, autocomplete, upload endpoint and menu entry, cell by cell for each role.

The README's table, with the pages that carry it out:

| what                                                 | editor | approver | super | none |
| index, password change                               | 200    | 200      | 200   | 200  |
| articles: list, add, change, history, versions       | 200    | 200      | 200   | 403  |
| photo library: list, add, upload (CKEditor), pick    | 200    | 200      | 200   | 403  |
| documents: list, pick in an article                  | 200    | 200      | 200   | 403  |
| documents: add, change; sectors (read only)          | 403    | 200      | 200   | 403  |
| categories, pages, links, identity, visitor figures, | 403    | 403      | 200   | 403  |
| adding sectors, users and their roles, login         |        |          |       |      |
| attempts, the audit log                              |        |          |       |      |

"none" is a staff member in no role. The draft preview answers 404 instead of 403.
Groups have no admin page: a role's rights are data (editorial/roles.py), chosen on the user's
page.

A page a role may not open is also absent from its menus (the index and the list of models).
"""

import json

import pytest
from django.contrib.auth.models import Group

from documents.models import Document, Sector
from editorial.roles import APPROVER, EDITOR
from news.models import Article, SiteIdentity
from pages.models import Page
from photos.models import Photo

from .factories import image_file, make_article, make_category, make_user

pytestmark = pytest.mark.django_db
NO_GROUP = "no group"
ROLES = [EDITOR, APPROVER, "superuser", NO_GROUP]
Status = Article.Status


@pytest.fixture
def world():
    """One of everything, created by a colleague, so that no page is empty."""
    colleague = make_user("dongnghiep", EDITOR)
    article = make_article(status=Status.DRAFT, published_at=None, created_by=colleague)
    photo = Photo.objects.create(image=image_file(), alt="Ảnh thư viện", uploaded_by=colleague)
    document = Document.objects.create(symbol="5-CT/TU", doc_type="chi-thi", issuing_body="X")
    sector = Sector.objects.create(name="Tuyên giáo", slug="tuyen-giao")
    return {
        "article": article, "photo": photo, "document": document, "sector": sector,
        "identity": SiteIdentity.objects.current(), "page": Page.objects.first(),
    }  # fmt: skip


def login(client, role):
    user = make_user(f"nguoi-{ROLES.index(role)}", None if role == NO_GROUP else role)
    client.force_login(user)
    return user


def autocomplete(app_label, model_name, field_name):
    return (
        f"/admin/autocomplete/?app_label={app_label}&model_name={model_name}"
        f"&field_name={field_name}&term="
    )


E, A, S, N = EDITOR, APPROVER, "superuser", NO_GROUP
BOARD, APPROVERS, SUPERUSER, EVERYONE = {E, A, S}, {A, S}, {S}, {E, A, S, N}


def pages(w):
    """(url, the roles that get 200; every other role gets 403)."""
    article, photo, document = w["article"], w["photo"], w["document"]
    return [
        ("/admin/", EVERYONE),
        ("/admin/password_change/", EVERYONE),
        ("/admin/news/article/", BOARD),
        ("/admin/news/article/add/", BOARD),
        (f"/admin/news/article/{article.pk}/change/", BOARD),
        (f"/admin/news/article/{article.pk}/history/", BOARD),
        (f"/admin/news/article/{article.pk}/phien-ban/", BOARD),
        ("/admin/photos/photo/", BOARD),
        ("/admin/photos/photo/add/", BOARD),
        (f"/admin/photos/photo/{photo.pk}/change/", BOARD),
        (autocomplete("news", "article", "cover_photo"), BOARD),
        (autocomplete("news", "articleimage", "library_photo"), BOARD),
        (autocomplete("news", "article", "documents"), BOARD),
        ("/admin/documents/document/", BOARD),
        (f"/admin/documents/document/{document.pk}/change/", BOARD),
        ("/admin/documents/document/chua-co/", BOARD),
        ("/admin/documents/document/add/", APPROVERS),
        (autocomplete("documents", "document", "sector"), APPROVERS),
        (autocomplete("documents", "documentrelation", "target"), BOARD),  # reading only
        ("/admin/documents/sector/", APPROVERS),  # read only: to file a document in one
        ("/admin/news/category/", SUPERUSER),
        ("/admin/news/category/add/", SUPERUSER),
        (f"/admin/news/siteidentity/{w['identity'].pk}/change/", SUPERUSER),
        ("/admin/pages/page/", SUPERUSER),
        (f"/admin/pages/page/{w['page'].pk}/change/", SUPERUSER),
        ("/admin/pages/link/", SUPERUSER),
        ("/admin/documents/sector/add/", SUPERUSER),
        ("/admin/visitors/dailystats/", SUPERUSER),
        ("/admin/visitors/monthlystats/", SUPERUSER),
        ("/admin/auth/user/", SUPERUSER),
        ("/admin/auth/user/add/", SUPERUSER),
        ("/admin/axes/accessattempt/", SUPERUSER),
        ("/admin/axes/accessfailurelog/", SUPERUSER),
        ("/admin/axes/accesslog/", SUPERUSER),
        ("/admin/operations/auditentry/", SUPERUSER),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_admin_page_answers_200_to_the_roles_granted_it_and_403_to_the_others(
    client, world, role
):
    login(client, role)
    wrong = []
    for url, granted in pages(world):
        response = client.get(url)
        expected = 200 if role in granted else 403
        if response.status_code != expected:
            wrong.append((url, response.status_code, expected))
    assert not wrong, wrong


@pytest.mark.parametrize("role", ROLES)
def test_the_visitor_baseline_opens_for_the_superuser_only(client, world, role):
    login(client, role)
    # The changelist of a one-row model redirects to that row (also a 403 for the others).
    response = client.get("/admin/visitors/visitortotals/", follow=True)
    assert response.status_code == (200 if role == S else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_menus_list_exactly_the_pages_a_role_may_open(client, world, role):
    login(client, role)
    index = client.get("/admin/").content.decode()
    for url, granted in pages(world):
        path = url.split("?")[0]
        if path.count("/") != 4 or "autocomplete" in path:
            continue  # only lists (/admin/<app>/<model>/) are menu entries
        assert (f'href="{path}"' in index) == (role in granted), (role, path)


@pytest.mark.parametrize("role", ROLES)
def test_a_photo_uploaded_through_ckeditor_is_stored_for_board_members_only(client, role):
    login(client, role)
    response = client.post("/admin/anh/tai-anh-len/", {"upload": image_file()})
    if role == NO_GROUP:
        assert response.status_code == 403
        assert not Photo.objects.exists()
        return
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["uploaded"] == 1 and answer["url"].startswith("/media/photos/")
    assert Photo.objects.get().uploaded_by.username == f"nguoi-{ROLES.index(role)}"


@pytest.mark.parametrize("role", [E, A, S])
def test_a_board_member_finds_a_colleagues_photo_in_the_picker(client, world, role):
    login(client, role)
    url = autocomplete("news", "article", "cover_photo")
    results = json.loads(client.get(url).content)["results"]
    assert [r["id"] for r in results] == [str(world["photo"].pk)]


@pytest.mark.parametrize("role", [E, A, S])
def test_a_board_member_sets_a_library_photo_as_cover_and_in_the_gallery(client, world, role):
    user = login(client, role)
    photo = world["photo"]
    post = {
        "title": "Bài có ảnh thư viện", "slug": "", "category": make_category().pk,
        "cover_photo": photo.pk, "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "images-0-library_photo": photo.pk, "images-0-order": "1",
    }  # fmt: skip
    response = client.post("/admin/news/article/add/", post)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(created_by=user)
    assert article.cover.name == photo.image.name
    assert article.images.get().photo.name == photo.image.name


def test_a_photo_id_the_picker_does_not_offer_is_refused(client, world):
    login(client, EDITOR)
    post = {
        "title": "Bài có ảnh không tồn tại", "category": make_category().pk,
        "cover_photo": world["photo"].pk + 1000, "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post("/admin/news/article/add/", post)
    assert response.status_code == 200
    assert "cover_photo" in response.context["adminform"].form.errors
    assert Article.objects.get() == world["article"]  # nothing was added


@pytest.mark.parametrize(("role", "own", "others"), [(E, 302, 403), (A, 302, 302), (S, 302, 302)])
def test_library_captions_are_edited_by_the_uploader_or_an_approver(
    client, world, role, own, others
):
    user = login(client, role)
    mine = Photo.objects.create(image=image_file(), alt="Ảnh của tôi", uploaded_by=user)
    for photo, expected in ((mine, own), (world["photo"], others)):
        url = f"/admin/photos/photo/{photo.pk}/change/"
        response = client.post(url, {"caption": "Chú thích mới", "alt": "Mô tả mới"})
        assert response.status_code == expected, photo
        photo.refresh_from_db()
        assert (photo.caption == "Chú thích mới") == (expected == 302)


@pytest.mark.parametrize("role", [E, A])
def test_only_a_superuser_deletes_library_photos(client, world, role):
    login(client, role)
    url = f"/admin/photos/photo/{world['photo'].pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Photo.objects.filter(pk=world["photo"].pk).exists()


def test_staff_without_a_group_can_do_nothing_to_articles(client, world):
    login(client, NO_GROUP)
    article = world["article"]
    add = {"title": "Bài lạ", "category": make_category().pk}
    assert client.post("/admin/news/article/add/", add).status_code == 403
    workflow = f"/admin/news/article/{article.pk}/quy-trinh/"
    assert client.post(workflow, {"_workflow": "submit"}).status_code == 403
    assert client.get(f"/tin-tuc/{article.slug}/xem-truoc/").status_code == 404
    assert Article.objects.get().status == Status.DRAFT
    assert Article.objects.count() == 1


def test_a_group_renamed_away_from_a_role_grants_nothing(client, world):
    user = login(client, EDITOR)
    group = Group.objects.get(name=EDITOR)
    group.user_set.remove(user)
    Group.objects.create(name="Nhóm khác").user_set.add(user)
    assert client.get("/admin/news/article/").status_code == 403
