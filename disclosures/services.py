"""Writing a disclosure with a new file: the file becomes a document of the library through the
library's own write path (documents.services.save_document), then the disclosure links it, in
one transaction. One place writes documents; the library's validator, search entry and
citations apply to a disclosure's files as to any other document."""

from django.db import transaction

from documents.services import save_document


@transaction.atomic
def attach_new_document(disclosure, document):
    """Save `document` (built and validated by the admin form) into the library and link it."""
    document.site_id = disclosure.site_id
    if not document.title:
        document.title = disclosure.title
    save_document(document)
    disclosure.documents.add(document)
    return document
