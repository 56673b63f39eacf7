"""Writing the units' tree: every writer (the admin, the shell, tests) places a unit through
here, so that a unit always hangs under a unit of its own site, in its order."""

from django.db import transaction

from .models import Unit


@transaction.atomic
def save_unit(unit, parent=None):
    """Save `unit` under `parent` (None: a top-level unit of its site), sorted among its
    siblings by order and name; a saved unit moves with its whole branch."""
    if parent is not None:
        if parent.site_id != unit.site_id:
            raise ValueError("A unit hangs under a unit of its own site only.")
        parent.refresh_from_db()  # treebeard works on the stored path, which moves may change
    if unit.pk is None:
        if parent is None:
            return Unit.objects.add_root(instance=unit)
        return Unit.objects.add_child(parent, instance=unit)
    unit.save()
    # Re-sort (order or name may have changed) and re-hang (the parent may have changed).
    unit.refresh_from_db()
    if parent is not None:
        Unit.objects.move(unit, parent, "sorted-child")
    else:
        other_root = Unit.objects.get_root_nodes().exclude(pk=unit.pk).first()
        if other_root is not None:
            Unit.objects.move(unit, other_root, "sorted-sibling")
    unit.refresh_from_db()
    return unit


def tree(site):
    """The site's units as nested [(unit, [children…])…], from one query."""
    units = list(Unit.objects.on(site))
    roots, stack = [], []
    for unit in units:  # ordered by path: a parent always comes before its children
        node = (unit, [])
        while stack and not unit.path.startswith(stack[-1][0].path):
            stack.pop()
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots


def walk(nodes):
    """Every unit of a tree() (or of a branch), parents before children."""
    for unit, children in nodes:
        yield unit
        yield from walk(children)


def communes_spokespersons(site):
    """For a province's site: [(commune's profile, [its spokespersons…])…] in the communes'
    order; [] for a site without children (DESIGN.md "Sites": a parent gathers its children's
    spokespersons on its organisation page). Two queries."""
    from multisite.models import SiteProfile
    from people.models import Person

    communes = list(SiteProfile.objects.filter(parent_id=site.pk).order_by("site_name"))
    if not communes:
        return []
    people = Person.objects.spokespersons().filter(site_id__in=[c.site_id for c in communes])
    by_site = {}
    for person in people:
        by_site.setdefault(person.site_id, []).append(person)
    return [(commune, by_site.get(commune.site_id, [])) for commune in communes]
