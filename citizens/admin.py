"""The office's queue: each site's approvers and administrators work its citizens' messages
(only they see the personal data: roles.py "inquiry.view"/"inquiry.change")."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from editorial.permissions import can, users_who_can
from editorial.role_admin import RoleAdminMixin
from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin

from . import rights, services
from .consent import LABELS
from .models import Attachment, Consultation, Inquiry, Rating, RetentionPolicy, Topic

STEPS = [
    ("", "Chỉ lưu"),
    ("assign", "Giao cho cán bộ xử lý"),
    ("answer", "Gửi câu trả lời (e-mail cho người gửi)"),
    ("publish", "Công khai trong mục Hỏi đáp"),
    ("unpublish", "Gỡ khỏi mục Hỏi đáp"),
    ("note", "Ghi nhận, đóng (không cần trả lời)"),
    ("decline", "Từ chối, kèm lý do"),
]


class InquiryForm(forms.ModelForm):
    step = forms.ChoiceField(label="Bước tiếp theo", choices=STEPS, required=False)

    class Meta:
        model = Inquiry
        fields = ["assigned_to", "answer", "decline_reason"]

    def clean(self):
        data = super().clean()
        step = data.get("step")
        if step == "assign" and not data.get("assigned_to"):
            self.add_error("assigned_to", "Chọn cán bộ xử lý.")
        elif step:
            message = services.refusal(
                self.instance, step, answer=data.get("answer"), reason=data.get("decline_reason")
            )
            if message:
                self.add_error("step", message)
        return data


class OverdueFilter(admin.SimpleListFilter):
    title = "hạn trả lời"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("cho-xu-ly", "Đang chờ xử lý"), ("qua-han", "Quá hạn")]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        if self.value() == "cho-xu-ly":
            return queryset.open()
        return queryset


class QueueRoles(RoleAdminMixin):
    subject = "inquiry"

    def has_add_permission(self, request, *args):
        return False  # messages come from the public form only


@admin.register(Inquiry)
class InquiryAdmin(QueueRoles, SiteScopedAdmin, admin.ModelAdmin):
    form = InquiryForm
    list_display = [
        "number",
        "kind",
        "status",
        "short_subject",
        "received_at",
        "due",
        "assigned_to",
    ]
    list_filter = [OverdueFilter, "status", "kind", "topic"]
    search_fields = ["number", "subject", "name", "email", "phone"]
    list_select_related = ["assigned_to"]
    date_hierarchy = "received_at"
    actions = ["export_personal_data", "erase_personal_data"]
    readonly_fields = [
        "number", "kind", "status", "topic", "consultation", "received_at", "due",
        "sender", "initials", "subject", "text", "files", "consents", "answered_at",
        "published_at",
    ]  # fmt: skip
    fieldsets = [
        ("Ý kiến", {"fields": ["number", "kind", "status", "topic", "consultation", "received_at",
                               "due", "subject", "text", "files"]}),
        ("Người gửi (dữ liệu cá nhân)", {"fields": ["sender", "initials", "consents"]}),
        ("Xử lý", {"fields": ["assigned_to", "answer", "decline_reason", "step", "answered_at",
                              "published_at"]}),
    ]  # fmt: skip

    def view_on_site(self, obj):
        """Only a published question has a public page."""
        return obj.get_absolute_url() if obj.status == Inquiry.Status.PUBLISHED else None

    @admin.display(description="tiêu đề")
    def short_subject(self, obj):
        return obj.subject[:80]

    @admin.display(description="hạn trả lời", ordering="due_on")
    def due(self, obj):
        if obj.is_overdue:
            return format_html(
                '<strong class="qua-han">{} (quá hạn)</strong>', obj.due_on.strftime("%d/%m/%Y")
            )
        return obj.due_on.strftime("%d/%m/%Y")

    @admin.display(description="người gửi")
    def sender(self, obj):
        parts = [p for p in (obj.name, obj.email, obj.phone) if p]
        if obj.personal_data_erased_at:
            return "Đã xoá dữ liệu cá nhân"
        return " · ".join(parts) or "Ẩn danh"

    @admin.display(description="tệp đính kèm")
    def files(self, obj):
        rows = [
            (reverse("admin:citizens_inquiry_file", args=[obj.pk, a.pk]), a.content_type, a.size)
            for a in obj.attachments.all()
        ]
        return format_html_join(", ", '<a href="{}">{} ({} byte)</a>', rows) or "—"

    @admin.display(description="sự đồng ý")
    def consents(self, obj):
        rows = [
            (LABELS.get(c.text.purpose, c.text.purpose), c.text.version,
             f"{timezone.localtime(c.given_at):%d/%m/%Y %H:%M}",
             " — đã rút lại" if c.withdrawn_at else "")
            for c in obj.consents.select_related("text")
        ]  # fmt: skip
        return format_html_join(mark_safe("<br>"), "{} (bản {}) lúc {}{}", rows) or "Không có"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = users_who_can("inquiry.change", site_of(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        step = form.cleaned_data.get("step")
        if step == "assign":
            services.assign(obj, form.cleaned_data["assigned_to"])
        elif step == "answer":
            services.answer(obj, request.user, request)
        elif step == "publish":
            services.publish(obj)
        elif step == "unpublish":
            services.unpublish(obj)
        elif step == "note":
            services.note(obj)
        elif step == "decline":
            services.decline(obj, form.cleaned_data["decline_reason"], request)

    def delete_model(self, request, obj):
        rights.erase(obj)  # its files too, and its log entries' names
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for inquiry in queryset:
            rights.erase(inquiry)
        super().delete_queryset(request, queryset)

    def get_urls(self):
        view = self.admin_site.admin_view(self.attachment)
        return [path("<int:pk>/tep/<int:file_pk>/", view, name="citizens_inquiry_file"),
                *super().get_urls()]  # fmt: skip

    def attachment(self, request, pk, file_pk):
        """A sent file, to the site's staff who may see the queue only; never cached."""
        inquiry = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, inquiry):
            raise Http404("Không có mục này trên trang này.")
        record = get_object_or_404(Attachment, pk=file_pk, inquiry=inquiry)
        extension = record.file.name.rsplit(".", 1)[-1]
        response = FileResponse(
            record.file.open("rb"), as_attachment=True,
            filename=f"{inquiry.number}-{record.pk}.{extension}", content_type=record.content_type,
        )  # fmt: skip
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description="Xuất dữ liệu cá nhân của các ý kiến đã chọn (JSON)")
    def export_personal_data(self, request, queryset):
        data = rights.export(queryset.select_related("topic").prefetch_related("attachments"))
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description="Xoá dữ liệu cá nhân của các ý kiến đã chọn (theo yêu cầu)")
    def erase_personal_data(self, request, queryset):
        if not can(request.user, "inquiry.change", site=site_of(request)):
            raise Http404
        for inquiry in queryset:
            rights.erase(inquiry)
        self.message_user(request, f"Đã xoá dữ liệu cá nhân của {queryset.count()} ý kiến.",
                          messages.SUCCESS)  # fmt: skip


@admin.register(Topic)
class TopicAdmin(QueueRoles, SiteScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]

    def has_add_permission(self, request, *args):
        return self._can(request, "change")


@admin.register(Consultation)
class ConsultationAdmin(QueueRoles, SiteScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "document", "opens_at", "closes_at", "comment_count"]
    autocomplete_fields = ["document"]
    actions = ["export_comments"]

    def has_add_permission(self, request, *args):
        return self._can(request, "change")

    @admin.display(description="số góp ý")
    def comment_count(self, obj):
        return obj.comments.count()

    @admin.action(description="Xuất các góp ý (Excel .xlsx)")
    def export_comments(self, request, queryset):
        from .export import comments_workbook

        response = HttpResponse(
            comments_workbook(queryset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="gop-y-du-thao.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(RoleAdminMixin, admin.ModelAdmin):
    manage_action = "platform.manage"  # the superuser's alone

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request) and not RetentionPolicy.objects.exists()


@admin.register(Rating)
class RatingAdmin(RoleAdminMixin, SiteScopedAdmin, admin.ModelAdmin):
    """The ratings' results per page and per category, read by the site's approvers and
    administrators; votes are never edited (only the superuser deletes)."""

    manage_action = "inquiry.view"
    change_list_template = "citizens/rating_results.html"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = self.get_queryset(request)
        context = {
            **self.admin_site.each_context(request),
            "title": "Đánh giá “Thông tin này có hữu ích không?”",
            "opts": self.model._meta,
            "by_page": results(rows, "path", "section")[:200],
            "by_section": results(rows, "section"),
        }
        return TemplateResponse(request, self.change_list_template, context)


def results(rows, *fields):
    """Votes grouped by `fields`: how many, how many useful, the share useful (%)."""
    grouped = rows.values(*fields).annotate(
        votes=Count("pk"), useful=Count("pk", filter=Q(useful=True))
    )
    return [
        {**row, "share": round(100 * row["useful"] / row["votes"])}
        for row in grouped.order_by("-votes", *fields)
    ]
