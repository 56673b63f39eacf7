"""The workflow: transitions and their record, send back, notifications, scheduling, lists."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial import services
from editorial.roles import APPROVER, EDITOR
from news.models import Article
from news.services import save_article

from .factories import (
    article_form,
    default_identity,
    make_article,
    make_category,
    make_image,
    make_user,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def editor():
    return make_user("bientap", EDITOR)


@pytest.fixture
def approver():
    return make_user("truongban", APPROVER)


@pytest.fixture
def clock(monkeypatch):
    """An injected clock: every timezone.now() in the code reads it; tests move it."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def test_each_transition_is_recorded_and_shown_in_the_admin(client, editor, approver, clock):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=editor)
    steps = [
        (services.submit, editor, "submitted", Status.PENDING),
        (services.withdraw, editor, "withdrawn", Status.DRAFT),
        (services.submit, editor, "submitted", Status.PENDING),
        (lambda a, u: services.send_back(a, u, "Thiếu nguồn tin"), approver, "sent_back", "draft"),
        (services.submit, editor, "submitted", Status.PENDING),
        (services.publish, approver, "published", Status.PUBLISHED),
        (services.unpublish, approver, "unpublished", Status.DRAFT),
    ]
    for minute, (step, user, action, status) in enumerate(steps):
        clock.advance(minutes=1)
        event = step(article, user)
        assert (event.action, event.actor, event.at) == (action, user, clock.now), minute
        assert Article.objects.get().status == status
    assert article.events.count() == len(steps)
    client.force_login(approver)
    html = client.get(change_url(article)).content.decode()
    assert "Lịch sử quy trình" in html and "Thiếu nguồn tin" in html
    assert "Gỡ bài (về bản nháp)" in html and "bientap" in html and "truongban" in html


def test_a_transition_from_a_stale_page_is_refused(editor, approver):
    article = make_article(status=Status.PENDING, created_by=editor)
    stale = Article.objects.get()
    services.withdraw(article, editor)
    with pytest.raises(services.WorkflowError, match="Bản nháp"):
        services.publish(stale, approver)  # the approver's page still said "pending"
    assert Article.objects.get().status == Status.DRAFT


def test_a_button_pressed_on_a_stale_page_changes_nothing(client, editor, approver):
    article = make_article(status=Status.PENDING, created_by=editor)
    client.force_login(approver)
    assert 'name="seen_status" value="pending"' in client.get(change_url(article)).content.decode()
    services.withdraw(article, editor)  # meanwhile
    url = f"/admin/news/article/{article.pk}/quy-trinh/"
    response = client.post(url, {"_workflow": "publish", "seen_status": "pending"}, follow=True)
    assert "Hãy tải lại trang" in response.content.decode()
    assert Article.objects.get().status == Status.DRAFT


def test_send_back_needs_a_reason_and_the_editor_reads_it(client, editor, approver):
    article = make_article(status=Status.PENDING, created_by=editor)
    client.force_login(approver)
    response = client.post(change_url(article), article_form(article, _workflow="send_back"))
    assert response.status_code == 200
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    assert Article.objects.get().status == Status.PENDING
    reason = "Cần bổ sung tên đại biểu tham dự."
    form = article_form(article, _workflow="send_back", review_note=reason)
    assert client.post(change_url(article), form).status_code == 302
    assert Article.objects.get().status == Status.DRAFT
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert "Bài bị trả lại" in html and reason in html


def test_approvers_are_emailed_when_an_article_is_submitted(
    editor, approver, django_capture_on_commit_callbacks
):
    # The site's approvers: not its editors, and not the platform's superusers, who hear of
    # an article only when its site has no approver to tell (tests/test_sites_roles.py).
    make_user("quantri", "superuser")
    make_user("bientap2", EDITOR)
    article = make_article(status=Status.DRAFT, published_at=None, created_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, editor)
    assert sorted(m.to[0] for m in mail.outbox) == ["truongban@example.vn"]
    message = mail.outbox[0]
    assert message.subject == f"[Chờ duyệt] {article.title}"
    assert f"/admin/news/article/{article.pk}/change/" in message.body
    assert f"/tin-tuc/{article.slug}/xem-truoc/" in message.body


def test_a_mail_outage_does_not_undo_the_submission(
    editor, approver, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    article = make_article(status=Status.DRAFT, published_at=None, created_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, editor)
    assert Article.objects.get().status == Status.PENDING


def test_the_admin_index_counts_the_articles_waiting_for_approval(client, editor, approver):
    for _ in range(3):
        make_article(status=Status.PENDING, created_by=editor)
    make_article(status=Status.DRAFT, created_by=editor)
    client.force_login(approver)
    html = client.get("/admin/").content.decode()
    assert '<strong id="so-bai-cho-duyet">3</strong> bài đang chờ duyệt' in html
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "so-bai-cho-duyet" not in html
    assert "1 bản nháp, 3 chờ duyệt" in html


def test_a_scheduled_article_goes_live_and_expires_by_itself(client, approver, clock):
    article = make_article(status=Status.PENDING, published_at=None)
    event = services.schedule(article, approver, clock.now + timedelta(hours=2))
    article.expires_at = clock.now + timedelta(days=1)
    save_article(article)
    assert event.action == "scheduled" and event.publish_at == article.published_at
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    assert not Article.objects.published().exists()
    clock.advance(hours=2, seconds=1)
    assert client.get(url).status_code == 200  # no cron: the query's clock moved
    assert client.get("/").content.decode().count(article.title) >= 1
    clock.advance(days=1)
    assert client.get(url).status_code == 404
    assert not Article.objects.published().exists()


def test_scheduling_in_the_past_or_after_expiry_is_refused(approver, clock):
    article = make_article(status=Status.PENDING, published_at=None)
    with pytest.raises(services.WorkflowError, match="tương lai"):
        services.schedule(article, approver, clock.now - timedelta(minutes=1))
    article.expires_at = clock.now + timedelta(hours=1)
    with pytest.raises(services.WorkflowError, match="hết hạn"):
        services.schedule(article, approver, clock.now + timedelta(hours=2))
    assert Article.objects.get().status == Status.PENDING


def test_an_approver_publishes_several_articles_at_once(client, editor, approver):
    chosen = [make_article(status=Status.PENDING, created_by=editor) for _ in range(3)]
    client.force_login(approver)
    client.post(
        "/admin/news/article/",
        {"action": "publish_selected", "_selected_action": [a.pk for a in chosen]},
    )
    assert Article.objects.published().count() == 3
    assert all(a.events.get().actor == approver for a in chosen)


def test_quick_views_filter_my_articles_and_those_waiting_for_me(client, editor, approver):
    make_article(status=Status.DRAFT, created_by=editor, title="Bản nháp của tôi")
    make_article(status=Status.PENDING, created_by=editor, title="Chờ duyệt một")
    make_article(status=Status.PUBLISHED, created_by=approver, title="Bài đã đăng")
    make_article(status=Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1))

    def titles(user, query):
        client.force_login(user)
        response = client.get("/admin/news/article/" + query)
        assert response.status_code == 200
        return sorted(a.title for a in response.context["cl"].result_list)

    assert titles(editor, "?xem=cua-toi") == ["Bản nháp của tôi", "Chờ duyệt một"]
    assert titles(approver, "?xem=cho-toi-duyet") == ["Chờ duyệt một"]
    assert len(titles(approver, "?xem=hen-gio")) == 1
    assert titles(approver, f"?created_by__id__exact={approver.pk}") == ["Bài đã đăng"]
    assert titles(approver, "?q=nháp") == ["Bản nháp của tôi"]
    assert titles(approver, "?status__exact=pending") == ["Chờ duyệt một"]


def test_the_article_list_costs_the_same_whatever_its_length(client, approver):
    client.force_login(approver)
    category = make_category()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/news/article/").status_code == 200
        return len(captured)

    make_article(category=category, created_by=approver)
    queries()  # the first page view creates the site identity row
    few = queries()
    for _ in range(6):
        make_article(category=category, created_by=approver)
    assert queries() == few


def test_the_admin_is_titled_with_the_sites_name(client, approver):
    identity = default_identity()
    identity.site_name = "Trang thông tin điện tử huyện Châu Thành"
    identity.save()
    client.force_login(approver)
    html = client.get("/admin/").content.decode()
    assert "Quản trị – Trang thông tin điện tử huyện Châu Thành" in html


# --- preview ----------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING])
def test_staff_preview_a_draft_marked_as_such(client, editor, status):
    article = make_article(status=status, published_at=None, title="Bài chưa đăng")
    client.force_login(editor)
    response = client.get(f"/tin-tuc/{article.slug}/xem-truoc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bản nháp</strong>" in html and "<h1>Bài chưa đăng</h1>" in html
    assert response["Cache-Control"] == "private, no-store"
    assert response.wsgi_request.is_preview  # what the visitor counter skips


def test_the_public_gets_404_on_a_preview_and_on_the_draft(client):
    article = make_article(status=Status.DRAFT, published_at=None)
    assert client.get(f"/tin-tuc/{article.slug}/xem-truoc/").status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404
    reader = make_user("bandoc")
    reader.is_staff = False
    reader.save()
    client.force_login(reader)
    assert client.get(f"/tin-tuc/{article.slug}/xem-truoc/").status_code == 404


def test_the_preview_costs_the_same_whatever_the_gallery(client, editor):
    article = make_article(status=Status.DRAFT, published_at=None)
    make_image(article)
    client.force_login(editor)
    url = f"/tin-tuc/{article.slug}/xem-truoc/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries()  # the first page view creates the site identity row
    one = queries()
    for _ in range(3):
        make_image(article)
    assert queries() == one
