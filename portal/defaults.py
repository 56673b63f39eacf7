"""A site's starting menu and home blocks as rows its administrator then edits: for a new site
(multisite.services.create_site) and, once, for the sites that existed before (migration 0002).
A site without rows shows the same defaults (portal.menus.DEFAULT_MENU, blocks.DEFAULT_BLOCKS)."""

from .blocks import DEFAULT_BLOCKS
from .menus import DEFAULT_MENU


def create_defaults(site_id, menu_model=None, block_model=None):
    """Add the default menu and blocks to a site that has none (models may be a migration's)."""
    if menu_model is None:
        from .models import HomeBlock as block_model
        from .models import MenuItem as menu_model
    menu = menu_model._default_manager
    if not menu.filter(site_id=site_id).exists():
        _add_items(menu, site_id, DEFAULT_MENU, None)
    blocks = block_model._default_manager
    if not blocks.filter(site_id=site_id).exists():
        blocks.bulk_create(
            block_model(site_id=site_id, kind=b.kind, title=b.title, count=b.count, order=n * 10)
            for n, b in enumerate(DEFAULT_BLOCKS, start=1)
        )


def _add_items(manager, site_id, spec, parent):
    for n, (title, kind, target, children) in enumerate(spec, start=1):
        item = manager.create(
            site_id=site_id, parent=parent, title=title, kind=kind, order=n * 10,
            section=target if kind == "section" else "", url=target if kind == "url" else "",
        )  # fmt: skip
        _add_items(manager, site_id, children, item)
