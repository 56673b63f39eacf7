from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from .models import Category


def portal(request):
    """What the base layout shows on every public page. Lazy: the admin pays nothing."""
    # The identity comes with request.site, from the resolver's memory: no query, no fragment.
    site = SimpleLazyObject(lambda: site_of(request).profile)
    return {
        "menu_current": menu_current(request),
        "site": site,
        # The admin's name for it: Django's login and logout views put their own `site`
        # (the request's site as Django sees it, without the identity) over this one.
        "site_identity": site,
        "menu_categories": SimpleLazyObject(
            lambda: list(
                Category.objects.filter(site=site_of(request), show_in_menu=True, parent=None)
            )
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
