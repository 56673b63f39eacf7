"""The home page's block types, and the blocks of a site's home as they are rendered.

A type names its template and a function giving the template its values (or None: the block
shows nothing). Another app provides a type by registering it in its ready(), or by providing
the template and function named below for its kind ("notices", "media"); while that app is not
installed the block renders nothing, without error. A failing block is logged and left out: a
side feature never breaks the home page.
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string

from multisite.current import site_of
from pagecache import fragments

logger = logging.getLogger(__name__)


@dataclass
class BlockType:
    kind: str
    label: str
    template: str
    # (request, site, block, state) -> dict | None; a dotted path is imported when first used.
    values: object = None
    app: str = ""  # the app that provides it: absent, the block renders nothing
    needs_category: bool = False
    default_count: int = 5
    help: str = field(default="", compare=False)

    @property
    def available(self):
        return not self.app or apps.is_installed(self.app)

    def values_for(self, request, site, block, state):
        values = self.values
        if isinstance(values, str):
            values = import_string(values)
        return {} if values is None else values(request, site, block, state)


BLOCK_TYPES = {}


def register(kind, label, template, values=None, **options):
    """Add (or replace) a block type; apps call it from their AppConfig.ready()."""
    BLOCK_TYPES[kind] = BlockType(kind, label, template, values, **options)


def available_types():
    return [(t.kind, t.label) for t in BLOCK_TYPES.values() if t.available]


@dataclass
class Block:
    """One block as the home renders it (also the cached form of a HomeBlock row)."""

    kind: str
    title: str = ""
    category_id: int | None = None
    count: int = 5
    pk: int | None = None


# A new site's home (and any site's before its administrator arranges one): today's home
# (featured news, today's schedule, the categories, the units' news) and the new blocks.
DEFAULT_BLOCKS = [
    Block("featured", count=4),
    Block("notices"),
    Block("schedule_today"),
    Block("services"),
    Block("all_categories"),
    Block("documents"),
    Block("media"),
    Block("from_units"),
    Block("links"),
]


def blocks_of(site):
    """The site's active blocks in order, kept as a fragment of its content version (one query
    on a miss); the default blocks when it has none."""
    from .models import HomeBlock

    def read():
        rows = HomeBlock.objects.filter(site=site, is_active=True)
        fields = ("kind", "title", "category_id", "count", "pk")
        return [Block(*values) for values in rows.values_list(*fields)]

    return fragments.cached("home-blocks", read, site) or DEFAULT_BLOCKS


@dataclass
class Rendered:
    block: Block
    type: BlockType
    values: dict

    @property
    def title(self):
        return self.block.title or self.type.label

    @property
    def anchor(self):
        return f"khoi-{self.block.pk or self.block.kind}"


def home_blocks(request):
    """The blocks of the request's site's home, each with its template's values."""
    site = site_of(request)
    state = {}  # shared by the blocks of one page (the featured article, left out of the rest)
    rendered = []
    for block in blocks_of(site):
        block_type = BLOCK_TYPES.get(block.kind)
        if block_type is None or not block_type.available:
            continue
        try:
            values = block_type.values_for(request, site, block, state)
        except Exception:
            logger.exception("home block %s could not be made", block.kind)
            continue
        if values is not None:
            rendered.append(Rendered(block, block_type, values))
    return rendered


from . import home_values as _values  # noqa: E402 - the built-in types below use them

register(
    "featured",
    "Tin nổi bật",
    "portal/blocks/featured.html",
    _values.featured,
    default_count=4,
    help="Một tin lớn (tin được đánh dấu nổi bật) và các tin mới bên cạnh.",
)
register("latest", "Tin mới nhất", "portal/blocks/latest.html", _values.latest)
register(
    "category",
    "Tin của một chuyên mục",
    "portal/blocks/category.html",
    _values.category,
    needs_category=True,
)
register(
    "all_categories",
    "Tin theo từng chuyên mục",
    "portal/blocks/all_categories.html",
    _values.all_categories,
    help="Một khối cho mỗi chuyên mục, như trang chủ trước đây.",
)
register(
    "schedule_today",
    "Lịch công tác hôm nay",
    "portal/blocks/schedule_today.html",
    _values.nothing,
    app="schedules",
)
register(
    "documents", "Văn bản mới", "portal/blocks/documents.html", _values.nothing, app="documents"
)
register(
    "services", "Thủ tục hành chính và dịch vụ công", "portal/blocks/services.html", _values.nothing
)
register(
    "links",
    "Cổng thông tin cấp trên và dịch vụ quốc gia",
    "portal/blocks/links.html",
    _values.links,
)
register("from_units", "Tin từ các đơn vị", "portal/blocks/from_units.html", _values.from_units)
# Issue 19's: Thông báo – Giấy mời – Tài liệu họp (news.notices, current until "notice_until"),
# and the gallery's albums and videos (nothing until that app is installed).
register(
    "notices", "Thông báo", "news/includes/notices.html", _values.nothing,
    help="Thông báo, giấy mời, tài liệu họp còn hạn.",
)  # fmt: skip
register(
    "media",
    "Ảnh và video",
    "gallery/includes/home_block.html",
    "gallery.blocks.home_block",
    app="gallery",
)
