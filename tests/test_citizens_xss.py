"""XSS and injection payloads in every field of the intake end as inert text: in the admin, the
e-mails, the person's page, the public answer and the exports."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from citizens.models import Inquiry

from .citizens_data import question
from .factories import make_user

pytestmark = pytest.mark.django_db
PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "'); DROP TABLE citizens_inquiry; --",
    "{{ 7*7 }}{% debug %}",
]
LIVE = ['<script>alert("x")', "<img src=x", "onerror=alert(1)>"]


def test_payloads_stay_inert_everywhere(client, django_capture_on_commit_callbacks):
    hostile = " ".join(PAYLOADS)
    data = question(
        subject=hostile[:200], text=hostile, name=hostile[:120], consent_publish="on",
        initials="X.Y.",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/gui-y-kien/hoi-dap/", data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.text == hostile  # stored as typed: plain text, escaped on output
    mine = client.get(response["Location"]).content.decode()
    approver = make_user("duyet", "Duyệt bài")
    client.force_login(approver)
    url = reverse("admin:citizens_inquiry_change", args=[inquiry.pk])
    admin_page = client.get(url).content.decode()
    listing = client.get(reverse("admin:citizens_inquiry_changelist")).content.decode()
    base = {"assigned_to": approver.pk, "decline_reason": ""}
    answer = f"<p>Trả lời</p>{PAYLOADS[0]}{PAYLOADS[1]}"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**base, "answer": answer, "step": "answer"})
    client.post(url, {**base, "answer": answer, "step": "publish"})
    exported = client.post(
        reverse("admin:citizens_inquiry_changelist"),
        {"action": "export_personal_data", "_selected_action": [inquiry.pk]},
    )
    client.logout()
    public = client.get(f"/hoi-dap/{inquiry.number}/").content.decode()
    listing_public = client.get("/hoi-dap/").content.decode()
    for page in (mine, admin_page, listing, public, listing_public):
        assert "&lt;script&gt;alert" in page  # shown, as text
        for live in LIVE:
            assert live not in page
    assert "DROP TABLE" in public  # the SQL is text, and the table is still there
    assert Inquiry.objects.count() == 1
    assert "{{ 7*7 }}" in public  # never evaluated by a template engine
    for message in mail.outbox:  # plain text mails carry none of the person's text
        assert "<script" not in message.body and message.alternatives == []
    assert exported["Content-Type"].startswith("application/json")
    assert exported["Content-Disposition"].startswith("attachment")
    assert json.loads(exported.content)["du_lieu_ca_nhan"][0]["noi_dung"] == hostile
