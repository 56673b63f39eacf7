from django.http import Http404
from django.shortcuts import get_object_or_404, render

from multisite.current import site_of
from news.models import Article
from news.views import with_body

from .permissions import can


def article_preview(request, slug):
    """Staff see any article as the public will, marked "Bản nháp"; the public get a 404."""
    site = site_of(request)
    if not can(request.user, "article.preview", site=site):
        raise Http404("Không có trang này.")
    article = with_body(get_object_or_404(Article.objects.for_detail(), slug=slug, site=site))
    request.is_preview = True  # the visitor counter skips previews
    context = {"article": article, "related": [], "preview": True}
    response = render(request, "news/article_detail.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
