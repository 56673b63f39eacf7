from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from core.paging import paginate
from pagecache.conditional import conditional_file

from .forms import DocumentFilterForm, filter_options
from .models import Document
from .validators import CONTENT_TYPES

DOCUMENTS_PER_PAGE = 30
# A PDF is shown by the browser's own viewer, in a sandbox: no script in the PDF runs with
# the site's origin, nothing is fetched from it, and nothing frames it.
PDF_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def document_list(request):
    options = filter_options()
    form = DocumentFilterForm(request.GET, options)
    documents = form.filter(Document.objects.for_listing())
    page = paginate(request, documents, DOCUMENTS_PER_PAGE)
    context = {"page": page, "form": form, "options": options}
    return render(request, "documents/document_list.html", context)


def document_detail(request, slug):
    document = get_object_or_404(Document.objects.for_detail(), slug=slug)
    relations = document.relations()
    articles = document.articles.published().only("title", "slug", "published_at")
    context = {"document": document, "relations": relations, "articles": articles}
    return render(request, "documents/document_detail.html", context)


def document_file(request, slug):
    """The document's file: a PDF inline in a sandbox, a Word file as a download."""
    document = get_object_or_404(Document.objects.only("slug", "file"), slug=slug)
    extension = document.file_extension
    if extension not in CONTENT_TYPES:
        raise Http404("Văn bản này chưa có tệp đính kèm.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp của văn bản này.") from exc
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES[extension],
        as_attachment=extension != "pdf",
        filename=f"{document.slug}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=3600"
    return conditional_file(request, document.file, response)
