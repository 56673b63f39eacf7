"""The public "Giới thiệu" pages (overview, organisation chart, leaders, contacts), the
access-to-information section, and their English versions under /en/.

Each page says when what it shows last changed ("Cập nhật lúc …": the newest `updated_at` of
the rows on it), and is cached by the page cache until one of them changes (pagecache.version:
units, channels and the Giới thiệu text are watched by this app, people by theirs; a commune's
people bump its province, whose organisation page lists the communes' spokespersons).
"""

from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse

from multisite.current import site_of
from people.models import Person

from . import services
from .models import Channel, Introduction, Unit


def _newest(*groups):
    """The newest `updated_at` among the rows of `groups` (iterables of rows or None)."""
    times = [row.updated_at for rows in groups for row in rows if row is not None]
    return max(times, default=None)


def _introduction(site):
    return Introduction.objects.filter(site=site).first()


def overview(request, english=False):
    site = site_of(request)
    intro = _introduction(site)
    return render(request, "organisation/en/overview.html" if english else
                  "organisation/overview.html", {
        "intro": intro, "updated_at": _newest([intro]),
        "page_name": "overview",
    })  # fmt: skip


def chart(request, english=False):
    site = site_of(request)
    roots = services.tree(site)
    units = list(services.walk(roots))
    communes = services.communes_spokespersons(site)
    return render(request, "organisation/en/chart.html" if english else
                  "organisation/chart.html", {
        "roots": roots, "communes": communes, "intro": _introduction(site) if english else None,
        "updated_at": _newest(units, [p for _, people in communes for p in people]),
        "page_name": "chart",
    })  # fmt: skip


def leaders(request):
    site = site_of(request)
    people = list(Person.objects.active().filter(site=site).select_related("unit"))
    return render(request, "organisation/leaders.html", {
        "people": people, "updated_at": _newest(people),
        "page_name": "leaders",
    })  # fmt: skip


def contacts(request, english=False):
    site = site_of(request)
    units = [unit for unit in Unit.objects.on(site) if unit.phone or unit.email or unit.address]
    people = list(
        Person.objects.active().filter(
            Q(is_spokesperson=True) | Q(is_information_focal=True), site=site
        )
    )
    channels = list(Channel.objects.filter(site=site))
    intro = _introduction(site)
    communes = services.communes_spokespersons(site)
    return render(request, "organisation/en/contacts.html" if english else
                  "organisation/contacts.html", {
        "units": units, "channels": channels, "intro": intro, "communes": communes,
        "spokespersons": [p for p in people if p.is_spokesperson],
        "focal_people": [p for p in people if p.is_information_focal],
        "updated_at": _newest(units, people, channels,
                              [p for _, group in communes for p in group]),
        "page_name": "contacts",
    })  # fmt: skip


def access(request):
    """Tiếp cận thông tin (Luật Tiếp cận thông tin Điều 17, 19; Nghị định 13/2018 Điều 11)."""
    site = site_of(request)
    intro = _introduction(site)
    focal_people = list(Person.objects.active().filter(site=site, is_information_focal=True))
    forms = list(intro.request_forms.all()) if intro else []
    return render(request, "organisation/access.html", {
        "intro": intro, "focal_people": focal_people, "forms": forms,
        "disclosures_url": reverse("disclosures:required"),
        "updated_at": _newest([intro], focal_people),
    })  # fmt: skip


def en_overview(request):
    return overview(request, english=True)


def en_chart(request):
    return chart(request, english=True)


def en_contacts(request):
    return contacts(request, english=True)
