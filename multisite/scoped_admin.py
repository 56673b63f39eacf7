"""The admin of one site: each host's admin shows and changes that site's rows only.

`SiteScopedAdmin` is the one mixin every content ModelAdmin (and inline) uses. On the site of
the request's host (request.site) it:
- lists, searches, filters, counts and opens that site's rows only; an id of another site's row
  in a URL answers 404, whoever asks (the platform superuser too: on a site's host the admin is
  that site's; the superuser reaches another site on its own host);
- binds what is added to the site before the form is validated (so "slug unique per site" is
  checked as a form error), and again when it is saved;
- offers, and accepts, only that site's rows in every foreign-key and many-to-many choice, list
  filter and autocomplete (documents: the site's own and its parent's, which it shares);
- links "Xem trên trang" to the page on the same host.
"""

from django.contrib import admin
from django.http import Http404

from .current import site_of
from .models import SiteContent

NOT_HERE = "Không có mục này trên trang này."


def choices_on(model, site):
    """What a form of `site` may point at: a model's own `visible_on(site)` (documents: the site's
    and its parent's), else the site's rows; None for a model that is not per site."""
    if not issubclass(model, SiteContent):
        return None
    manager = model._default_manager
    if hasattr(manager, "visible_on"):
        return manager.visible_on(site)
    return manager.filter(site=site)


def mark_site(request, entries):
    """Record the site of these admin log entries (operations.AuditSite); returns them."""
    from operations.models import AuditSite

    listed = entries if isinstance(entries, list | tuple) else [entries]
    site = site_of(request)
    AuditSite.objects.bulk_create(
        [AuditSite(entry=entry, site_id=site.pk) for entry in listed if entry is not None],
        ignore_conflicts=True,
    )
    return entries


def bound_to_site(form_class, site):
    """`form_class` whose new instances belong to `site` from the start (before validation)."""

    class SiteForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance._state.adding and isinstance(self.instance, SiteContent):
                self.instance.site = site

    SiteForm.__name__ = SiteForm.__qualname__ = form_class.__name__
    return SiteForm


class SiteChoices:
    """Foreign keys and many-to-many fields offer (and accept) only the site's rows."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @staticmethod
    def _limit(db_field, request, kwargs):
        """A narrower set chosen by a subclass (the photo pickers') is kept as it is."""
        if "queryset" not in kwargs:
            queryset = choices_on(db_field.related_model, site_of(request))
            if queryset is not None:
                kwargs["queryset"] = queryset


class SiteScopedAdmin(SiteChoices):
    def get_queryset(self, request):
        return super().get_queryset(request).filter(site=site_of(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # another site's, or none: the same answer, so nothing is revealed
            raise Http404(NOT_HERE)
        return obj

    def get_form(self, request, obj=None, **kwargs):
        return bound_to_site(super().get_form(request, obj, **kwargs), site_of(request))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.site = site_of(request)
        super().save_model(request, obj, form, change)

    # The audit log: each change the admin logs is marked with the site it was made on.
    def log_addition(self, request, obj, message):
        return mark_site(request, super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return mark_site(request, super().log_change(request, obj, message))

    def log_deletions(self, request, queryset):
        return mark_site(request, super().log_deletions(request, queryset))

    def get_list_filter(self, request):
        """A filter on a relation to per-site rows lists the rows this site's list uses."""
        return [self._scoped_filter(spec) for spec in super().get_list_filter(request)]

    def _scoped_filter(self, spec):
        if isinstance(spec, str) and "__" not in spec:
            field = self.model._meta.get_field(spec)
            if field.is_relation and issubclass(field.related_model, SiteContent):
                return (spec, admin.RelatedOnlyFieldListFilter)
        return spec

    def get_view_on_site_url(self, obj=None):
        """The page on this host (Django's default redirects through the object's domain)."""
        if obj is None or not self.view_on_site:
            return None
        if callable(self.view_on_site):
            return self.view_on_site(obj)
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None


class SiteScopedInline(SiteChoices):
    """An inline of a site-scoped admin: its rows are its parent's, hence the site's; its
    choices are the site's."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(site=site_of(request))
