"""The one intake: four kinds, consent per purpose as proof, receipt numbers, next steps."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from citizens import consent
from citizens.models import Consent, Consultation, Inquiry
from workdays.calendar import WorkingCalendar

from .citizens_data import PERSON, question, stamp
from .factories import make_document

pytestmark = pytest.mark.django_db
FORM = "/gui-y-kien/hoi-dap/"


def test_the_form_shows_each_consent_unticked_beside_its_text(client):
    page = client.get(FORM).content.decode()
    for name in ("consent_process", "consent_publish"):
        tag = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', page).group(0)
        assert "checked" not in tag
        # the text it agrees to is its label
        assert f'for="id_{name}"' in page
    assert consent.text_of(consent.PROCESS) in page
    assert consent.text_of(consent.PUBLISH) in page
    assert "captcha" not in page  # a person filling the form normally never sees the challenge


def test_a_question_gets_a_receipt_number_due_date_consent_proof_and_mail(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, question(consent_publish="on", initials="T.T.B.N."))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    year = timezone.localdate().year
    assert inquiry.number == f"MAIN-{year}-000001"
    assert inquiry.due_on == WorkingCalendar().add(timezone.localdate(inquiry.received_at), 10)
    proofs = Consent.objects.filter(inquiry=inquiry).select_related("text")
    assert sorted((c.text.purpose, c.text.version) for c in proofs) == [
        ("cong-khai", "2026-11"), ("xu-ly", "2026-11"),
    ]  # fmt: skip
    assert {c.text.text for c in proofs} == {consent.text_of(p) for p in consent.TEXTS}
    # the page that says what happens next and by when
    page = client.get(response["Location"]).content.decode()
    assert inquiry.number in page and "Điều gì xảy ra tiếp theo" in page
    assert inquiry.due_on.strftime("%d/%m/%Y") in page
    assert response["Location"].startswith("/y-kien-cua-toi/")
    # the receipt e-mail holds the person's link and nothing of their data but the number
    (message,) = mail.outbox
    assert message.to == [PERSON["email"]]
    assert inquiry.number in message.subject
    link = re.search(r"http://testserver(/y-kien-cua-toi/\S+/)", message.body).group(1)
    assert response["Location"].startswith(link)
    assert PERSON["name"] not in message.body


def test_numbers_follow_on_per_site_and_year(client):
    for _ in range(3):
        assert client.post(FORM, question()).status_code == 302
    numbers = sorted(Inquiry.objects.values_list("number", flat=True))
    assert [n[-6:] for n in numbers] == ["000001", "000002", "000003"]


def test_contact_data_without_consent_is_refused_with_a_clear_message(client):
    response = client.post(FORM, question(consent_process=None))
    assert response.status_code == 400
    assert "Cần sự đồng ý của bạn" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_silence_is_not_consent_to_publish(client):
    client.post(FORM, question())
    inquiry = Inquiry.objects.get()
    assert not consent.active(inquiry, consent.PUBLISH)


def test_publishing_asks_for_the_initials_shown(client):
    response = client.post(FORM, question(consent_publish="on", initials=""))
    assert "Nhập tên viết tắt" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_a_question_needs_a_name_and_a_way_to_answer(client):
    response = client.post(FORM, question(name="", email="", phone=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert "thư điện tử hoặc số điện thoại" in body
    assert not Inquiry.objects.exists()


def test_feedback_may_be_anonymous_without_any_consent(client):
    data = question(name="", email="", phone="", consent_process=None)
    response = client.post("/gui-y-kien/gop-y/", data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == "gop-y" and not inquiry.consents.exists()
    assert len(mail.outbox) == 0


def test_a_report_needs_name_and_contact(client):
    response = client.post("/gui-y-kien/phan-anh/", question(name=""))
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_an_unknown_kind_is_404(client):
    assert client.get("/gui-y-kien/khac/").status_code == 404


def test_text_is_limited_in_length(client):
    response = client.post(FORM, question(text="x" * 5001))
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_the_form_page_is_never_cached(client):
    response = client.get(FORM)
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


# --- Góp ý dự thảo ---------------------------------------------------------------------------
def consultation(**overrides):
    now = timezone.now()
    fields = {
        "document": make_document(title="Dự thảo quy chế"), "title": "Dự thảo quy chế làm việc",
        "opens_at": now - timedelta(days=5), "closes_at": now + timedelta(days=5),
    }  # fmt: skip
    fields.update(overrides)
    return Consultation.objects.create(**fields)


def test_a_comment_on_an_open_draft_is_received(client):
    draft = consultation()
    data = question(name="", email="", phone="", consent_process=None)
    response = client.post(reverse("citizens:consultation", args=[draft.pk]), data)
    assert response.status_code == 302
    assert Inquiry.objects.get().consultation == draft


def test_a_comment_is_refused_on_the_server_after_the_drafts_deadline(client):
    draft = consultation(closes_at=timezone.now() - timedelta(minutes=1))
    url = reverse("citizens:consultation", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "đã hết hạn" in page and 'name="subject"' not in page
    response = client.post(url, question(name="", email="", phone="", consent_process=None))
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_the_service_itself_refuses_a_comment_after_the_deadline():
    from django.contrib.sites.models import Site
    from django.core.exceptions import ValidationError

    from citizens import services

    draft = consultation(closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        services.submit(
            Site.objects.get(), "du-thao", {"subject": "a", "text": "b"}, [], consultation=draft
        )
    assert not Inquiry.objects.exists()


def test_the_due_date_skips_holidays():
    from citizens.services import due_date
    from workdays.models import DayException

    # Received Friday 27/11/2026; Monday 30/11 declared a day off: 10 working days end 14/12.
    DayException.objects.create(day=date(2026, 11, 30), name="Nghỉ bù")
    received = timezone.make_aware(timezone.datetime(2026, 11, 27, 9))
    assert due_date("hoi-dap", received) == date(2026, 12, 14)


def test_stamp_helper_is_old_enough():
    # guards the helpers above: a person-paced stamp passes the minimum fill time
    from citizens.antispam import stamp_problem

    assert stamp_problem(stamp()) is None
