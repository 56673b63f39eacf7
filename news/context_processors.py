from django.utils.functional import SimpleLazyObject

from .models import Category, SiteIdentity


def portal(request):
    """What the base layout shows on every public page. Lazy: the admin pays nothing."""
    return {
        "site": SimpleLazyObject(SiteIdentity.objects.current),
        "menu_categories": SimpleLazyObject(
            lambda: list(Category.objects.filter(show_in_menu=True, parent=None))
        ),
    }
