"""The organisation in the admin: the site's administrator keeps it, an editor cannot, and
another site's rows are not there (issue 19, part A)."""

import pytest
from django.urls import reverse

import multisite
from organisation import services
from organisation.models import Channel, Unit
from people.models import Person

from .factories import make_person, make_site, make_user

pytestmark = pytest.mark.django_db


def unit_form(name, parent=None, **overrides):
    data = {
        "name": name, "parent": parent.pk if parent else "", "order": "0",
        "functions": "Tham mưu tổng hợp", "address": "", "phone": "", "email": "",
        "name_en": "", "functions_en": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def person_form(person, **overrides):
    data = {
        "name": person.name, "position": person.position, "order": person.order,
        "is_active": "on", "unit": "", "biography": "", "duties": "", "official_phone": "",
        "official_email": "", "position_en": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def posted(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_site_administrator_adds_units_and_sets_the_spokesperson(client):
    client.force_login(make_user("quantri", "Quản trị trang"))
    add = reverse("admin:organisation_unit_add")
    posted(client, add, unit_form("Ủy ban nhân dân xã"))
    committee = Unit.objects.get()
    posted(client, add, unit_form("Văn phòng HĐND và UBND", committee))
    office = Unit.objects.get(name="Văn phòng HĐND và UBND")
    assert Unit.objects.get_parent(office) == committee and office.site == multisite.default_site()
    person = make_person(name="Trần Thị Bình", position="Phó Chủ tịch UBND xã")
    change = reverse("admin:people_person_change", args=[person.pk])
    posted(client, change, person_form(
        person, unit=office.pk, is_spokesperson="on", official_phone="0294 3855 101",
        official_email="binh@example.vn",
    ))  # fmt: skip
    person.refresh_from_db()
    assert person.is_spokesperson and person.unit == office
    assert "Trần Thị Bình" in client.get("/gioi-thieu/lien-he/").content.decode()
    # The change list shows the tree in order, each unit under its parent.
    listing = client.get(reverse("admin:organisation_unit_changelist")).content.decode()
    assert listing.index("Ủy ban nhân dân xã") < listing.index("— Văn phòng HĐND và UBND")


def test_site_administrator_adds_a_channel_with_a_checked_address(client):
    client.force_login(make_user("quantri", "Quản trị trang"))
    add = reverse("admin:organisation_channel_add")
    data = {"network": "facebook", "name": "UBND xã", "url": "https://zalo.me/1", "order": "0"}
    response = client.post(add, data)
    assert response.status_code == 200
    assert "Địa chỉ này không thuộc Facebook" in response.content.decode()
    posted(client, add, {**data, "url": "facebook.com/ubndxa"})  # typed without https://
    assert Channel.objects.get().url == "https://facebook.com/ubndxa"


def test_an_editor_cannot_change_the_organisation(client):
    committee = services.save_unit(Unit(name="Ủy ban nhân dân xã"))
    person = make_person()
    client.force_login(make_user("bientap", "Biên tập viên"))
    assert client.get(reverse("admin:organisation_unit_add")).status_code == 403
    assert client.post(reverse("admin:organisation_unit_add"),
                       unit_form("Phòng mới")).status_code == 403  # fmt: skip
    change = reverse("admin:organisation_unit_change", args=[committee.pk])
    assert client.post(change, unit_form("Đổi tên")).status_code == 403
    assert client.post(reverse("admin:organisation_channel_add"), {}).status_code == 403
    assert client.post(reverse("admin:people_person_change", args=[person.pk]),
                       person_form(person, is_spokesperson="on")).status_code == 403  # fmt: skip
    assert Unit.objects.get().name == "Ủy ban nhân dân xã"
    assert not Person.objects.get().is_spokesperson


def test_another_sites_rows_are_404_and_never_a_parent(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    other = make_site("khac.vinhlong.gov.vn", "xa-khac")
    theirs = services.save_unit(Unit(name="Ủy ban xã khác", site=other))
    channel = Channel.objects.create(site=other, network="khac", name="Kênh", url="https://a.vn")
    client.force_login(make_user("quantri", "Quản trị trang"))
    for url in [
        reverse("admin:organisation_unit_change", args=[theirs.pk]),
        reverse("admin:organisation_channel_change", args=[channel.pk]),
    ]:
        assert client.get(url).status_code == 404
    listing = client.get(reverse("admin:organisation_unit_changelist")).content.decode()
    assert "Ủy ban xã khác" not in listing
    response = client.post(reverse("admin:organisation_unit_add"), unit_form("Phòng", theirs))
    assert (
        response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    )
    assert Unit.objects.count() == 1


def test_a_unit_cannot_hang_under_its_own_branch(client):
    committee = services.save_unit(Unit(name="Ủy ban nhân dân xã"))
    office = services.save_unit(Unit(name="Văn phòng"), committee)
    client.force_login(make_user("quantri", "Quản trị trang"))
    change = reverse("admin:organisation_unit_change", args=[committee.pk])
    response = client.post(change, unit_form("Ủy ban nhân dân xã", office))
    assert (
        response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    )
    # Moving the branch elsewhere works, and renaming re-sorts it.
    posted(client, change, unit_form("Ủy ban nhân dân xã", None))
    assert Unit.objects.get_parent(Unit.objects.get(pk=office.pk)) == committee


def test_a_unit_with_sub_units_cannot_be_deleted_at_once(client):
    committee = services.save_unit(Unit(name="Ủy ban nhân dân xã"))
    office = services.save_unit(Unit(name="Văn phòng"), committee)
    client.force_login(make_user("quantri", "Quản trị trang"))
    delete = reverse("admin:organisation_unit_delete", args=[committee.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    posted(client, reverse("admin:organisation_unit_delete", args=[office.pk]), {"post": "yes"})
    posted(client, delete, {"post": "yes"})
    assert not Unit.objects.exists()
