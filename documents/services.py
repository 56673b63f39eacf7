"""The library's write path: a document saved or deleted moves the links of the articles that
cite its symbol (old or new) in the same transaction, so no editor has to save them again.

Every writer uses it: the admin, the shell, fixtures (news' loaddata) and the demo data.
`Document.save()` alone only derives the document's own fields.
"""

from django.db import transaction

from .citations import LibraryChange
from .signals import citing_articles_changed


@transaction.atomic
def save_document(document):
    change = LibraryChange([document])
    document.save()
    _relinked(change)
    return document


@transaction.atomic
def delete_documents(documents):
    documents = list(documents)
    change = LibraryChange(documents)
    for document in documents:
        document.delete()
    _relinked(change)


def delete_document(document):
    delete_documents([document])


@transaction.atomic
def library_changed(documents):
    """After documents were written without save_document (loaddata, a bulk import): relink
    the articles that cite their symbols. Their symbols may not have changed, so the state
    "before" is the library without them."""
    change = LibraryChange(documents)
    change.before = {}
    _relinked(change)


def _relinked(change):
    article_ids = change.relink()
    if article_ids:
        citing_articles_changed.send(sender=LibraryChange, article_ids=article_ids)
