"""Spam and abuse defences that need no third party (closed government networks):

- a honeypot field that people never see and scripts fill in;
- a minimum fill time, measured from a signed time stamp the form carries (no session, so any
  worker checks it);
- a rate limit per client network (ratelimit.py), counted on every submission;
- past the limit (or after a refusal), a self-hosted challenge (django-simple-captcha, its
  answers in the database): a person filling the form normally never sees it.
"""

import time

from django.conf import settings
from django.core import signing

STAMP_SALT = "citizens.form-started"
HONEYPOT = "website"  # a name that form-filling scripts like to fill
SCOPE = "intake"

MESSAGES = {
    "honeypot": "Không gửi được ý kiến. Nếu bạn dùng trình tự động điền biểu mẫu, hãy tắt nó "
    "rồi gửi lại.",
    "too_fast": "Biểu mẫu được gửi quá nhanh so với thời gian cần để đọc và điền. Xin vui lòng "
    "kiểm tra lại nội dung rồi bấm “Gửi” một lần nữa.",
    "stale": "Biểu mẫu đã mở quá lâu. Xin vui lòng kiểm tra lại nội dung rồi bấm “Gửi” lần nữa.",
}


def min_seconds():
    return settings.CITIZENS_MIN_FILL_SECONDS


def new_stamp():
    return signing.dumps(time.time(), salt=STAMP_SALT)


def stamp_problem(value):
    """None when the form was open long enough; else the key of the message to show."""
    try:
        started = signing.loads(value or "", salt=STAMP_SALT, max_age=6 * 3600)
    except signing.SignatureExpired:
        return "stale"
    except signing.BadSignature:
        return "too_fast"  # no stamp: a script that never loaded the form
    if not isinstance(started, (int, float)) or time.time() - started < min_seconds():
        return "too_fast"
    return None


def limit():
    return settings.CITIZENS_RATE_LIMIT


def window_seconds():
    return settings.CITIZENS_RATE_WINDOW
