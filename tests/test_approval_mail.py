"""A line break in a title neither reaches an e-mail header nor silences the approvers' mail
(issue 21, finding 11)."""

import pytest
from django.core import mail

from editorial import services
from editorial.roles import APPROVER, EDITOR
from news.models import Article

from .factories import article_form, make_article, make_user

pytestmark = pytest.mark.django_db
HOSTILE_TITLE = "Hội nghị sơ kết\r\nBcc: ai-do@example.com\nX-Chen: co"


def test_a_title_posted_with_line_breaks_is_stored_on_one_line(client):
    editor = make_user("bientap", EDITOR)
    client.force_login(editor)
    article = make_article(status=Article.Status.DRAFT, published_at=None, created_by=editor)
    response = client.post(
        f"/admin/news/article/{article.pk}/change/", article_form(article, title=HOSTILE_TITLE)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Hội nghị sơ kết Bcc: ai-do@example.com X-Chen: co"


def test_approvers_get_the_mail_whatever_the_title_holds(django_capture_on_commit_callbacks):
    editor = make_user("bientap", EDITOR)
    make_user("truongban", APPROVER)
    # Written by a path that skips the form (the shell, an import): the mail still goes.
    article = make_article(
        status=Article.Status.DRAFT, published_at=None, created_by=editor, title=HOSTILE_TITLE
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(article, editor)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Chờ duyệt] Hội nghị sơ kết Bcc: ai-do@example.com X-Chen: co"
    message = mail.outbox[0].message()  # the MIME message as sent: no header smuggled in
    assert message["Bcc"] is None and message["X-Chen"] is None
    assert mail.outbox[0].recipients() == ["truongban@example.vn"]
