from django.core.paginator import Paginator
from django.db.models import Min
from django.shortcuts import render
from django.utils import timezone

from multisite.current import site_of
from news.models import Category
from pagecache import fragments

from . import query as q
from .models import SearchEntry
from .registry import KINDS
from .text import highlight, snippet

RESULTS_PER_PAGE = 15


def read_filters(params, categories):
    """Kind, category and year from the URL; anything unknown or malformed is ignored.

    Returns the filters for query.search() and the slug of the chosen category (or None).
    """
    filters, slug = {}, params.get("chuyen-muc")
    if params.get("loai") in KINDS:
        filters["kind"] = params["loai"]
    chosen = [c for c in categories if c.slug == slug]
    if chosen:  # a category and its sub-categories, as the category page lists them
        filters["category_ids"] = [c.pk for c in categories if chosen[0].pk in (c.pk, c.parent_id)]
    year = params.get("nam", "")
    if year.isascii() and year.isdigit() and 1900 <= int(year) <= 2100:
        filters["year"] = int(year)
    return filters, chosen[0].slug if chosen else None


def present(entries, words):
    """Highlighted title, snippet and kind label for each entry of a page of results."""
    for entry in entries:
        entry.title_html = highlight(entry.title, words)
        entry.snippet = snippet(entry.text, words)
        entry.kind_label = KINDS[entry.kind].label if entry.kind in KINDS else ""


def year_choices(site):
    this_year = timezone.localdate().year
    entries = SearchEntry.objects.on_site(site, q.shared_kinds())
    first = fragments.cached(
        "search-first-year", lambda: entries.aggregate(first=Min("year"))["first"], site
    )
    return range(this_year, min(first or this_year, this_year) - 1, -1)


def results(request):
    site = site_of(request)
    query = q.parse(request.GET.get("q", ""))
    # The filters' choices are the same for every search of the site: kept per content version.
    categories = fragments.cached(
        "search-categories", lambda: list(Category.objects.filter(site=site)), site
    )
    filters, chosen_category = read_filters(request.GET, categories)
    page = suggestion = results = None
    if query.words:
        results = q.search(query.words, site, **filters)
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        present(page, query.words)
        if not page.paginator.count:
            suggestion = q.suggest(query.words, site, **filters)
    return render(request, "search/results.html", {
        "query": query, "results": results, "page": page, "suggestion": suggestion,
        "filters": filters, "chosen_category": chosen_category, "categories": categories,
        "kinds": KINDS.values(), "years": year_choices(site),
    })  # fmt: skip
