"""Isolation of sites in the admin: each host's admin is that site's, for every role. An editor
of one commune never sees, lists, filters by, autocompletes, previews, is e-mailed about or
changes another's content, by the admin or by a forged URL or POST; a site's administrator
never touches another site's users or `is_superuser` (tests/sites_world.py)."""

import pytest
from django.core import mail

from documents.models import Document
from editorial import services
from multisite.models import Membership
from news.models import Article, Category
from pages.models import Link, Page
from photos.models import Photo

from .factories import PASSWORD, article_form, image_file
from .sites_world import DRAFT_SLUG, WORDS, World, build_world

pytestmark = pytest.mark.django_db
Status = Article.Status
ROLES = ["editor", "approver", "admin", "superuser"]
# The admin lists each role opens, and the other site's rows that must never show there.
LISTS = {
    "editor": ["news/article", "photos/photo", "documents/document"],
    "approver": ["news/article", "photos/photo", "documents/document"],
    "admin": ["news/category", "pages/page", "pages/link", "auth/user"],
    # The superuser's users page is the platform's: every user (test_the_platform_pages...).
    "superuser": [
        "news/article", "news/category", "photos/photo", "documents/document", "pages/page",
        "pages/link",
    ],
}  # fmt: skip


@pytest.fixture
def world(settings):
    return build_world(settings)


class On:
    """A logged-in person's requests to one site's host."""

    def __init__(self, client, world, who, code):
        self.client, self.host = client, World.host(code)
        if who is not None:
            user = world.people[who if who == "superuser" else f"{who}-hoa-loi"]
            client.force_login(user)

    def get(self, path, **params):
        return self.client.get(path, params, headers={"host": self.host})

    def post(self, path, data=None, **extra):
        return self.client.post(path, data or {}, headers={"host": self.host}, **extra)


def rows_of_other_site(world):
    """Ids (admin change URLs) of Song Lộc's rows, by admin path."""
    site = world.sites["song-loc"]
    member = world.people["editor-song-loc"]
    return {
        "news/article": [world.articles["song-loc"].pk, world.drafts["song-loc"].pk],
        "news/category": [world.categories["song-loc"].pk],
        "photos/photo": [world.photos["song-loc"].pk],
        "documents/document": [world.documents["song-loc"].pk, world.documents["own-35"].pk],
        "pages/page": [Page.objects.get(site=site, slug="gioi-thieu").pk],
        "pages/link": [Link.objects.get(site=site).pk],
        "auth/user": [member.pk],
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_list_shows_this_sites_rows_and_another_sites_ids_are_not_found(
    client, world, role
):
    on = On(client, world, role, "hoa-loi")
    theirs = rows_of_other_site(world)
    for path in LISTS[role]:
        listing = on.get(f"/admin/{path}/")
        assert listing.status_code == 200, path
        html = listing.content.decode()
        assert "Song Lộc" not in html and "song-loc" not in html, path
        for pk in theirs[path]:
            for view in ("change", "history", "delete"):
                assert on.get(f"/admin/{path}/{pk}/{view}/").status_code == 404, (path, view)
    # A site's identity: its own only.
    identity = on.get(f"/admin/multisite/siteprofile/{world.sites['song-loc'].pk}/change/")
    assert identity.status_code == 404


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_forged_ids_of_another_sites_rows_are_refused_with_form_errors(client, world, role):
    on = On(client, world, role, "hoa-loi")
    before = Article.objects.count()
    base = {
        "title": "Bài mới", "slug": "", "lead": "", "body": "<p>Nội dung.</p>",
        "author_line": "", "cover_caption": "", "cover_alt": "Ảnh", "gallery_title": "",
        "gallery_after": "", "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    forged = [
        {"category": world.categories["song-loc"].pk},
        {"category": world.categories["hoa-loi"].pk, "cover_photo": world.photos["song-loc"].pk},
        {"category": world.categories["hoa-loi"].pk, "documents": [world.documents["song-loc"].pk]},
        {
            "category": world.categories["hoa-loi"].pk, "images-TOTAL_FORMS": "1",
            "images-0-library_photo": world.photos["song-loc"].pk, "images-0-alt": "Ảnh",
            "images-0-order": "1",
        },
    ]  # fmt: skip
    fields_in_error = ["category", "cover_photo", "documents", "library_photo"]
    for fields, field in zip(forged, fields_in_error, strict=True):
        response = on.post("/admin/news/article/add/", {**base, **fields})
        assert response.status_code == 200, fields  # the form again, with its error
        assert field in errors(response), fields
    assert Article.objects.count() == before
    # The province's documents are this site's to cite; its own photos and categories too.
    shared = world.documents["shared"].pk
    fine = {"category": world.categories["hoa-loi"].pk, "documents": [shared]}
    fine["cover_photo"] = world.photos["hoa-loi"].pk
    assert on.post("/admin/news/article/add/", {**base, **fine}).status_code == 302
    article = Article.objects.get(title="Bài mới")
    assert article.site == world.sites["hoa-loi"]
    assert list(article.documents.values_list("pk", flat=True)) == [shared]


def errors(response):
    """The fields of the admin form, and of its inline forms, that have errors."""
    fields = set(response.context["adminform"].form.errors)
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            fields |= set(form.errors)
    return fields


def test_an_existing_articles_form_refuses_another_sites_category(client, world):
    on = On(client, world, "approver", "hoa-loi")
    article = world.articles["hoa-loi"]
    form = article_form(article, category=world.categories["song-loc"].pk)
    response = on.post(f"/admin/news/article/{article.pk}/change/", form)
    assert response.status_code == 200 and "category" in errors(response)
    assert Article.objects.get(pk=article.pk).category == world.categories["hoa-loi"]


def test_autocompletes_offer_this_sites_rows_and_the_documents_it_shares(client, world):
    on = On(client, world, "editor", "hoa-loi")

    def offered(model_name, field_name, term=""):
        params = {"app_label": "news", "model_name": model_name, "field_name": field_name}
        found = on.get("/admin/autocomplete/", term=term, **params).json()["results"]
        return {int(row["id"]) for row in found}

    documents = offered("article", "documents")
    assert world.documents["shared"].pk in documents and world.documents["hoa-loi"].pk in documents
    assert not documents & {world.documents["song-loc"].pk, world.documents["own-35"].pk}
    assert offered("article", "cover_photo") == {world.photos["hoa-loi"].pk}
    assert offered("articleimage", "library_photo") == {world.photos["hoa-loi"].pk}
    # A document's relations name its own site's documents only (not the province's).
    on = On(client, world, "approver", "hoa-loi")
    params = {"app_label": "documents", "model_name": "documentrelation", "field_name": "target"}
    rows = on.get("/admin/autocomplete/", **params).json()["results"]
    assert {int(row["id"]) for row in rows} == {world.documents["hoa-loi"].pk}


def test_list_filters_name_this_sites_rows_only(client, world):
    html = On(client, world, "superuser", "hoa-loi").get("/admin/news/article/").content.decode()
    assert f"Nông thôn mới {WORDS['hoa-loi']}" in html or "Tin tức - Sự kiện" in html
    assert "Song Lộc" not in html and "editor-song-loc" not in html


def test_each_site_picks_from_its_own_photo_library(world):
    from photos.library import pickable_photos

    editor, site = world.people["editor-hoa-loi"], world.sites["hoa-loi"]
    assert set(pickable_photos(editor, site)) == {world.photos["hoa-loi"]}
    assert not pickable_photos(editor, world.sites["song-loc"]).exists()  # no role there


def test_uploads_go_to_this_sites_library_and_only_its_board_uploads(client, world):
    on = On(client, world, "editor", "hoa-loi")
    answer = on.post("/admin/anh/tai-anh-len/", {"upload": image_file()}).json()
    assert answer["uploaded"] == 1
    assert Photo.objects.order_by("-pk").first().site == world.sites["hoa-loi"]
    # Song Lộc's editor on Hòa Lợi's host: no role there.
    client.force_login(world.people["editor-song-loc"])
    response = on.post("/admin/anh/tai-anh-len/", {"upload": image_file()})
    assert response.status_code == 403


def test_previews_open_this_sites_drafts_only(client, world):
    on = On(client, world, "editor", "hoa-loi")
    preview = on.get(f"/tin-tuc/{DRAFT_SLUG}/xem-truoc/")
    assert preview.status_code == 200 and "Dự thảo kế hoạch Hòa Lợi" in preview.content.decode()
    assert on.get("/tin-tuc/rieng-song-loc/xem-truoc/").status_code == 404
    client.force_login(world.people["editor-song-loc"])  # a member of another site
    assert on.get(f"/tin-tuc/{DRAFT_SLUG}/xem-truoc/").status_code == 404


def test_workflow_actions_reach_this_sites_articles_only(client, world):
    on = On(client, world, "approver", "hoa-loi")
    theirs = world.drafts["song-loc"]
    for path in ("quy-trinh", "phien-ban", "dang-sua"):
        response = on.post(f"/admin/news/article/{theirs.pk}/{path}/", {"_workflow": "publish"})
        assert response.status_code == 404, path
    action = {"action": "publish_selected", "_selected_action": [theirs.pk]}
    on.post("/admin/news/article/", action)
    assert Article.objects.get(pk=theirs.pk).status == Status.DRAFT
    ours = world.drafts["hoa-loi"]
    on.post("/admin/news/article/", {**action, "_selected_action": [ours.pk]})
    assert Article.objects.get(pk=ours.pk).status == Status.PUBLISHED


def test_a_member_of_one_site_has_no_role_on_another_sites_host(client, world):
    on = On(client, world, "approver", "song-loc")  # Hòa Lợi's approver at Song Lộc
    for path in ("news/article", "photos/photo", "documents/document"):
        assert on.get(f"/admin/{path}/").status_code == 403, path
    assert on.post("/admin/news/category/add/", {"name": "Giả mạo"}).status_code == 403
    assert on.get("/admin/").status_code == 200  # staff: the index, empty of models
    assert not Category.objects.filter(name="Giả mạo").exists()


def test_approvers_of_the_articles_site_are_emailed_and_no_one_else(
    world, django_capture_on_commit_callbacks
):
    article = world.drafts["hoa-loi"]
    editor = world.people["editor-hoa-loi"]
    Article.objects.filter(pk=article.pk).update(created_by=editor)
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, editor, "http://hoa-loi.localhost")
    assert [m.to for m in mail.outbox] == [["approver-hoa-loi@example.vn"]]
    assert "http://hoa-loi.localhost/admin/news/article/" in mail.outbox[0].body
    # A site with no approver: the platform's superusers hear of it.
    mail.outbox.clear()
    Membership.objects.filter(site=world.sites["song-loc"], role="duyet-bai").delete()
    draft = world.drafts["song-loc"]
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(draft, world.people["superuser"])
    assert [m.to for m in mail.outbox] == []  # the submitter is the only superuser
    mail.outbox.clear()
    Article.objects.filter(pk=draft.pk).update(
        status=Status.DRAFT, created_by=world.people["editor-song-loc"]
    )
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(draft, world.people["editor-song-loc"])
    assert [m.to for m in mail.outbox] == [["quantri@example.vn"]]
    # Without a request, links go to the article's site.
    assert "http://songloc.vinhlong.gov.vn/admin/news/article/" in mail.outbox[0].body


def test_can_approve_is_asked_of_the_articles_site(world):
    from editorial.permissions import can

    approver = world.people["approver-hoa-loi"]
    assert can(approver, "article.publish", world.drafts["hoa-loi"])
    assert not can(approver, "article.publish", world.drafts["song-loc"])
    site = world.sites["hoa-loi"]
    assert not can(approver, "article.publish", world.drafts["song-loc"], site=site)
    assert not can(approver, "article.publish", site=world.sites["song-loc"])


def test_a_site_administrator_manages_its_members_only(client, world):
    on = On(client, world, "admin", "hoa-loi")
    listing = on.get("/admin/auth/user/").content.decode()
    assert "editor-hoa-loi" in listing and "approver-hoa-loi" in listing
    assert "song-loc" not in listing and "quantri" not in listing  # nor the superuser
    assert on.get(f"/admin/auth/user/{world.people['superuser'].pk}/change/").status_code == 404
    # A new member: staff, a member of this site, never a superuser, whatever is posted.
    new = {
        "username": "thanhvien", "usable_password": "true", "password1": PASSWORD,
        "password2": PASSWORD, "last_name": "Lê Văn", "first_name": "Tám", "email": "",
        "is_superuser": "on", "is_staff": "", "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0", "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-site": world.sites["song-loc"].pk,  # another site: refused
        "memberships-0-role": "bien-tap-vien",
    }  # fmt: skip
    assert on.post("/admin/auth/user/add/", new).status_code == 200
    new["memberships-0-site"] = world.sites["hoa-loi"].pk
    assert on.post("/admin/auth/user/add/", new).status_code == 302
    member = Membership.objects.get(user__username="thanhvien")
    assert (member.site, member.role) == (world.sites["hoa-loi"], "bien-tap-vien")
    assert member.user.is_staff and not member.user.is_superuser
    # Raising a member to superuser by a forged field: ignored.
    editor = world.people["editor-hoa-loi"]
    change = {
        "username": editor.username, "last_name": "", "first_name": "", "email": editor.email,
        "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": editor.memberships.get().pk, "memberships-0-user": editor.pk,
        "memberships-0-site": world.sites["hoa-loi"].pk, "memberships-0-role": "duyet-bai",
    }  # fmt: skip
    assert on.post(f"/admin/auth/user/{editor.pk}/change/", change).status_code == 302
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert list(editor.memberships.values_list("role", flat=True)) == ["duyet-bai"]


def test_a_member_of_two_sites_keeps_their_account_out_of_one_sites_hands(client, world):
    shared = world.people["editor-song-loc"]
    Membership.objects.create(user=shared, site=world.sites["hoa-loi"], role="bien-tap-vien")
    on = On(client, world, "admin", "hoa-loi")
    page = on.get(f"/admin/auth/user/{shared.pk}/change/").content.decode()
    assert 'name="email"' not in page and "Song Lộc" not in page  # read-only; its roles here
    assert on.get(f"/admin/auth/user/{shared.pk}/password/").status_code == 403
    assert on.post(f"/admin/auth/user/{shared.pk}/delete/", {"post": "yes"}).status_code == 403
    shared.refresh_from_db()
    assert shared.memberships.count() == 2


def test_the_platform_pages_are_the_superusers_alone(client, world):
    for role in ("editor", "approver", "admin"):
        on = On(client, world, role, "hoa-loi")
        assert on.get("/admin/sites/site/").status_code == 403, role
        assert on.get("/admin/workdays/dayexception/").status_code == 403, role
        assert on.get("/admin/documents/sector/add/").status_code == 403, role
    on = On(client, world, "superuser", "hoa-loi")
    listing = on.get("/admin/sites/site/").content.decode()
    assert all(f"{code}.localhost" in listing for code in ("tinh", "hoa-loi", "song-loc"))
    everyone = on.get("/admin/auth/user/").content.decode()  # every site's people
    assert "editor-song-loc" in everyone and "editor-hoa-loi" in everyone
    assert Document.objects.filter(site=world.sites["song-loc"]).count() == 2


def test_each_sites_audit_log_lists_the_changes_made_on_it(client, world):
    on = On(client, world, "superuser", "hoa-loi")
    on.post(f"/admin/pages/link/{Link.objects.get(site=world.sites['hoa-loi']).pk}/change/", {
        "name": "Cổng Hòa Lợi mới", "url": "https://hoaloi.vinhlong.gov.vn/", "order": 1,
        "is_active": "on",
    })  # fmt: skip
    theirs = On(client, world, "superuser", "song-loc")
    link = Link.objects.get(site=world.sites["song-loc"])
    theirs.post(f"/admin/pages/link/{link.pk}/change/", {
        "name": "Cổng Song Lộc mới", "url": "https://songloc.vinhlong.gov.vn/", "order": 1,
        "is_active": "on",
    })  # fmt: skip
    theirs.get("/admin/")  # shows (and so clears) the "changed" message, which names the link
    log = on.get("/admin/operations/auditentry/").content.decode()
    assert "Cổng Hòa Lợi mới" in log and "Song Lộc" not in log
    assert "Cổng Song Lộc mới" in theirs.get("/admin/operations/auditentry/").content.decode()
