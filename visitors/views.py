from django.http import JsonResponse
from django.views.decorators.http import require_GET

from . import conf
from .counter import read_stats


@require_GET
def stats_json(request):
    """{"online", "today", "week", "total"}: the sidebar's four numbers, for scripts."""
    response = JsonResponse(read_stats())
    response["Cache-Control"] = f"public, max-age={conf.get('VISITORS_CACHE_SECONDS')}"
    return response
