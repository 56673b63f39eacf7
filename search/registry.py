"""The kinds of content search knows about. A new kind is registered with a few lines.

Example, for static pages (in the pages app's AppConfig.ready)::

    from search.registry import Entry, register

    register(Page, slug="trang", label="Trang", entry=lambda page: Entry(
        title=page.title, text=plain_text(page.body), url=page.get_absolute_url(),
        public=page.is_published, date=page.updated_at,
    ))

Registering connects the model's post_save/post_delete to the index, unless the model's own
write path indexes it (`signals=False`: articles, see news.services); code that changes rows
with queryset.update() calls `search.index.reindex(queryset)` afterwards.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass
class Entry:
    """What the index keeps of one object."""

    title: str
    text: str  # plain text (no HTML), shown in snippets
    url: str
    public: bool  # approved for the public (time limits below still apply)
    date: datetime | None = None  # sorts "newer first", gives the year; None: indexing time
    visible_from: datetime | None = None  # a scheduled publication time; None: `date`
    visible_until: datetime | None = None  # an expiry
    category_id: int | None = None


@dataclass(frozen=True)
class Kind:
    slug: str  # in URLs (?loai=bai-viet) and in SearchEntry.kind
    label: str  # what readers see
    model: type
    entry: Callable[[Any], Entry]
    shared: bool = False  # a parent site's are found on its children's sites too (documents)


KINDS: dict[str, Kind] = {}


def register(model, *, slug, label, entry, shared=False, signals=True):
    from . import index  # the index module imports the models, which need the app registry

    KINDS[slug] = Kind(slug=slug, label=label, model=model, entry=entry, shared=shared)
    if signals:
        index.connect(model)


def kind_of(model):
    for kind in KINDS.values():
        if issubclass(model, kind.model):
            return kind
    return None
