from django.shortcuts import get_object_or_404, render

from news.views import paginate

from .models import Document

DOCUMENTS_PER_PAGE = 30


def document_list(request):
    page = paginate(request, Document.objects.all(), DOCUMENTS_PER_PAGE)
    return render(request, "documents/document_list.html", {"page": page})


def document_detail(request, slug):
    document = get_object_or_404(Document, slug=slug)
    articles = document.articles.published().only("title", "slug", "published_at")
    return render(
        request, "documents/document_detail.html", {"document": document, "articles": articles}
    )
