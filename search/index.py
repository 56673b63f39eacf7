"""Keeping the search index current: one entry per registered object.

Articles are indexed by their write path (news.services.save_article), in the transaction that
saves them; documents and pages, which are written in one place each, by their post_save and
post_delete signals (`register(..., signals=True)`). The vocabulary for suggestions is kept by
the database itself (search.models.SearchWord; SQLite: FTS5's, see search.query.known_words).
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import SearchEntry
from .registry import KINDS, kind_of
from .text import index_tokens, token_string

# Everything an entry holds but its identity: what an upsert overwrites.
UPDATED_FIELDS = [
    f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "kind", "object_id")
]


def _row(kind, obj):
    entry = kind.entry(obj)
    title_words = index_tokens(entry.title)
    words = list(dict.fromkeys(title_words + index_tokens(entry.text)))
    date = entry.date or timezone.now()  # a draft without a date: any date will do
    return SearchEntry(
        site_id=obj.site_id,
        kind=kind.slug,
        object_id=obj.pk,
        title=entry.title,
        text=entry.text,
        url=entry.url,
        title_words=token_string(title_words),
        words=token_string(words),
        public=entry.public,
        visible_from=entry.visible_from or date,
        visible_until=entry.visible_until,
        date=date,
        year=timezone.localtime(date).year,
        category_id=entry.category_id,
    )


def index_object(obj):
    """Write (or rewrite) the entry of one object of a registered kind: one statement."""
    kind = kind_of(type(obj))
    SearchEntry.objects.bulk_create(
        [_row(kind, obj)],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=UPDATED_FIELDS,
    )


def remove_object(obj):
    kind = kind_of(type(obj))
    SearchEntry.objects.filter(kind=kind.slug, object_id=obj.pk).delete()


def reindex(queryset, batch_size=1000):
    """Rewrite the entries of a queryset's objects: after queryset.update(), or to rebuild."""
    kind = kind_of(queryset.model)
    count = 0
    batch = []
    for obj in queryset.iterator(chunk_size=batch_size):
        batch.append(_row(kind, obj))
        if len(batch) >= batch_size:
            count += _replace(kind, batch)
            batch = []
    return count + _replace(kind, batch)


def _replace(kind, rows):
    if rows:
        SearchEntry.objects.filter(
            kind=kind.slug, object_id__in=[r.object_id for r in rows]
        ).delete()
        SearchEntry.objects.bulk_create(rows)
    return len(rows)


def rebuild():
    """Every registered kind from scratch; returns {kind slug: number of entries}."""
    counts = {}
    for kind in KINDS.values():
        SearchEntry.objects.filter(kind=kind.slug).delete()
        counts[kind.slug] = reindex(kind.model._default_manager.all())
    return counts


def _saved(sender, instance, **kwargs):
    # Also on loaddata (raw=True): the fixture's rows are searchable as soon as they load.
    index_object(instance)


def _deleted(sender, instance, **kwargs):
    remove_object(instance)


def connect(model):
    uid = f"search-{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
