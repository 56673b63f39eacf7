from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from .models import Document


def latest(request):
    """The sidebar's latest documents of the site's library (its own and its parent's). Lazy:
    pages that do not show them pay nothing."""

    def latest_documents():
        library = Document.objects.visible_on(site_of(request))
        return list(library.only("symbol", "doc_type", "title", "slug")[:5])

    return {"latest_documents": SimpleLazyObject(latest_documents)}
