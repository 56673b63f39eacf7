from django.contrib import admin

from editorial.role_admin import RoleAdminMixin
from multisite.scoped_admin import SiteScopedAdmin

from .models import Person


@admin.register(Person)
class PersonAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "person"
    list_display = ["name", "position", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "position"]
    fields = ["name", "position", "photo", "order", "is_active"]
