from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from multisite.current import site_of
from pagecache import fragments


def look(request):
    """The header's date line and the main menu's tree. Lazy: the admin pays nothing."""
    from .menus import build_menu

    def menu():
        site = site_of(request)
        return fragments.cached("menu-tree", lambda: build_menu(site), site)

    # The site's local date (TIME_ZONE): the page cache and fragments end at local midnight
    # (pagecache.schedule), so no cached page shows yesterday's date.
    return {
        "menu_tree": SimpleLazyObject(menu),
        "today": SimpleLazyObject(lambda: timezone.localdate()),
    }
