from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

admin.site.site_header = "Quản trị Trang thông tin điện tử"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Ban Biên tập"

urlpatterns = [
    path("admin/anh/", include("photos.urls")),  # CKEditor's image upload (staff only)
    path("admin/", admin.site.urls),
    path("van-ban/", include("documents.urls")),
    path("visitors/", include("visitors.urls")),
    path("", include("news.urls")),
    path("", include("pages.urls")),
]


def serve_media(request, path):
    # MEDIA_ROOT read per request, not when this module is imported: each test has its own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    # Production serves /media/ from nginx (SERVE_MEDIA=false); this is for make run and tests.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_media)]
