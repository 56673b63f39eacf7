from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse

from disclosures.sitemaps import DisclosureSitemap
from gallery.sitemaps import AlbumSitemap, VideoSitemap
from multisite.current import site_of
from news.models import Category
from news.sitemaps import ArticleSitemap, CategorySitemap
from organisation.sitemaps import OrganisationSitemap
from pagecache.conditional import revalidated
from procedures.sitemaps import ProcedureSitemap

from .models import Page
from .sitemaps import DocumentSitemap, FixedSitemap, PageSitemap

SITEMAPS = {
    "trang": FixedSitemap,
    "chuyen-muc": CategorySitemap,
    "tin-tuc": ArticleSitemap,
    "van-ban": DocumentSitemap,
    "thong-tin": PageSitemap,
    "thu-tuc": ProcedureSitemap,
    "cong-khai": DisclosureSitemap,  # issue 19 part B
    "gioi-thieu": OrganisationSitemap,  # issue 19
    "thu-vien-anh": AlbumSitemap,  # issue 19 D
    "video": VideoSitemap,  # issue 19 D
}


def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug, site=site_of(request))
    if page.kind == Page.Kind.PRIVACY:
        return redirect(page, permanent=True)  # it has its own, fixed address
    if page.kind == Page.Kind.ABOUT:
        # The "Giới thiệu" section (organisation/, issue 19) replaces the free-text page; old
        # links and bookmarks land there (not permanent: a site may still want the page back).
        return redirect("organisation:overview")
    return render(request, "pages/page_detail.html", {"static_page": page})


def privacy(request):
    pages = Page.objects.published().filter(site=site_of(request))
    page = get_object_or_404(pages, kind=Page.Kind.PRIVACY)
    return render(request, "pages/page_detail.html", {"static_page": page})


def site_map(request):
    """Sơ đồ trang: the site as a text outline, for people (sitemap.xml is for robots)."""
    categories = Category.objects.filter(site=site_of(request), parent=None)
    categories = categories.prefetch_related("children")
    return render(request, "pages/site_map.html", {"categories": categories})


@revalidated(query=["p"], max_age=3600)
def sitemap_xml(request):
    """One sitemap while every URL fits in one file (50,000), else an index of numbered files."""
    sitemaps = site_sitemaps(request)
    limit = min(sitemap.limit for sitemap in sitemaps.values())
    if sum(sitemap.paginator.count for sitemap in sitemaps.values()) <= limit:
        return sitemap_views.sitemap(request, sitemaps)
    return sitemap_views.index(request, sitemaps, sitemap_url_name="pages:sitemap-section")


@revalidated(query=["p"], max_age=3600)
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, site_sitemaps(request), section=section)


def site_sitemaps(request):
    """The sections of the request's site (each lists that site's rows only)."""
    site = site_of(request)
    return {name: cls(site) for name, cls in SITEMAPS.items()}


@revalidated(max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('pages:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (Django's own admin pages, a
    PDF, an error page): the site's icon, cached for a day by the redirect."""
    response = redirect(static("img/favicon.png"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response
