"""The one intake form: four kinds, one consent box per purpose, spam defences."""

import re

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from . import antispam, consent, files
from .models import Kind, Topic

# What each kind asks of the person (issue 18): questions and reports need a name and a way to
# answer; feedback and comments on a draft may be anonymous.
NAME_REQUIRED = {Kind.QUESTION, Kind.REPORT}
CONTACT_REQUIRED = {Kind.QUESTION, Kind.REPORT}
PHONE = re.compile(r"^\+?[0-9 .\-()]{8,20}$")
INITIALS = re.compile(r"^[^\W\d_]{1,3}(?:[. ]+[^\W\d_]{1,3}){0,5}\.?$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class IntakeForm(forms.Form):
    topic = forms.ModelChoiceField(
        label="Chủ đề", queryset=Topic.objects.none(), required=False, empty_label="Khác"
    )
    subject = forms.CharField(label="Tiêu đề", max_length=200)
    text = forms.CharField(
        label="Nội dung", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Tối đa 5.000 ký tự, văn bản thường.",
    )  # fmt: skip
    name = forms.CharField(label="Họ và tên", max_length=120, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    attachments = MultipleFileField(
        label="Tệp đính kèm", required=False,
        help_text="Ảnh (JPEG, PNG, WebP, GIF) hoặc PDF; tối đa 3 tệp, mỗi tệp 5 MB.",
    )  # fmt: skip
    consent_process = forms.BooleanField(label=consent.text_of(consent.PROCESS), required=False)
    consent_publish = forms.BooleanField(label=consent.text_of(consent.PUBLISH), required=False)
    initials = forms.CharField(
        label="Tên viết tắt khi công khai", max_length=20, required=False,
        help_text="Ví dụ: N.V.A. Chỉ dùng khi bạn đồng ý công khai câu hỏi.",
    )  # fmt: skip
    # The spam defences (antispam.py): hidden from people, filled by scripts / by the page.
    website = forms.CharField(label="Để trống ô này", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind, site, challenge=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["topic"].queryset = Topic.objects.filter(site=site)
        if not self.fields["topic"].queryset.exists():
            del self.fields["topic"]
        self.fields["name"].required = kind in NAME_REQUIRED
        if kind != Kind.QUESTION:
            del self.fields["consent_publish"], self.fields["initials"]
        if challenge:
            self.challenge()
        self.spam = None  # "honeypot", "too_fast" or "stale" when the defences refused

    def challenge(self):
        """Ask for the self-hosted challenge (antispam.py), once."""
        if "captcha" not in self.fields:
            self.fields["captcha"] = CaptchaField(
                label="Mã xác nhận",
                help_text="Nhập kết quả phép tính trong ảnh.",
                error_messages={"invalid": "Mã xác nhận chưa đúng, xin thử lại."},
            )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("Số điện thoại gồm 8 đến 15 chữ số, ví dụ 0294 3855 123.")
        return phone

    def clean_initials(self):
        initials = self.cleaned_data["initials"].strip()
        if initials and not INITIALS.match(initials):
            raise ValidationError("Tên viết tắt chỉ gồm chữ cái và dấu chấm, ví dụ N.V.A.")
        return initials

    def clean_attachments(self):
        uploads = self.cleaned_data["attachments"]
        if len(uploads) > settings.CITIZENS_MAX_FILES:
            raise ValidationError("Tối đa %(n)s tệp.", params={"n": settings.CITIZENS_MAX_FILES})
        return [files.checked(upload) for upload in uploads]

    def clean(self):
        data = super().clean()
        if data.get("website"):
            self.spam = "honeypot"
        else:
            self.spam = antispam.stamp_problem(data.get("started"))
        if self.spam:
            raise ValidationError(antispam.MESSAGES[self.spam], code=self.spam)
        has_contact = bool(data.get("email") or data.get("phone"))
        if self.kind in CONTACT_REQUIRED and not has_contact and not self.has_error("email"):
            self.add_error("email", "Xin cho biết thư điện tử hoặc số điện thoại để nhận trả lời.")
        gives_personal_data = has_contact or data.get("name") or data.get("attachments")
        if gives_personal_data and not data.get("consent_process"):
            self.add_error(
                "consent_process",
                "Cần sự đồng ý của bạn để cơ quan xử lý họ tên, liên hệ và tệp bạn gửi. "
                + ("" if self.kind in CONTACT_REQUIRED else "Bạn cũng có thể bỏ trống họ tên, "
                   "liên hệ và tệp để gửi ẩn danh."),
            )  # fmt: skip
        if data.get("consent_publish") and not data.get("initials"):
            self.add_error("initials", "Nhập tên viết tắt sẽ hiển thị khi công khai, ví dụ N.V.A.")
        return data

    def purposes(self):
        wanted = [consent.PROCESS] if self.cleaned_data.get("consent_process") else []
        if self.cleaned_data.get("consent_publish"):
            wanted.append(consent.PUBLISH)
        return wanted
