"""The admin's permission hooks answered by the one check, editorial.permissions.can."""

from django.contrib import admin, messages

from multisite.current import site_of

from .permissions import can


class RoleAdminMixin:
    """A ModelAdmin whose pages open to the roles granted `<subject>.<verb>` (roles.py).

    `subject` names the actions ("article", "photo", "document"); a model that belongs to the
    site's set-up rather than to the newsroom uses "site.manage" for every verb. The site is
    the one this admin runs on: its host's (request.site).
    """

    subject = None
    manage_action = None  # e.g. "site.manage": one action for every verb

    def _can(self, request, verb, obj=None):
        action = self.manage_action or f"{self.subject}.{verb}"
        return can(request.user, action, obj, site=site_of(request))

    def has_module_permission(self, request):
        return self._can(request, "view") or self._can(request, "add")

    def has_view_permission(self, request, obj=None):
        return self._can(request, "view", obj) or self.has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._can(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._can(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._can(request, "delete", obj)


class RoleInlineMixin(RoleAdminMixin):
    """An inline that follows its parent: whoever may change the parent edits its rows."""

    def has_add_permission(self, request, obj=None):
        return self._can(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._can(request, "change", obj)


class PublishActionsMixin:
    """Admin list actions for drafts an approver publishes (schedules, gallery): "Công bố" and
    "Chuyển về bản nháp", each for "<subject>.publish"; `publisher` is the app's services module
    (its publish(queryset) and unpublish(queryset) return how many rows changed)."""

    publisher = None
    actions = ["publish_selected", "unpublish_selected"]

    def has_publish_permission(self, request):
        return self._can(request, "publish")

    @admin.action(description="Công bố các mục đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = self.publisher.publish(queryset)
        self.message_user(request, f"Đã công bố {count} mục.", messages.SUCCESS)

    @admin.action(description="Chuyển các mục đã chọn về bản nháp (gỡ khỏi trang)",
                  permissions=["publish"])  # fmt: skip
    def unpublish_selected(self, request, queryset):
        count = self.publisher.unpublish(queryset)
        self.message_user(request, f"Đã chuyển {count} mục về bản nháp.", messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Django's bulk delete skips the per-item rule (an editor's own drafts only).
        if not self._can(request, "delete"):
            actions.pop("delete_selected", None)
        return actions
