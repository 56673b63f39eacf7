"""Every choice an admin form offers is checked on the server against the same set (issue 21,
finding 6): a raw POST of an id the picker would not offer is refused with a form error."""

import pytest

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
    """A colleague's draft holds a cover and a gallery photo not public yet; a published
    article shows another photo; the editor uploaded one of their own."""
    editor = make_user("bientap", EDITOR)
    colleague = make_user("dongnghiep", EDITOR)
    draft = make_article(status=Status.DRAFT, published_at=None, created_by=colleague)
    colleagues_cover, colleagues_gallery = make_photo(), make_photo()
    Article.objects.filter(pk=draft.pk).update(cover_photo=colleagues_cover)
    draft.images.create(
        photo=colleagues_gallery.image.name, library_photo=colleagues_gallery, alt="Ảnh"
    )
    public = make_photo()
    make_article(cover_photo=public, cover=public.image.name, cover_alt="Ảnh")
    own = make_photo(uploaded_by=editor)
    return {
        "editor": editor, "colleague": colleague, "colleagues_cover": colleagues_cover,
        "colleagues_gallery": colleagues_gallery, "public": public, "own": own,
    }  # fmt: skip


def test_the_board_shares_the_library_and_no_one_else_picks_from_it(photos):
    everything = set(Photo.objects.all())
    assert set(pickable_photos(photos["editor"])) == everything
    assert set(pickable_photos(make_user("duyet", APPROVER))) == everything
    assert set(pickable_photos(make_user("khongvaitro", None))) == set()


def new_draft_form(editor, **overrides):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=editor)
    return article, article_form(article, **overrides)


def test_a_raw_post_of_a_photo_id_the_picker_does_not_offer_is_refused(client, photos):
    client.force_login(photos["editor"])
    missing = Photo.objects.order_by("-pk").first().pk + 1000
    article, data = new_draft_form(photos["editor"], cover_photo=missing)
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors
    assert "cover_photo" in errors and "lựa chọn hợp lệ" in str(errors["cover_photo"])
    article.refresh_from_db()
    assert article.cover_photo is None and not article.cover


def test_a_raw_post_of_a_gallery_photo_the_picker_does_not_offer_is_refused(client, photos):
    client.force_login(photos["editor"])
    missing = Photo.objects.order_by("-pk").first().pk + 1000
    article, data = new_draft_form(
        photos["editor"],
        **{
            "images-TOTAL_FORMS": "1", "images-0-library_photo": missing,
            "images-0-alt": "Ảnh", "images-0-order": "0",
        },
    )  # fmt: skip
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 200
    gallery = response.context["inline_admin_formsets"][0].formset
    assert "library_photo" in gallery.forms[0].errors
    assert not article.images.exists()


def test_a_colleagues_photos_are_accepted(client, photos):
    client.force_login(photos["editor"])
    article, data = new_draft_form(
        photos["editor"],
        cover_photo=photos["colleagues_cover"].pk,
        **{
            "images-TOTAL_FORMS": "1", "images-0-library_photo": photos["colleagues_gallery"].pk,
            "images-0-alt": "", "images-0-order": "0",
        },
    )  # fmt: skip
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cover_photo == photos["colleagues_cover"]
    assert article.images.get().library_photo == photos["colleagues_gallery"]


def test_the_autocomplete_offers_exactly_what_the_form_accepts(client, photos):
    editor = photos["editor"]
    client.force_login(editor)
    for model_name, field in (("article", "cover_photo"), ("articleimage", "library_photo")):
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "news", "model_name": model_name, "field_name": field, "term": ""},
        )
        assert response.status_code == 200
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
