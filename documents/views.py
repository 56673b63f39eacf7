from django.http import FileResponse, Http404
from django.shortcuts import render

from core.paging import paginate
from multisite.current import site_of
from pagecache.conditional import conditional_file

from .forms import DocumentFilterForm, filter_options
from .models import Document
from .validators import CONTENT_TYPES

DOCUMENTS_PER_PAGE = 30
# A PDF is shown by the browser's own viewer, in a sandbox: no script in the PDF runs with
# the site's origin, nothing is fetched from it, and nothing frames it.
PDF_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def document_list(request):
    """The site's library: its own documents and its parent's, side by side."""
    library = Document.objects.visible_on(site_of(request))
    options = filter_options(library)
    form = DocumentFilterForm(request.GET, options)
    documents = form.filter(library.for_listing())
    page = paginate(request, documents, DOCUMENTS_PER_PAGE)
    context = {"page": page, "form": form, "options": options}
    return render(request, "documents/document_list.html", context)


def visible_document(request, slug, documents=Document.objects):
    """The document `slug` names on this site: its own, else its parent's (shared)."""
    found = documents.visible_on(site_of(request)).filter(slug=slug).first()
    if found is None:
        raise Http404("Không có văn bản này.")
    return found


def document_detail(request, slug):
    site = site_of(request)
    document = visible_document(request, slug, Document.objects.for_detail())
    relations = document.relations()
    # The articles of this site that cite it (a shared document is cited on several sites).
    articles = document.articles.published().filter(site=site)
    articles = articles.only("title", "slug", "published_at")
    context = {"document": document, "relations": relations, "articles": articles}
    return render(request, "documents/document_detail.html", context)


def document_file(request, slug):
    """The document's file: a PDF inline in a sandbox, a Word file as a download."""
    document = visible_document(request, slug, Document.objects.only("slug", "file", "site"))
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
