from django.utils.functional import SimpleLazyObject

from .models import Document


def latest(request):
    """The sidebar's latest documents. Lazy: pages that do not show them pay nothing."""
    return {
        "latest_documents": SimpleLazyObject(
            lambda: list(Document.objects.only("symbol", "doc_type", "title", "slug")[:5])
        )
    }
