"""What changed between two versions of an article, word by word, for the compare page."""

import difflib
import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from documents.models import Document
from news.models import Article, ArticleImage, Category

COMPARED_FIELDS = [
    "title", "slug", "category_id", "lead", "body", "author_line", "cover", "cover_caption",
    "cover_alt", "gallery_title", "gallery_after", "status", "published_at", "expires_at",
    "is_featured", "documents",
]  # fmt: skip
TOKEN = re.compile(r"\s+|[^\s]+")


def _readable(name, value):
    """A field's value as the editors read it: text, not HTML or ids."""
    if value in (None, ""):
        return ""
    if name == "body":
        value = re.sub(r"</(p|h[1-6]|li|blockquote|tr)>", "\n", str(value))
        return html.unescape(strip_tags(value)).strip()
    if name == "category_id":
        return Category.objects.filter(pk=value).values_list("name", flat=True).first() or ""
    if name == "documents":
        return "; ".join(str(d) for d in Document.objects.filter(pk__in=value))
    if name == "status":
        return Article.Status(value).label
    if name == "is_featured":
        return "có" if value else "không"
    return str(value)


def word_diff(old, new):
    """HTML with removed words in <del> and added words in <ins>; the rest escaped."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def _gallery(version):
    images = version.revision.version_set.get_for_model(ArticleImage)
    captions = sorted(
        (v.field_dict.get("order") or 0, v.field_dict.get("caption", "")) for v in images
    )
    return "\n".join(caption for _, caption in captions)


def compare_versions(old, new):
    """[(label, diff_html)] for every field that differs between the two versions."""
    old_data, new_data = old.field_dict, new.field_dict
    changes = []
    for name in COMPARED_FIELDS:
        before, after = _readable(name, old_data.get(name)), _readable(name, new_data.get(name))
        if before != after:
            label = Article._meta.get_field(name.removesuffix("_id")).verbose_name
            changes.append((label, word_diff(before, after)))
    before, after = _gallery(old), _gallery(new)
    if before != after:
        changes.append(("bộ ảnh (chú thích)", word_diff(before, after)))
    return changes
