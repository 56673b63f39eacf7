"""The issue's acceptance in Chromium: a citizen asks a question on a phone-width page, the office
assigns, answers and publishes it in the admin, the public section shows it with initials only,
and the e-mail holds the link to the answer."""

import re

import pytest
from django.core import mail

from citizens.models import Inquiry

from .citizens_data import PERSON
from .factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_question_from_a_phone_to_the_public_section(browser, live_server, settings, office):
    settings.CITIZENS_MIN_FILL_SECONDS = 2
    approver = make_user("duyet", "Duyệt bài")
    phone = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True).new_page()
    phone.set_default_timeout(20_000)
    phone.goto(live_server.url + "/")
    phone.click(".menu-toggle")  # the menu folds away on a phone
    phone.click("#menu-chinh >> text=Gửi ý kiến")
    phone.click("main a:text-is('Hỏi đáp')")
    assert fits(phone), "the form fits a phone's width"
    assert phone.locator("[name=captcha_1]").count() == 0
    phone.fill("#id_subject", "Thủ tục đăng ký khai sinh")
    phone.fill("#id_text", "Xin hỏi cần giấy tờ gì để đăng ký khai sinh cho con?")
    phone.fill("#id_name", PERSON["name"])
    phone.fill("#id_email", PERSON["email"])
    assert not phone.is_checked("#id_consent_process")
    assert not phone.is_checked("#id_consent_publish")
    phone.check("#id_consent_process")
    phone.check("#id_consent_publish")
    phone.fill("#id_initials", "T.T.B.N.")
    phone.wait_for_timeout(2200)  # a person takes longer than the minimum fill time
    phone.click("button:text-is('Gửi')")
    phone.wait_for_selector(".receipt-number")
    inquiry = Inquiry.objects.get()
    assert phone.inner_text(".receipt-number") == inquiry.number
    assert "Điều gì xảy ra tiếp theo" in phone.content()
    assert fits(phone)

    desk = office("duyet")
    desk.goto(f"{live_server.url}/admin/")
    desk.click("#so-y-kien-cho")
    desk.click(f"a:text-is('{inquiry.number}')")
    desk.select_option("#id_assigned_to", str(approver.pk))
    desk.select_option("#id_step", "assign")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".messagelist")
    desk.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_answer "
        "&& CKEDITOR.instances.id_answer.status === 'ready'"
    )
    desk.evaluate(
        "CKEDITOR.instances.id_answer.setData('<p>Cần giấy chứng sinh và căn cước của cha mẹ.</p>')"
    )
    desk.select_option("#id_step", "answer")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".messagelist")
    desk.select_option("#id_step", "publish")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".messagelist")
    inquiry.refresh_from_db()
    assert inquiry.status == "da-cong-khai"

    (receipt, answered) = mail.outbox
    link = re.search(r"https?://\S+/y-kien-cua-toi/\S+/", answered.body).group(0)
    assert link in receipt.body
    phone.goto(link.replace("http://testserver", live_server.url))
    assert "giấy chứng sinh" in phone.inner_text(".answer")
    phone.goto(live_server.url + "/hoi-dap/")
    phone.click("text=Thủ tục đăng ký khai sinh")
    text = phone.inner_text("main")
    assert "T.T.B.N." in text and "giấy chứng sinh" in text
    for personal in (PERSON["name"], PERSON["email"]):
        assert personal not in phone.content()
    assert fits(phone)
