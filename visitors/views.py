from django.http import JsonResponse
from django.views.decorators.http import require_GET

from multisite.current import site_of

from . import conf
from .counter import read_stats


@require_GET
def stats_json(request):
    """{"online", "today", "week", "total"}: the sidebar's four numbers of the site the host
    names, for scripts."""
    response = JsonResponse(read_stats(site_of(request).pk))
    response["Cache-Control"] = f"public, max-age={conf.get('VISITORS_CACHE_SECONDS')}"
    return response
