"""The organisation in the admin, per site: the site's administrator ("Quản trị trang") keeps the
units' tree, the official social channels and the "Giới thiệu" text (editorial/roles.py)."""

from django import forms
from django.contrib import admin
from django.db import models

from editorial.role_admin import RoleAdminMixin
from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin

from . import services
from .models import Channel, Introduction, Unit


def _indented(unit):
    return "— " * (unit.depth - 1) + unit.name


class UnitForm(forms.ModelForm):
    parent = forms.ModelChoiceField(
        label="thuộc đơn vị", queryset=Unit.objects.none(), required=False,
        empty_label="(cấp cao nhất)",
        help_text="Đơn vị cấp trên trong sơ đồ tổ chức; để trống nếu là đơn vị cấp cao nhất.",
    )  # fmt: skip

    class Meta:
        model = Unit
        fields = ["name", "parent", "order", "functions", "address", "phone", "email",
                  "name_en", "functions_en"]  # fmt: skip

    site = None  # set by UnitAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Unit.objects.on(self.site)
        if self.instance.pk is not None:
            # Neither the unit itself nor one of its own branch can be its parent.
            choices = choices.exclude(path__startswith=self.instance.path)
            parent = Unit.objects.get_parent(self.instance, update=True)
            self.initial.setdefault("parent", parent.pk if parent else None)
        self.fields["parent"].queryset = choices
        self.fields["parent"].label_from_instance = _indented


@admin.register(Unit)
class UnitAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "unit"
    form = UnitForm
    list_display = ["indented_name", "phone", "email", "updated_at"]
    search_fields = ["name", "name_en"]
    ordering = ["path"]
    fieldsets = [
        (None, {"fields": ["name", "parent", "order", "functions", "address", "phone", "email"]}),
        ("Tiếng Anh (trang /en/)", {"fields": ["name_en", "functions_en"]}),
    ]

    @admin.display(description="tên đơn vị", ordering="path")
    def indented_name(self, obj):
        return _indented(obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.site = site_of(request)
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.site = site_of(request)
        services.save_unit(obj, form.cleaned_data.get("parent"))

    def has_delete_permission(self, request, obj=None):
        # Deleting a unit deletes its branch (treebeard): a unit with sub-units is kept until
        # they are moved or deleted, so that one click never erases a whole organisation.
        if obj is not None and obj.numchild:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the bulk delete would skip the rule above
        return actions


@admin.register(Channel)
class ChannelAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "channel"
    fields = ["network", "name", "url", "order"]
    # An address typed without its scheme ("facebook.com/…") is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "network", "url", "order"]
    list_editable = ["order"]


@admin.register(Introduction)
class IntroductionAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "introduction"
    list_display = ["__str__", "updated_at"]
    filter_horizontal = ["request_forms"]
    fieldsets = [
        ("Giới thiệu", {"fields": ["overview"]}),
        ("Tiếp cận thông tin", {"fields": ["request_guide", "request_forms"]}),
        ("Tiếng Anh (trang /en/)", {"fields": ["unit_name_en", "address_en", "overview_en"]}),
    ]

    def has_add_permission(self, request, *args):
        exists = Introduction.objects.filter(site=site_of(request)).exists()
        return not exists and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return False  # one per site, emptied rather than deleted
