from django.utils.functional import SimpleLazyObject

from pagecache import fragments

from .models import Category, SiteIdentity


def portal(request):
    """What the base layout shows on every public page. Lazy: the admin pays nothing."""
    site = SimpleLazyObject(lambda: fragments.cached("site", SiteIdentity.objects.current))
    return {
        "menu_current": menu_current(request),
        "site": site,
        # The admin's name for it: Django's login and logout views put their own `site`
        # (a RequestSite, which has no site_name) in the context, over this one.
        "site_identity": site,
        "menu_categories": SimpleLazyObject(
            lambda: list(Category.objects.filter(show_in_menu=True, parent=None))
        ),
    }


def menu_current(request):
    """What the menu marks as the current page: "@home" (no slug has an @), a category's slug,
    or nothing. The menu's cached fragment varies on it, and on nothing else of the request."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.view_name == "news:home":
        return "@home"
    if match.view_name == "news:category":
        return match.kwargs.get("slug", "")
    return ""
