"""Public pages of the procedures: the list by field, with search, and a procedure's page."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, Value, When
from django.http import Http404
from django.shortcuts import render

from multisite.current import site_of
from search import query as search_query

from .models import Procedure, service_url

PER_PAGE = 50


def procedure_list(request):
    site = site_of(request)
    visible = Procedure.objects.visible_on(site)
    fields = visible.values("field", "field_slug").annotate(count=Count("pk")).order_by("field")
    chosen = request.GET.get("linh-vuc", "")[:200]
    query = search_query.parse(request.GET.get("q", ""))
    procedures = visible
    if chosen:
        procedures = procedures.filter(field_slug=chosen)
    if query.words:
        # The project's search without diacritics ("khai sinh" finds "Khai sinh"), on the
        # procedures this site shows (its own and its parent's).
        found = search_query.search(query.words, site, kind="thu-tuc").matches
        procedures = procedures.filter(pk__in=found.values("object_id"))
    elif query.text:
        procedures = procedures.none()
    paginator = Paginator(procedures.only("code", "name", "field", "level", "site_id"), PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    return render(request, "procedures/procedure_list.html", {
        "fields": fields, "chosen": chosen, "query": query, "page": page,
        "menu_current": "@thu-tuc",
    })  # fmt: skip


def procedure_detail(request, code):
    site = site_of(request)
    # The site's own procedure wins over its parent's of the same code.
    procedure = (
        Procedure.objects.visible_on(site).filter(code=code)
        .order_by(Case(When(site_id=site.pk, then=Value(0)), default=Value(1))).first()
    )  # fmt: skip
    if procedure is None:
        raise Http404("Không có thủ tục này.")
    return render(request, "procedures/procedure_detail.html", {
        "procedure": procedure, "service_url": service_url(site, procedure.code),
        "menu_current": "@thu-tuc",
    })  # fmt: skip
