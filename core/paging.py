from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, queryset, per_page, paginator_class=Paginator, **options):
    """The requested page, or 404 for a page number that is malformed or out of range."""
    try:
        paginator = paginator_class(queryset, per_page, **options)
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("Không có trang này.") from exc
