from django import forms

from .importing import COLUMNS, DEFAULT_MAPPING


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp bảng tính", help_text="Tệp .xlsx hoặc .csv (UTF-8), tối đa 5 MB; dòng đầu là "
        "tên cột.",
    )  # fmt: skip
    dry_run = forms.BooleanField(
        label="Chỉ kiểm tra (không ghi gì)", required=False, initial=True,
        help_text="Bỏ chọn để nhập. Dù vậy, tệp còn dòng lỗi thì không dòng nào được nhập.",
    )  # fmt: skip
    remember = forms.BooleanField(
        label="Ghi nhớ tên cột cho lần nhập sau", required=False, initial=True
    )

    def __init__(self, *args, mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        mapping = {**DEFAULT_MAPPING, **(mapping or {})}
        for name, header, required in COLUMNS:
            label = f"Cột “{header}” trong tệp"
            self.fields[f"col_{name}"] = forms.CharField(
                label=label, initial=mapping[name], max_length=100, required=required,
                help_text="" if required else "Để trống nếu tệp không có cột này.",
            )  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        return upload

    def mapping(self):
        return {name: self.cleaned_data[f"col_{name}"].strip() for name, _, _ in COLUMNS}
