from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from operations.views import serve_media

admin.site.site_header = "Quản trị Trang thông tin điện tử"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Ban Biên tập"
# The sidebar of models takes 300 px of a 1280 px office screen, which the article list and
# form need; the index page and the breadcrumbs lead to the same places.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/anh/", include("photos.urls")),  # CKEditor's image upload (staff only)
    path("admin/", admin.site.urls),
    path("", include("operations.urls")),
    path("van-ban/", include("documents.urls")),
    path("visitors/", include("visitors.urls")),
    path("", include("editorial.urls")),
    path("tim-kiem/", include("search.urls")),
    path("", include("schedules.urls")),
    path("", include("gallery.urls")),  # thư viện ảnh, video (issue 19 D)
    path("thu-tuc-hanh-chinh/", include("procedures.urls")),
    path("", include("news.urls")),
    path("", include("pages.urls")),
    # Citizens write to the unit (issue 18) and its self-hosted challenge image.
    path("", include("citizens.urls")),
    path("captcha/", include("captcha.urls")),
    path("cong-khai/", include("disclosures.urls")),  # Công khai (issue 19 part B)
    path("", include("organisation.urls")),  # Giới thiệu, tiếp cận thông tin, /en/ (issue 19)
]


if settings.SERVE_MEDIA:
    # Production serves /media/ from nginx (SERVE_MEDIA=false); this is for make run and tests.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_media)]

# Vietnamese error page with the request id; 503 when the database is down (operations.views).
handler500 = "operations.views.server_error"
