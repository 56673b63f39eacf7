"""Every choice an admin form offers is checked on the server against the same set (issue 21,
finding 6): a raw POST of an id the picker would not offer is refused with a form error."""

import pytest
from django.contrib.auth.models import Permission

from documents.models import Document
from editorial.roles import APPROVER, EDITOR
from news.models import Article, Category
from photos.models import Photo

from .factories import article_form, image_file, make_article, make_user

pytestmark = pytest.mark.django_db
Status = Article.Status


def pickable_photos(user):
    from photos.library import pickable_photos  # the policy's one home

    return pickable_photos(user)


def make_photo(**fields):
    return Photo.objects.create(image=image_file(size=(64, 48)), alt="Ảnh", **fields)


@pytest.fixture
def photos():
    """An editor's colleague has a draft whose cover and gallery photos are not public yet; a
    published article shows another photo; the editor uploaded one of their own."""
    editor = make_user("bientap", EDITOR)
    colleague = make_user("dongnghiep", EDITOR)
    draft = make_article(status=Status.DRAFT, published_at=None, created_by=colleague)
    secret_cover, secret_gallery = make_photo(), make_photo()
    Article.objects.filter(pk=draft.pk).update(cover_photo=secret_cover)
    draft.images.create(photo=secret_gallery.image.name, library_photo=secret_gallery, alt="Ảnh")
    public = make_photo()
    make_article(cover_photo=public, cover=public.image.name, cover_alt="Ảnh")
    own = make_photo(uploaded_by=editor)
    return {
        "editor": editor, "colleague": colleague, "secret_cover": secret_cover,
        "secret_gallery": secret_gallery, "public": public, "own": own,
    }  # fmt: skip


def test_an_editor_may_pick_own_and_public_photos_only(photos):
    allowed = set(pickable_photos(photos["editor"]))
    assert allowed == {photos["public"], photos["own"]}
    assert set(pickable_photos(photos["colleague"])) >= {
        photos["secret_cover"],
        photos["secret_gallery"],
        photos["public"],
    }
    assert set(pickable_photos(make_user("duyet", APPROVER))) == set(Photo.objects.all())


def new_draft_form(editor, **overrides):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=editor)
    return article, article_form(article, **overrides)


def test_a_raw_post_of_another_users_unpublished_cover_photo_is_refused(client, photos):
    client.force_login(photos["editor"])
    article, data = new_draft_form(photos["editor"], cover_photo=photos["secret_cover"].pk)
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors
    assert "cover_photo" in errors and "lựa chọn hợp lệ" in str(errors["cover_photo"])
    article.refresh_from_db()
    assert article.cover_photo is None and not article.cover


def test_a_raw_post_of_another_users_unpublished_gallery_photo_is_refused(client, photos):
    client.force_login(photos["editor"])
    article, data = new_draft_form(
        photos["editor"],
        **{
            "images-TOTAL_FORMS": "1", "images-0-library_photo": photos["secret_gallery"].pk,
            "images-0-alt": "Ảnh", "images-0-order": "0",
        },
    )  # fmt: skip
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 200
    gallery = response.context["inline_admin_formsets"][0].formset
    assert "library_photo" in gallery.forms[0].errors
    assert not article.images.exists()


def test_own_and_public_photos_are_accepted(client, photos):
    client.force_login(photos["editor"])
    article, data = new_draft_form(
        photos["editor"],
        cover_photo=photos["own"].pk,
        **{
            "images-TOTAL_FORMS": "1", "images-0-library_photo": photos["public"].pk,
            "images-0-alt": "", "images-0-order": "0",
        },
    )  # fmt: skip
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cover_photo == photos["own"]
    assert article.images.get().library_photo == photos["public"]


def test_an_approver_may_attach_any_photo(client, photos):
    approver = make_user("duyet", APPROVER)
    client.force_login(approver)
    article, data = new_draft_form(approver, cover_photo=photos["secret_cover"].pk)
    assert client.post(f"/admin/news/article/{article.pk}/change/", data).status_code == 302


def test_the_autocomplete_offers_exactly_what_the_form_accepts(client, photos):
    # The editors' desk decides who browses the library; given the right, the picker offers
    # the same photos the form accepts.
    editor = photos["editor"]
    editor.user_permissions.add(Permission.objects.get(codename="view_photo"))
    client.force_login(editor)
    for field in ("cover_photo",):
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "news", "model_name": "article", "field_name": field, "term": ""},
        )
        assert response.status_code == 200
        offered = {int(result["id"]) for result in response.json()["results"]}
        assert offered == {p.pk for p in pickable_photos(editor)}
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "articleimage", "field_name": "library_photo"},
    )
    offered = {int(result["id"]) for result in response.json()["results"]}
    assert offered == {p.pk for p in pickable_photos(editor)}


def test_every_foreign_key_of_a_form_a_role_reaches_validates_its_choices(photos):
    """Each ModelChoiceField an editor's or approver's admin form holds has the queryset its
    picker offers: for photos the library policy; for the rest (category, documents, sector)
    every row, which is what their pickers list."""
    from django.contrib import admin
    from django.test import RequestFactory

    from news.models import ArticleImage

    for role in (EDITOR, APPROVER):
        user = make_user(f"kiemtra{len(role)}", role)
        request = RequestFactory().get("/admin/")
        request.user = user
        article_admin = admin.site._registry[Article]
        form = article_admin.get_form(request)()
        assert set(form.fields["cover_photo"].queryset) == set(pickable_photos(user))
        assert set(form.fields["category"].queryset) == set(Category.objects.all())
        assert set(form.fields["documents"].queryset) == set(Document.objects.all())
        inline = article_admin.get_inline_instances(request)[0]
        assert inline.model is ArticleImage
        formset = inline.get_formset(request)()
        assert set(formset.forms[0].fields["library_photo"].queryset) == set(pickable_photos(user))
