"""Revisions (compare, restore) and the optimistic lock: no save erases another's work."""

import pytest
from reversion.models import Version

from editorial import services
from editorial.roles import APPROVER, EDITOR
from news.models import Article

from .factories import article_form, image_file, make_category, make_user

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def editor():
    return make_user("bientap", EDITOR)


@pytest.fixture
def approver():
    return make_user("truongban", APPROVER)


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def create_in_admin(client, user):
    """An article written in the admin, with one gallery photo; returns it."""
    client.force_login(user)
    data = {
        "title": "Hội nghị sơ kết", "slug": "", "category": make_category().pk,
        "lead": "Sapo ban đầu.", "body": "<p>Đoạn một về hội nghị.</p>",
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "images-0-photo": image_file(), "images-0-caption": "Quang cảnh", "images-0-alt": "Ảnh",
        "images-0-order": "1", "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post("/admin/news/article/add/", data).status_code == 302
    return Article.objects.get()


def edit_in_admin(client, article, **changes):
    article.refresh_from_db()
    response = client.post(change_url(article), article_form(article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


def test_every_save_and_transition_keeps_a_version(client, editor):
    article = create_in_admin(client, editor)
    edit_in_admin(client, article, lead="Sapo lần hai.")
    edit_in_admin(client, article, lead="Sapo lần ba.", _workflow="submit")
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 3
    assert [v.field_dict["lead"] for v in versions] == [
        "Sapo lần ba.", "Sapo lần hai.", "Sapo ban đầu.",
    ]  # fmt: skip
    assert versions[0].revision.user == editor
    assert versions[0].revision.comment == "Gửi duyệt"
    # The first version holds the gallery too.
    photos = versions.last().revision.version_set.get_for_model(Article.images.field.model)
    assert photos.get().field_dict["caption"] == "Quang cảnh"


def test_an_approver_compares_two_versions_word_by_word(client, editor, approver):
    article = create_in_admin(client, editor)
    edit_in_admin(client, article, body="<p>Đoạn một về buổi hội nghị.</p>", title="Hội nghị")
    client.force_login(approver)
    listing = client.get(f"/admin/news/article/{article.pk}/phien-ban/").content.decode()
    assert listing.count('name="tu"') == 2 and "Khôi phục" in listing
    new, old = Version.objects.get_for_object(article)
    url = f"/admin/news/article/{article.pk}/phien-ban/so-sanh/?tu={old.pk}&den={new.pk}"
    html = client.get(url).content.decode()
    assert "về <ins>buổi </ins>hội nghị" in html
    assert "Hội nghị<del> sơ kết</del>" in html
    assert "Sapo" not in html  # unchanged fields are not listed
    bad = f"/admin/news/article/{article.pk}/phien-ban/so-sanh/?tu=abc&den={new.pk}"
    assert client.get(bad).status_code == 404


def test_an_approver_restores_a_version_and_nothing_is_lost(client, editor, approver):
    article = create_in_admin(client, editor)
    first = Version.objects.get_for_object(article).get()
    photo = article.images.get()
    edit_in_admin(
        client, article, title="Tiêu đề sai", body="<p>Nội dung hỏng.</p>",
        **{"images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "1", "images-0-id": photo.pk,
           "images-0-article": article.pk, "images-0-caption": "Quang cảnh", "images-0-alt": "Ảnh",
           "images-0-order": "1", "images-0-DELETE": "on"},
    )  # fmt: skip
    assert not article.images.exists()
    services.submit(article, editor)
    slug, lock = article.slug, Article.objects.get().lock_version
    client.force_login(approver)
    url = f"/admin/news/article/{article.pk}/phien-ban/{first.pk}/khoi-phuc/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Hội nghị sơ kết", "<p>Đoạn một về hội nghị.</p>")
    assert article.images.get().caption == "Quang cảnh"  # the deleted photo is back
    assert (article.status, article.slug) == (Status.PENDING, slug)  # workflow state kept
    assert article.lock_version > lock  # forms opened before the restore are now stale
    assert article.events.first().action == "restored"
    # The broken version is still there to go back to.
    assert (
        Version.objects.get_for_object(article)
        .filter(serialized_data__contains="Tiêu đề sai")
        .exists()
    )


def test_an_editor_cannot_restore_a_version(client, editor):
    article = create_in_admin(client, editor)
    first = Version.objects.get_for_object(article).get()
    edit_in_admin(client, article, title="Bản mới")
    url = f"/admin/news/article/{article.pk}/phien-ban/{first.pk}/khoi-phuc/"
    assert client.post(url).status_code == 403
    assert Article.objects.get().title == "Bản mới"


def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_is_lost(
    client, editor, approver
):
    article = create_in_admin(client, editor)
    services.submit(article, editor)
    other = make_user("phoban", APPROVER)
    article.refresh_from_db()
    first_form = article_form(article, lead="Sapo do trưởng ban sửa.")
    second_form = article_form(article, lead="Sapo do phó ban sửa.")  # loaded at the same time
    client.force_login(approver)
    assert client.post(change_url(article), first_form).status_code == 302
    client.force_login(other)
    response = client.post(change_url(article), second_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không lưu được: truongban đã lưu bài này lúc" in html
    assert "Sapo do phó ban sửa." in html  # the refused text is still in the form, not lost
    assert Article.objects.get().lead == "Sapo do trưởng ban sửa."  # the first save stands
    assert Version.objects.get_for_object(article).count() == 3  # and no extra version


def test_a_form_loaded_before_a_transition_is_stale_too(client, editor, approver):
    article = create_in_admin(client, editor)
    article.refresh_from_db()
    stale = article_form(article, lead="Sửa sau khi đã gửi duyệt?")
    services.submit(article, editor)
    services.withdraw(Article.objects.get(), editor)  # back to draft: editable again
    response = client.post(change_url(article), stale)
    assert response.status_code == 200 and "Không lưu được" in response.content.decode()
    assert Article.objects.get().lead == "Sapo ban đầu."


def test_a_post_without_the_lock_field_is_refused(client, editor):
    article = create_in_admin(client, editor)
    article.refresh_from_db()
    forged = article_form(article, lead="Ghi đè")
    del forged["lock_version_seen"]
    assert client.post(change_url(article), forged).status_code == 200
    assert Article.objects.get().lead == "Sapo ban đầu."
