"""Which sites a change of public content reaches (DESIGN.md "Sites": "a change invalidates the
sites that show it").

- a row of a site: that site;
- a parent's shared content (its documents: the children's libraries, document pages and
  search show them at their own URLs): its children too;
- a child's news (its articles, with their categories and images: the parent's home gathers
  them under "Tin từ các đơn vị") and its people (the parent's organisation page lists the
  communes' spokespersons): its parent too;
- a site or its profile (the identity, the parent link): the site, its parent and children;
- a row that names no site: every site.
"""

from django.contrib.sites.models import Site

from multisite.models import SiteProfile

# App labels whose rows a parent shares with its children.
SHARED_WITH_CHILDREN = ("documents", "procedures")
# App labels whose rows of a child its parent gathers.
# (people: a province's organisation page lists its communes' spokespersons, issue 19.)
GATHERED_BY_PARENT = ("news", "people")


def site_of_row(instance):
    """The id of the site a row belongs to, or None when its model has no site."""
    if isinstance(instance, Site):
        return instance.pk
    if isinstance(instance, SiteProfile):
        return instance.site_id
    field = next(
        (f for f in instance._meta.concrete_fields if f.name == "site" and f.is_relation), None
    )
    return None if field is None else getattr(instance, field.attname)


def reached_by(instance):
    """bump()'s arguments for a change of `instance`: (site ids or None, children?, parent?)."""
    site_id = site_of_row(instance)
    if site_id is None:
        return None, False, False
    if isinstance(instance, Site | SiteProfile):
        return [site_id], True, True
    label = instance._meta.app_label
    return [site_id], label in SHARED_WITH_CHILDREN, label in GATHERED_BY_PARENT
