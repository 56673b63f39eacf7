from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("trang/<slug:slug>/", views.page_detail, name="detail"),
    path("chinh-sach-bao-mat/", views.privacy, name="privacy"),
    path("so-do-trang/", views.site_map, name="site-map"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
