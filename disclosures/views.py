"""Public pages of Công khai: the list by type and year, a disclosure with its files, and the
list of information the unit must make public."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from multisite.current import site_of

from .models import Disclosure, RequiredItem, Type

PER_PAGE = 20


def disclosure_list(request):
    site = site_of(request)
    published = Disclosure.objects.published().filter(site=site)
    # Filters read leniently: an unknown type or year is ignored, never a 500.
    chosen_type = request.GET.get("loai", "")
    chosen_type = chosen_type if chosen_type in Type.values else ""
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None
    years = published.order_by("-year").values_list("year", flat=True).distinct()
    disclosures = published
    if chosen_type:
        disclosures = disclosures.filter(type=chosen_type)
    if year:
        disclosures = disclosures.filter(year=year)
    paginator = Paginator(disclosures.for_listing(), PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    return render(request, "disclosures/disclosure_list.html", {
        "page": page, "types": Type.choices, "chosen_type": chosen_type, "years": list(years),
        "year": year, "menu_current": "@cong-khai",
    })  # fmt: skip


def disclosure_detail(request, slug):
    site = site_of(request)
    disclosure = get_object_or_404(Disclosure.objects.published(), site=site, slug=slug)
    documents = disclosure.documents.only(
        "symbol", "doc_type", "issued_on", "title", "slug", "file", "file_size", "site_id"
    )
    return render(request, "disclosures/disclosure_detail.html", {
        "disclosure": disclosure, "documents": documents, "menu_current": "@cong-khai",
    })  # fmt: skip


def required_list(request):
    items = RequiredItem.objects.filter(site=site_of(request))
    return render(request, "disclosures/required_list.html", {
        "items": items, "menu_current": "@cong-khai",
    })  # fmt: skip
