from django.utils.functional import SimpleLazyObject

from pagecache import fragments

from .models import Category, SiteIdentity


def portal(request):
    """What the base layout shows on every public page. Lazy: the admin pays nothing."""
    return {
        "menu_current": menu_current(request),
        "site": SimpleLazyObject(lambda: fragments.cached("site", SiteIdentity.objects.current)),
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
