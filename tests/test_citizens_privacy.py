"""Personal data of citizens' messages: withdrawal and erasure reach every copy (every table,
revisions, admin log entries and the search index included, the log output, the private files),
the retention command, one person's export, and the consent record that survives erasure."""

import json
import logging
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from citizens.models import Consent, Inquiry, RetentionPolicy

from .citizens_data import PERSON, question
from .factories import image_file, make_user

pytestmark = pytest.mark.django_db
SECRET_TEXT = "Nhà tôi ở số 12 ấp Phú Hòa bị ngập nặng"


def personal_strings():
    return [*PERSON.values(), SECRET_TEXT, "T.T.B.N."]


def every_row():
    """Every value of every table of the database, as text (SQLite's FTS tables too)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                yield table, " ".join(str(v) for v in row)


def leaks(strings):
    found = []
    for table, text in every_row():
        found += [(table, s) for s in strings if s in text]
    return found


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def submit(client, capture, **overrides):
    data = question(text=SECRET_TEXT, consent_publish="on", initials="T.T.B.N.", **overrides)
    with capture(execute=True):
        response = client.post("/gui-y-kien/hoi-dap/", {**data, "attachments": [image_file()]})
    assert response.status_code == 302
    return Inquiry.objects.get(), response["Location"].split("?")[0]


def work_in_admin(client, inquiry, capture):
    approver = make_user("duyet", "Duyệt bài")
    client.force_login(approver)
    url = reverse("admin:citizens_inquiry_change", args=[inquiry.pk])
    base = {"assigned_to": approver.pk, "decline_reason": ""}
    client.post(url, {**base, "answer": "", "step": "assign"})
    answer = "<p>Đã chuyển UBND xã kiểm tra.</p>"
    with capture(execute=True):
        client.post(url, {**base, "answer": answer, "step": "answer"})
    client.post(url, {**base, "answer": answer, "step": "publish"})
    client.logout()
    inquiry.refresh_from_db()
    assert inquiry.status == "da-cong-khai"


def test_erasure_from_the_mail_link_reaches_every_copy(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    inquiry, _ = submit(client, django_capture_on_commit_callbacks)
    work_in_admin(client, inquiry, django_capture_on_commit_callbacks)
    assert leaks(personal_strings())  # the scan finds the data while it is there
    assert files_under(settings.PRIVATE_MEDIA_ROOT)
    # the link of the last e-mail (the answer) leads to the erasure
    link = re.search(r"http://testserver(/y-kien-cua-toi/\S+/)", mail.outbox[-1].body).group(1)
    page = client.get(link).content.decode()
    assert "xoá dữ liệu của tôi" in page
    client.post(link + "xoa/")  # without ticking "I understand": nothing happens
    assert leaks(personal_strings())
    assert client.post(link + "xoa/", {"chac-chan": "co"}).status_code == 302
    assert leaks(personal_strings()) == []
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert client.get(f"/hoi-dap/{inquiry.number}/").status_code == 404
    assert "đã được xoá" in client.get(link).content.decode()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [s for s in personal_strings() if s in logged]
    # the consent record keeps only the proof: purpose and version (its text), time, withdrawal
    fields = {f.name for f in Consent._meta.get_fields()}
    assert fields == {"id", "inquiry", "text", "given_at", "withdrawn_at"}
    proofs = Consent.objects.filter(inquiry=inquiry)
    assert proofs.count() == 2 and not proofs.filter(withdrawn_at__isnull=True).exists()


def test_withdrawing_publication_from_the_link_unpublishes(
    client, django_capture_on_commit_callbacks
):
    inquiry, link = submit(client, django_capture_on_commit_callbacks)
    work_in_admin(client, inquiry, django_capture_on_commit_callbacks)
    assert client.get(f"/hoi-dap/{inquiry.number}/").status_code == 200
    client.post(link + "rut-cong-khai/")
    assert client.get(f"/hoi-dap/{inquiry.number}/").status_code == 404
    assert Consent.objects.get(text__purpose="cong-khai").withdrawn_at is not None
    assert Consent.objects.get(text__purpose="xu-ly").withdrawn_at is None


def test_a_wrong_or_altered_link_opens_nothing(client, django_capture_on_commit_callbacks):
    _, link = submit(client, django_capture_on_commit_callbacks)
    altered = link[:-3] + ("0" if link[-3] != "0" else "1") + link[-2:]
    assert client.get(altered).status_code == 404
    assert client.post(altered + "xoa/", {"chac-chan": "co"}).status_code == 404
    assert Inquiry.objects.get().personal_data_erased_at is None


def test_the_retention_command_anonymises_closed_items_after_the_period(
    client, settings, django_capture_on_commit_callbacks
):
    RetentionPolicy.objects.create(days=30)
    inquiry, _ = submit(client, django_capture_on_commit_callbacks)
    work_in_admin(client, inquiry, django_capture_on_commit_callbacks)
    client.post("/gui-y-kien/gop-y/", question(name="Lê Văn Tám", email="tam@example.vn", phone=""))
    fresh = Inquiry.objects.get(kind="gop-y")  # open: kept whatever its age
    Inquiry.objects.update(received_at=timezone.now() - timedelta(days=90))
    Inquiry.objects.filter(pk=inquiry.pk).update(closed_at=timezone.now() - timedelta(days=31))
    out = StringIO()
    call_command("purge_citizen_data", "--dry-run", stdout=out)
    assert "1 ý kiến" in out.getvalue()
    assert leaks([PERSON["email"]])  # a dry run changes nothing
    call_command("purge_citizen_data", stdout=StringIO())
    assert leaks([PERSON["name"], PERSON["email"], PERSON["phone"]]) == []
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []
    # published with consent, initials only: the question and answer stay public
    page = client.get(f"/hoi-dap/{inquiry.number}/").content.decode()
    assert SECRET_TEXT in page and "T.T.B.N." in page
    fresh.refresh_from_db()
    assert fresh.email == "tam@example.vn"


def test_a_person_downloads_their_data_from_their_link(client, django_capture_on_commit_callbacks):
    _, link = submit(client, django_capture_on_commit_callbacks)
    response = client.post(link + "tai-ve/")
    data = json.loads(response.content)["du_lieu_ca_nhan"]
    assert data[0]["thu_dien_tu"] == PERSON["email"] and data[0]["noi_dung"] == SECRET_TEXT
    assert {c["muc_dich"] for c in data[0]["su_dong_y"]} == {"xu-ly", "cong-khai"}


def test_the_office_exports_one_persons_data_on_request(client, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks)
    client.post("/gui-y-kien/gop-y/", question(subject="Góp ý thứ hai"))
    client.post("/gui-y-kien/gop-y/", question(name="Người khác", email="khac@example.vn"))
    client.force_login(make_user("duyet", "Duyệt bài"))
    changelist = reverse("admin:citizens_inquiry_changelist")
    mine = Inquiry.objects.filter(email=PERSON["email"]).values_list("pk", flat=True)
    found = client.get(changelist, {"q": PERSON["email"]}).content.decode()
    assert found.count('name="_selected_action"') == 2
    response = client.post(
        changelist, {"action": "export_personal_data", "_selected_action": list(mine)}
    )
    data = json.loads(response.content)["du_lieu_ca_nhan"]
    assert {d["tieu_de"] for d in data} == {"Thủ tục đăng ký khai sinh", "Góp ý thứ hai"}
    assert "khac@example.vn" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_no_cached_page_keeps_a_question_after_erasure(client, settings):
    from django.contrib.sites.models import Site

    from citizens import rights, services
    from pagecache import version

    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    version.forget()
    data = {"subject": "Câu hỏi riêng", "text": SECRET_TEXT, "initials": "T.T.B.N.", **PERSON}
    inquiry = services.submit(Site.objects.get(), "hoi-dap", data, ["xu-ly", "cong-khai"])
    inquiry.answer = "<p>Trả lời.</p>"
    services.answer(inquiry, None)
    ua = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}
    assert SECRET_TEXT not in client.get("/hoi-dap/", **ua).content.decode()  # cached, empty
    services.publish(inquiry)
    assert "Câu hỏi riêng" in client.get("/hoi-dap/", **ua).content.decode()
    detail = f"/hoi-dap/{inquiry.number}/"
    assert SECRET_TEXT in client.get(detail, **ua).content.decode()
    assert client.get(detail, **ua)["X-Page-Cache"] == "hit"
    rights.erase(inquiry)
    assert client.get(detail, **ua).status_code == 404
    assert "Câu hỏi riêng" not in client.get("/hoi-dap/", **ua).content.decode()
    version.forget()
