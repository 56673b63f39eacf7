"""The disclosure's admin form: its own fields, plus an optional new file that goes into the
document library (validated there, by the library's rules, before anything is saved)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator

from documents.models import Document
from documents.validators import DOCUMENT_EXTENSIONS, validate_document_file

from .models import Disclosure


class DisclosureAdminForm(forms.ModelForm):
    new_file = forms.FileField(
        label="tải tệp mới lên", required=False,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_file],
        help_text="PDF, DOC hoặc DOCX; lưu vào thư viện văn bản, kiểm tra theo nội dung tệp.",
    )  # fmt: skip
    new_symbol = forms.CharField(
        label="số ký hiệu của tệp mới", max_length=60, required=False,
        help_text="Ví dụ: 125/QĐ-UBND (văn bản công bố công khai).",
    )  # fmt: skip
    new_doc_type = forms.ChoiceField(
        label="loại văn bản của tệp mới", choices=Document.Type.choices,
        initial=Document.Type.DECISION, required=False,
    )  # fmt: skip
    new_issued_on = forms.DateField(label="ngày ban hành của tệp mới", required=False)
    new_issuing_body = forms.CharField(
        label="cơ quan ban hành của tệp mới", max_length=200, required=False,
        help_text="Để trống: đơn vị quản lý của trang.",
    )  # fmt: skip

    class Meta:
        model = Disclosure
        fields = [
            "type", "stage", "year", "period", "month", "title", "summary", "published_at",
            "is_published", "documents",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        self.new_document = None
        upload = cleaned.get("new_file")
        if not upload:
            if cleaned.get("new_symbol") and "new_file" not in self.errors:
                self.add_error("new_file", "Hãy chọn tệp để tải lên cùng số ký hiệu này.")
            return cleaned
        symbol = (cleaned.get("new_symbol") or "").strip()
        if not symbol:
            self.add_error("new_symbol", "Hãy nhập số ký hiệu của văn bản được tải lên.")
            return cleaned
        site = self.instance.site
        profile = getattr(site, "profile", None)
        body = (
            cleaned.get("new_issuing_body")
            or (profile and profile.managing_unit)
            or (profile and profile.site_name)
        )
        document = Document(
            site=site, symbol=symbol, issued_on=cleaned.get("new_issued_on"),
            doc_type=cleaned.get("new_doc_type") or Document.Type.DECISION,
            issuing_body=body or "", file=upload,
        )  # fmt: skip
        try:
            # The library's own rules (symbol and date unique on the site, the file's content).
            document.full_clean(exclude=["slug", "title"])
        except ValidationError as error:
            fields = {"symbol": "new_symbol", "issued_on": "new_issued_on", "file": "new_file",
                      "issuing_body": "new_issuing_body", "doc_type": "new_doc_type"}  # fmt: skip
            for field, messages in error.message_dict.items():
                self.add_error(fields.get(field), messages)
            return cleaned
        self.new_document = document
        return cleaned
