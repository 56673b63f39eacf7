from django.core.paginator import Paginator
from django.db.models import Min
from django.shortcuts import render
from django.utils import timezone

from news.models import Category

from . import query as q
from .models import SearchEntry
from .registry import KINDS
from .text import highlight, snippet

RESULTS_PER_PAGE = 15


def read_filters(params, categories):
    """Kind, category and year from the URL; anything unknown or malformed is ignored.

    Returns the filters for search() and the slug of the chosen category (or None).
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


def results(request):
    query = q.parse(request.GET.get("q", ""))
    categories = list(Category.objects.all())
    filters, chosen_category = read_filters(request.GET, categories)
    page = suggestion = None
    if query.words:
        page = Paginator(q.search(query.words, **filters), RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        for entry in page:
            entry.title_html = highlight(entry.title, query.words)
            entry.snippet = snippet(entry.text, query.words)
            entry.kind_label = KINDS[entry.kind].label if entry.kind in KINDS else ""
        if not page.paginator.count:
            suggestion = q.suggest(query.words, **filters)
    first_year = SearchEntry.objects.aggregate(first=Min("year"))["first"]
    this_year = timezone.localdate().year
    context = {
        "query": query,
        "page": page,
        "suggestion": suggestion,
        "filters": filters,
        "chosen_category": chosen_category,
        "kinds": KINDS.values(),
        "categories": categories,
        "years": range(this_year, (first_year or this_year) - 1, -1),
    }
    return render(request, "search/results.html", context)
