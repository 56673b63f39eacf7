"""The main menu: what an item may point at, and the site's menu as a tree of plain values.

Sections are named by URL name, so an app that is not installed (or not yet merged) leaves its
item out of the menu instead of breaking the page: `reverse()` is asked at build time and an
unknown name is skipped. Apps add their own sections with `register_section()` in ready().
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    label: str
    # What news.context_processors.menu_current says on the section's pages ("" = never marked).
    current: str = ""


SECTIONS = {
    "documents:list": Section("Văn bản"),
    "schedules:week": Section("Lịch công tác", "@lich-cong-tac"),
    "schedules:reception": Section("Lịch tiếp công dân"),
    "procedures:list": Section("Thủ tục hành chính", "@thu-tuc"),
    "citizens:qa": Section("Hỏi đáp"),
    "citizens:intake": Section("Gửi ý kiến"),
    "citizens:consultations": Section("Góp ý dự thảo"),
    "pages:site-map": Section("Sơ đồ trang"),
    # Issue 19's sections.
    "organisation:overview": Section("Giới thiệu", "@gioi-thieu"),
    "organisation:chart": Section("Cơ cấu tổ chức"),
    "organisation:leaders": Section("Lãnh đạo"),
    "organisation:contacts": Section("Liên hệ, người phát ngôn"),
    "organisation:access": Section("Tiếp cận thông tin"),
    "organisation:en-overview": Section("English"),
    "disclosures:list": Section("Công khai", "@cong-khai"),
    "disclosures:required": Section("Danh mục thông tin phải công khai"),
    "gallery:albums": Section("Thư viện ảnh", "@thu-vien-anh"),
    "gallery:videos": Section("Video"),
}


def register_section(url_name, label, current=""):
    """An app's own section, offered in the menu admin (call from its AppConfig.ready())."""
    SECTIONS[url_name] = Section(label, current)


def section_url(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def available_sections():
    """(url name, label) of the sections this installation serves, for the admin's choice."""
    return [(name, s.label) for name, s in SECTIONS.items() if section_url(name) is not None]


def label_of(item):
    """The name an item shows when its own title is empty."""
    Kind = type(item).Kind
    if item.kind == Kind.CATEGORY and item.category_id:
        return item.category.name
    if item.kind == Kind.PAGE and item.page_id:
        return item.page.title
    if item.kind == Kind.SECTION and item.section in SECTIONS:
        return SECTIONS[item.section].label
    return item.get_kind_display() if item.kind != Kind.URL else item.url


def is_safe_url(value):
    """A path on this site ("/…", not "//host") or an http(s) address: never javascript: etc."""
    if value.startswith("/"):
        return not value.startswith("//") and "\\" not in value
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def clean_item(item):
    from .models import MAX_MENU_DEPTH

    Kind, errors = type(item).Kind, {}
    if item.kind == Kind.CATEGORY and not item.category_id:
        errors["category"] = "Hãy chọn chuyên mục."
    elif item.kind == Kind.PAGE and not item.page_id:
        errors["page"] = "Hãy chọn trang tĩnh."
    elif item.kind == Kind.SECTION and item.section not in SECTIONS:
        errors["section"] = "Hãy chọn một mục của cổng."
    elif item.kind == Kind.URL:
        item.url = item.url.strip()
        if not item.url:
            errors["url"] = "Hãy nhập địa chỉ."
        elif not is_safe_url(item.url):
            errors["url"] = (
                "Địa chỉ phải bắt đầu bằng http://, https:// hoặc / (một đường dẫn trong trang)."
            )
        if not item.title:
            errors["title"] = "Hãy nhập tên hiển thị cho địa chỉ này."
    depth, parent, seen = 1, item.parent, set()
    while parent is not None:
        if parent.pk == item.pk or parent.pk in seen:
            errors["parent"] = "Một mục không thể nằm trong chính nó."
            break
        seen.add(parent.pk)
        depth += 1
        parent = parent.parent
    if depth > MAX_MENU_DEPTH and "parent" not in errors:
        errors["parent"] = f"Menu có tối đa {MAX_MENU_DEPTH} cấp."
    if errors:
        raise ValidationError(errors)


# The menu a site shows before its administrator arranges one (and the rows a new site gets):
# today's menu, with its sub-menus, and issue 19's sections once they are installed.
# (title, kind, section or url, children)
DEFAULT_MENU = [
    ("", "home", "", []),
    ("", "section", "organisation:overview", [
        ("", "section", "organisation:chart", []),
        ("", "section", "organisation:leaders", []),
        ("", "section", "organisation:contacts", []),
    ]),
    ("", "categories", "", []),
    ("", "section", "documents:list", []),
    ("", "section", "schedules:week", [("", "section", "schedules:reception", [])]),
    ("", "section", "procedures:list", []),
    ("", "section", "disclosures:list", [
        ("", "section", "disclosures:required", []),
        ("", "section", "organisation:access", []),
    ]),
    ("", "section", "gallery:albums", [("", "section", "gallery:videos", [])]),
    ("", "section", "citizens:qa", []),
    ("", "section", "citizens:intake", [("", "section", "citizens:consultations", [])]),
]  # fmt: skip


def node(title, href, current="", children=()):
    return {"title": title, "href": href, "current": current, "children": list(children)}


class Row:
    """A menu item, or a category the menu shows, as build_menu reads them (plain values)."""

    def __init__(self, pk=None, parent_id=None, kind="", title="", section="", url="", order=0,
                 name="", slug="", page_kind="", page_published=None):  # fmt: skip
        self.pk, self.parent_id, self.kind, self.title = pk, parent_id, kind, title
        self.section, self.url, self.order = section, url, order
        self.name, self.slug, self.page_kind, self.page_published = (
            name, slug, page_kind, page_published
        )  # fmt: skip


CATEGORY_ROW = "@category"  # marks the categories' rows in build_menu's one query


def menu_rows(site):
    """The site's active items and its categories shown on the menu, in one query (UNION ALL:
    the menu costs a page miss no more than the category list it replaced)."""
    from django.db.models import BooleanField, CharField, Value
    from django.db.models.functions import Coalesce

    from news.models import Category

    from .models import MenuItem

    text = CharField()
    items = (
        MenuItem.objects.filter(site=site, is_active=True)
        .annotate(n=Coalesce("category__name", "page__title"),
                  s=Coalesce("category__slug", "page__slug"))
        .values_list("pk", "parent_id", "kind", "title", "section", "url", "order", "n", "s",
                     "page__kind", "page__is_published")
    )  # fmt: skip
    categories = (
        Category.objects.filter(site=site, show_in_menu=True)
        .annotate(
            k=Value(CATEGORY_ROW, output_field=text),
            e=Value("", output_field=text),
            pk_=Value(None, output_field=BooleanField()),
        )  # fmt: skip
        .values_list("pk", "parent_id", "k", "e", "e", "e", "order", "name", "slug", "e", "pk_")
    )
    rows = [Row(*values) for values in items.order_by().union(categories.order_by(), all=True)]
    return (
        sorted((r for r in rows if r.kind != CATEGORY_ROW), key=lambda r: (r.order, r.pk)),
        sorted((r for r in rows if r.kind == CATEGORY_ROW), key=lambda r: (r.order, r.name)),
    )


def build_menu(site):
    """The site's menu: [{title, href, current, children}], from its active items, or the
    default menu when it has none."""
    rows, categories = menu_rows(site)
    if not rows:
        return _from_spec(DEFAULT_MENU, categories)
    children = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(parent_id):
        nodes = []
        for row in children.get(parent_id, []):
            nodes.extend(_nodes_of(row, categories, lambda pk=row.pk: build(pk)))
        return nodes

    return build(None)


def _page_url(row):
    if row.page_kind == "bao-mat":  # the privacy page keeps its fixed address
        return reverse("pages:privacy")
    return reverse("pages:detail", args=[row.slug])


def _category_url(slug):
    return reverse("news:category", args=[slug])


def _nodes_of(row, categories, sub):
    """The node(s) one row stands for: none when its target is hidden or not installed."""
    kind, title = row.kind, row.title or ""
    if kind == "home":
        return [node(title or "Trang chủ", reverse("news:home"), "@home", sub())]
    if kind == "categories":
        return _category_nodes(categories)
    if kind == "category" and row.slug:
        return [node(title or row.name, _category_url(row.slug), row.slug, sub())]
    if kind == "page" and row.slug:
        if not row.page_published:
            return []
        return [node(title or row.name, _page_url(row), "", sub())]
    if kind == "section":
        href = section_url(row.section)
        if href is None:
            return []  # the app that serves it is not installed
        section = SECTIONS.get(row.section, Section(row.section))
        return [node(title or section.label, href, section.current, sub())]
    if kind == "url" and row.url:
        return [node(title or row.url, row.url, "", sub())]
    return []


def _category_nodes(categories):
    """The categories shown on the menu, each with its own sub-categories beneath it."""
    below = {}
    for category in categories:
        below.setdefault(category.parent_id, []).append(category)
    return [
        node(c.name, _category_url(c.slug), c.slug,
             [node(s.name, _category_url(s.slug), s.slug) for s in below.get(c.pk, [])])
        for c in below.get(None, [])
    ]  # fmt: skip


def _from_spec(spec, categories):
    nodes = []
    for title, kind, target, children in spec:
        row = Row(title=title, kind=kind, section=target if kind == "section" else "",
                  url=target if kind == "url" else "")  # fmt: skip
        nodes.extend(_nodes_of(row, categories, lambda c=children: _from_spec(c, categories)))
    return nodes
