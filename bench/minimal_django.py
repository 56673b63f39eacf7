"""The framework ceiling: Django with no middleware and one view returning a page as a string.

Served by gunicorn like the portal (`gunicorn --chdir bench minimal_django:application`);
BENCH_PAGE_FILE names the saved page.
"""

import os
import secrets

from django.conf import settings

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF=__name__, MIDDLEWARE=[],
    SECRET_KEY=secrets.token_urlsafe(50),
)  # fmt: skip

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

with open(os.environ["BENCH_PAGE_FILE"], "rb") as f:
    PAGE = f.read()


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
application = get_wsgi_application()
