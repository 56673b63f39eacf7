from django.utils.functional import SimpleLazyObject

from .resolver import resolver


class SiteMiddleware:
    """Sets `request.site`: the sites.Site the request's host names (multisite.resolver), with
    its profile loaded. Lazy: a request that never asks (/healthz) costs nothing; one that
    does costs one primary-key read of the shared sites version, the answer itself coming from
    this process's memory. ALLOWED_HOSTS still applies: get_host() refuses other hosts (400).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site = SimpleLazyObject(lambda: resolver.resolve(request.get_host()))
        return self.get_response(request)
