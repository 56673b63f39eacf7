from django.utils.functional import SimpleLazyObject

from . import context
from .resolver import resolver


class SiteMiddleware:
    """Sets `request.site`: the sites.Site the request's host names (multisite.resolver), with
    its profile loaded. Lazy: a request that never asks (/healthz) costs nothing; one that
    does costs one primary-key read of the shared sites version, the answer itself coming from
    this process's memory. ALLOWED_HOSTS still applies: get_host() refuses other hosts (400).

    The request's site is also the context's (multisite.context) while it is answered: our
    views, forms and services name the site explicitly, and a row made in a request without
    one (an unsaved instance a form builds, a third-party model) still defaults to the
    request's site, never to the default site, and costs no query to make.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site = SimpleLazyObject(lambda: resolver.resolve(request.get_host()))
        with context.using(request.site):
            return self.get_response(request)
