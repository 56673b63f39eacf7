"""The admin's permission hooks answered by the one check, editorial.permissions.can."""

from .permissions import can


class RoleAdminMixin:
    """A ModelAdmin whose pages open to the roles granted `<subject>.<verb>` (roles.py).

    `subject` names the actions ("article", "photo", "document"); a model that belongs to the
    site's set-up rather than to the newsroom uses "site.manage" for every verb.
    """

    subject = None
    manage_action = None  # e.g. "site.manage": one action for every verb

    def _can(self, request, verb, obj=None):
        action = self.manage_action or f"{self.subject}.{verb}"
        return can(request.user, action, obj)

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
