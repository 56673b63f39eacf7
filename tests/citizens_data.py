"""Helpers of the citizens' tests: a filled form as a person posts it, and reading it back."""

import time

from django.core import signing

from citizens import antispam

PERSON = {
    "name": "Trần Thị Bích Ngọc",
    "email": "bichngoc.tran@example.vn",
    "phone": "0294 3855 777",
}


def stamp(seconds_ago=30):
    """The signed time the form was opened, `seconds_ago` (a person takes a while)."""
    return signing.dumps(time.time() - seconds_ago, salt=antispam.STAMP_SALT)


def question(**overrides):
    data = {
        "subject": "Thủ tục đăng ký khai sinh",
        "text": "Xin hỏi cần giấy tờ gì để đăng ký khai sinh cho con?",
        **PERSON,
        "consent_process": "on",
        "started": stamp(),
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
