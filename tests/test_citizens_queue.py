"""The office's queue in the admin: who sees it, assign → answer → publish or decline, overdue
items marked and counted, the public Q&A section with initials only."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from citizens.models import Inquiry, Topic

from .citizens_data import PERSON, question
from .factories import image_file, make_site, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(client, django_capture_on_commit_callbacks):
    """A question with consent to publish as "T.T.B.N."."""
    Topic.objects.create(name="Hộ tịch")
    topic = Topic.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/gui-y-kien/hoi-dap/",
            question(consent_publish="on", initials="T.T.B.N.", topic=topic.pk),
        )
    mail.outbox.clear()
    return Inquiry.objects.get()


def change(client, inquiry, **data):
    url = reverse("admin:citizens_inquiry_change", args=[inquiry.pk])
    fields = {"assigned_to": "", "answer": "", "decline_reason": "", "step": ""}
    fields.update(data)
    return client.post(url, fields)


@pytest.mark.parametrize("role", ["Duyệt bài", "Quản trị trang"])
def test_approvers_and_site_administrators_work_the_queue(client, asked, role):
    client.force_login(make_user("can-bo", role))
    page = client.get(reverse("admin:citizens_inquiry_change", args=[asked.pk]))
    assert page.status_code == 200
    assert PERSON["email"] in page.content.decode()


def test_editors_and_other_sites_never_see_personal_data(client, asked, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    client.force_login(make_user("bien-tap", "Biên tập viên"))
    assert client.get(reverse("admin:citizens_inquiry_changelist")).status_code == 403
    url = reverse("admin:citizens_inquiry_change", args=[asked.pk])
    assert client.get(url).status_code in (403, 404)
    other = make_site("xa.example.vn", "xa-khac")
    client.force_login(make_user("duyet-xa", "Duyệt bài", site=other))
    assert client.get(url, HTTP_HOST="xa-khac.localhost").status_code == 404
    listing = client.get(
        reverse("admin:citizens_inquiry_changelist"), HTTP_HOST="xa-khac.localhost"
    )
    assert asked.number not in listing.content.decode()


def test_assign_answer_publish_and_the_public_section(
    client, asked, django_capture_on_commit_callbacks
):
    approver = make_user("duyet", "Duyệt bài")
    client.force_login(approver)
    assert change(client, asked, assigned_to=approver.pk, step="assign").status_code == 302
    asked.refresh_from_db()
    assert asked.status == "da-giao" and asked.assigned_to == approver
    answer = "<p>Cần giấy chứng sinh và CCCD của cha mẹ.</p><script>alert(1)</script>"
    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, asked, assigned_to=approver.pk, answer=answer, step="answer")
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == "da-tra-loi" and "<script" not in asked.answer
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/y-kien-cua-toi/\S+/)", message.body).group(1)
    client.logout()
    assert "giấy chứng sinh" in client.get(link).content.decode()
    client.force_login(approver)
    assert change(client, asked, answer=asked.answer, step="publish").status_code == 302
    client.logout()
    listing = client.get("/hoi-dap/").content.decode()
    detail = client.get(f"/hoi-dap/{asked.number}/").content.decode()
    for page in (listing, detail):
        assert "Thủ tục đăng ký khai sinh" in page and "T.T.B.N." in page
        for personal in PERSON.values():
            assert personal not in page
    assert "giấy chứng sinh" in detail
    # searchable without diacritics, and by topic
    assert asked.number in client.get("/hoi-dap/?q=dang+ky+khai+sinh").content.decode()
    assert asked.number not in client.get("/hoi-dap/?q=dat+dai").content.decode()
    topic = Topic.objects.get()
    assert asked.number in client.get(f"/hoi-dap/?chu-de={topic.pk}").content.decode()


def test_a_question_without_consent_to_publish_cannot_be_published(client):
    client.post("/gui-y-kien/hoi-dap/", question())
    inquiry = Inquiry.objects.get()
    client.force_login(make_user("duyet", "Duyệt bài"))
    change(client, inquiry, answer="<p>Trả lời.</p>", step="answer")
    response = change(client, inquiry, answer="<p>Trả lời.</p>", step="publish")
    assert response.status_code == 200
    assert "không đồng ý" in response.content.decode()
    assert client.get(f"/hoi-dap/{inquiry.number}/").status_code == 404


def test_declining_needs_a_reason_and_mails_it(client, asked, django_capture_on_commit_callbacks):
    client.force_login(make_user("duyet", "Duyệt bài"))
    assert "Hãy ghi lý do" in change(client, asked, step="decline").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        change(client, asked, decline_reason="Không thuộc thẩm quyền.", step="decline")
    asked.refresh_from_db()
    assert asked.status == "tu-choi" and asked.closed_at is not None
    assert len(mail.outbox) == 1


def test_overdue_items_are_marked_and_counted_on_the_admin_index(client, asked):
    Inquiry.objects.filter(pk=asked.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client.force_login(make_user("duyet", "Duyệt bài"))
    index = client.get(reverse("admin:index")).content.decode()
    assert re.search(r'id="so-y-kien-qua-han"[^>]*>1 quá hạn', index)
    assert re.search(r'id="so-y-kien-cho"[^>]*>1<', index)
    listing = client.get(reverse("admin:citizens_inquiry_changelist") + "?han=qua-han")
    assert "(quá hạn)" in listing.content.decode()
    client.force_login(make_user("bien-tap", "Biên tập viên"))
    assert "so-y-kien-cho" not in client.get(reverse("admin:index")).content.decode()


def test_attachments_live_outside_public_media_and_only_the_queue_reads_them(client, settings):
    photo = image_file("anh-chup.jpg")
    client.post("/gui-y-kien/phan-anh/", {**question(), "attachments": [photo]})
    inquiry = Inquiry.objects.get()
    (attachment,) = inquiry.attachments.all()
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "anh-chup" not in path  # the person's own file name is not kept
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))
    url = reverse("admin:citizens_inquiry_file", args=[inquiry.pk, attachment.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_user("bien-tap", "Biên tập viên"))
    assert client.get(url).status_code in (403, 404)
    client.force_login(make_user("duyet", "Duyệt bài"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # re-encoded JPEG
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.svg", b"<svg onload='alert(1)'/>"), ("a.exe", b"MZ\x90\x00"), ("a.pdf", b"MZ fake")],
)
def test_other_files_are_refused_in_vietnamese(client, name, content):
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post("/gui-y-kien/phan-anh/", {**question(), "attachments": [upload]})
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_the_drafting_unit_exports_comments_as_xlsx(client):
    from openpyxl import load_workbook

    from .test_citizens_intake import consultation

    draft = consultation()
    url = reverse("citizens:consultation", args=[draft.pk])
    client.post(url, question(text='=HYPERLINK("http://x")', consent_publish=None))
    client.force_login(make_user("duyet", "Duyệt bài"))
    response = client.post(
        reverse("admin:citizens_consultation_changelist"),
        {"action": "export_comments", "_selected_action": [draft.pk]},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Dự thảo" and rows[1][1] == Inquiry.objects.get().number
    assert rows[1][4].startswith("'=")  # a formula stays text


def test_feedback_is_noted_and_closed_without_a_reply(client):
    client.post("/gui-y-kien/gop-y/", question())
    inquiry = Inquiry.objects.get()
    client.force_login(make_user("duyet", "Duyệt bài"))
    assert change(client, inquiry, step="note").status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == "da-ghi-nhan" and inquiry.closed_at is not None
    assert "không còn chờ xử lý" in change(client, inquiry, step="note").content.decode()


def test_deleting_an_inquiry_deletes_its_files(client, settings):
    client.post("/gui-y-kien/phan-anh/", {**question(), "attachments": [image_file()]})
    inquiry = Inquiry.objects.get()
    client.force_login(make_user("admin", "superuser"))
    url = reverse("admin:citizens_inquiry_delete", args=[inquiry.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Inquiry.objects.exists()
    assert [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()] == []
