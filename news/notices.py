"""Thông báo – Giấy mời – Tài liệu họp (issue 19): the notice categories every site has.

"Thông báo" is a top-level category (new sites already start with it); "Giấy mời" and "Tài
liệu họp" sit under it, so the menu stays short and the "Thông báo" page lists all three (a
category's page lists its children's articles). A site's administrator may rename, move or
add categories and tick "chuyên mục thông báo" on any of them; what exists is never renamed.
"""

from core.text import vietnamese_slug

NOTICE_CATEGORY = "Thông báo"
NOTICE_SUBCATEGORIES = ["Giấy mời", "Tài liệu họp"]
# How many current notices the home's block lists.
HOME_NOTICES = 6


def ensure_notice_categories(category_model, site_id):
    """Mark or create the three notice categories of a site; `category_model` is the model
    (the migrated state's, in a data migration). Categories found by their slug are kept as the
    site's administrator left them, only marked."""

    def ensure(name, parent=None):
        slug = vietnamese_slug(name)
        category = category_model.objects.filter(site_id=site_id, slug=slug).first()
        if category is None:
            siblings = category_model.objects.filter(site_id=site_id, parent=parent)
            last = siblings.order_by("-order").values_list("order", flat=True).first() or 0
            category = category_model.objects.create(
                site_id=site_id, name=name, slug=slug, parent=parent, order=last + 1,
                is_notice=True,
            )  # fmt: skip
        elif not category.is_notice:
            category.is_notice = True
            category.save(update_fields=["is_notice"])
        return category

    top = ensure(NOTICE_CATEGORY)
    for name in NOTICE_SUBCATEGORIES:
        ensure(name, parent=top if top.parent_id is None else None)


def current_notices(site):
    """The site's current notices, newest first, as the home's block lists them; kept as a
    fragment of the site's content version, which the page cache and the fragments bound by the
    next notice_until (pagecache.schedule), so a notice leaves the block on time."""
    from pagecache import fragments

    from .models import Article, Category

    def compute():
        notices = Article.objects.current_notices().filter(site=site).for_listing()
        items = list(notices.order_by("-published_at", "-pk")[:HOME_NOTICES])
        if not items:
            return {"items": [], "all_url": None}
        # "Xem tất cả": the top notice category's page (it lists its children's notices too).
        top = Category.objects.filter(site=site, is_notice=True, parent=None).first()
        return {"items": items, "all_url": top.get_absolute_url() if top else None}

    return fragments.cached("home-notices", compute, site)


def context(request):
    """`home_notices` for the home's block, lazy: only the home reads it. A side block: a
    database fault is logged and the home is served without it."""
    import logging

    from django.db import DatabaseError
    from django.utils.functional import SimpleLazyObject

    from multisite.current import site_of

    def read():
        try:
            return current_notices(site_of(request))
        except DatabaseError:
            logging.getLogger(__name__).exception("the home's notices could not be read")
            return {"items": [], "all_url": None}

    return {"home_notices": SimpleLazyObject(read)}
