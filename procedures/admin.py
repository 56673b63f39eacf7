"""Procedures in the admin, per site, with the spreadsheet import (importing.py)."""

import csv
import io
from pathlib import Path

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from editorial.role_admin import RoleAdminMixin
from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin

from . import importing
from .forms import ImportForm
from .models import Procedure, ProcedureSettings

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "thu-tuc-hanh-chinh-mau.csv"


@admin.register(Procedure)
class ProcedureAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "procedure"
    list_display = ["code", "name", "field", "level", "is_active", "updated_at"]
    list_filter = ["is_active", "level", "field"]
    search_fields = ["code", "name", "field"]
    fields = ["code", "name", "field", "level", "agency", "processing_time", "fee", "papers",
              "result", "legal_basis", "is_active"]  # fmt: skip

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("nhap/", view(self.import_view), name="procedures_procedure_import"),
            path("tep-mau.xlsx", view(self.sample_view), name="procedures_procedure_sample"),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self._can(request, "import")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        site = site_of(request)
        settings_row, _ = ProcedureSettings.objects.get_or_create(site=site)
        form = ImportForm(
            request.POST or None, request.FILES or None, mapping=settings_row.mapping()
        )
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = importing.read_rows(upload, upload.name)
            except importing.UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                mapping = form.mapping()
                if form.cleaned_data["remember"]:
                    settings_row.column_mapping = mapping
                    settings_row.save()
                report = importing.import_rows(site, rows, mapping, form.cleaned_data["dry_run"])
                if report.written:
                    self.message_user(request, _summary(report, "Đã nhập"), messages.SUCCESS)
                    return redirect("admin:procedures_procedure_changelist")
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
            "report": report, "title": "Nhập thủ tục hành chính từ bảng tính",
            "summary": _summary(report, "Kiểm tra xong") if report and not report.errors else "",
        }  # fmt: skip
        return TemplateResponse(request, "admin/procedures/procedure/import.html", context)

    def sample_view(self, request):
        """The project's template as xlsx: the sample csv's header and rows."""
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Thủ tục hành chính"
        with SAMPLE.open(encoding="utf-8-sig", newline="") as sample:
            for row in csv.reader(sample):
                sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="thu-tuc-hanh-chinh-mau.xlsx"'
        return response


def _summary(report, verb):
    return (
        f"{verb} {report.rows} dòng: {report.created} thủ tục mới, {report.updated} cập nhật, "
        f"{report.unchanged} không đổi."
    )


@admin.register(ProcedureSettings)
class ProcedureSettingsAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    manage_action = "site.manage"
    fields = ["service_url_template", "column_mapping"]

    def has_add_permission(self, request, *args):
        exists = ProcedureSettings.objects.filter(site=site_of(request)).exists()
        return not exists and super().has_add_permission(request, *args)
