"""Spam and abuse without third parties: honeypot, minimum fill time, a rate limit per client
network counted in the database, and the self-hosted challenge past it."""

import pytest
from captcha.models import CaptchaStore

from citizens.models import Inquiry, RateCounter

from .citizens_data import question, stamp

pytestmark = pytest.mark.django_db
FORM = "/gui-y-kien/gop-y/"


def anonymous(**overrides):
    return question(name="", email="", phone="", consent_process=None, **overrides)


def post(client, data, address="203.0.113.7"):
    return client.post(FORM, data, REMOTE_ADDR=address)


def test_the_honeypot_is_refused_calmly(client):
    response = post(client, anonymous(website="http://spam.example"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "tắt nó rồi gửi lại" in body
    assert not Inquiry.objects.exists()


def test_a_form_sent_too_fast_is_refused_calmly_then_challenged(client):
    response = post(client, anonymous(started=stamp(seconds_ago=1)))
    body = response.content.decode()
    assert response.status_code == 400
    assert "quá nhanh" in body
    assert 'name="captcha_1"' in body  # the next try is challenged
    assert 'alt="Ảnh phép tính cần giải để xác nhận"' in body
    assert not Inquiry.objects.exists()


def test_a_form_without_its_stamp_is_refused(client):
    response = post(client, anonymous(started="forged"))
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_a_human_paced_submission_passes_without_a_challenge(client):
    assert 'name="captcha' not in client.get(FORM, REMOTE_ADDR="203.0.113.7").content.decode()
    assert post(client, anonymous()).status_code == 302
    assert Inquiry.objects.count() == 1


def test_two_hundred_fast_posts_from_one_network_land_no_more_than_the_limit(client, settings):
    settings.CITIZENS_RATE_LIMIT = 5
    for n in range(200):
        # the same /24, many addresses: the network is counted, not the address
        post(client, anonymous(subject=f"Góp ý {n}"), address=f"198.51.100.{n % 250 + 1}")
    assert Inquiry.objects.count() == 5
    # once past the limit, the form asks for the challenge even on a plain GET
    page = client.get(FORM, REMOTE_ADDR="198.51.100.9").content.decode()
    assert 'name="captcha_1"' in page
    # another network is not affected
    assert post(client, anonymous(), address="192.0.2.10").status_code == 302
    assert Inquiry.objects.count() == 6
    # only keyed hashes are stored, never the address
    assert not RateCounter.objects.filter(key__contains="198.51").exists()


def test_the_challenge_solved_lets_a_person_through_past_the_limit(client, settings):
    settings.CITIZENS_RATE_LIMIT = 1
    assert post(client, anonymous()).status_code == 302
    refused = post(client, anonymous())
    assert refused.status_code == 400
    assert "captcha" in refused.content.decode()
    store = CaptchaStore.objects.latest("expiration")
    solved = anonymous(captcha_0=store.hashkey, captcha_1=store.response)
    assert post(client, solved).status_code == 302
    assert Inquiry.objects.count() == 2


def test_a_wrong_challenge_answer_is_refused(client, settings):
    settings.CITIZENS_RATE_LIMIT = 0
    client.get(FORM, REMOTE_ADDR="203.0.113.7")
    store = CaptchaStore.objects.latest("expiration")
    response = post(client, anonymous(captcha_0=store.hashkey, captcha_1="sai"))
    assert response.status_code == 400
    assert "Mã xác nhận chưa đúng" in response.content.decode()
    assert not Inquiry.objects.exists()
