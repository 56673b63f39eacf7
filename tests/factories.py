"""Small helpers that make test data: make_article(**overrides) and friends."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from documents.models import Document
from documents.services import save_document
from news.models import Article, ArticleImage, Category
from news.services import save_article

_seq = itertools.count(1)


def make_category(**overrides):
    n = next(_seq)
    fields = {"name": f"Chuyên mục {n}", "order": n}
    fields.update(overrides)
    return Category.objects.create(**fields)


def make_article(**overrides):
    n = next(_seq)
    fields = {
        "title": f"Bài viết số {n} về đời sống Châu Thành",
        "lead": f"Sapo của bài {n}.",
        "body": f"<p>Nội dung bài {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=n),
        "author_line": "Phóng viên",
    }
    fields.update(overrides)
    if "category" not in fields:
        fields["category"] = make_category()
    return save_article(Article(**fields))


def make_document(**overrides):
    n = next(_seq)
    fields = {
        "symbol": f"{n}-NQ/TU",
        "doc_type": Document.Type.RESOLUTION,
        "issuing_body": "Ban Thường vụ Tỉnh ủy",
        "title": f"Về việc số {n}",
    }
    fields.update(overrides)
    return save_document(Document(**fields))


def image_file(name="anh.jpg", size=(40, 30), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#a40e0e").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_image(article, **overrides):
    fields = {"photo": image_file(), "caption": "Chú thích ảnh", "alt": "Mô tả ảnh"}
    fields.update(overrides)
    return ArticleImage.objects.create(article=article, **fields)


# --- Editorial workflow (editorial/) ---------------------------------------------------------
PASSWORD = "mat-khau-dai-123"


def make_user(username, role=None):
    """A staff user in a role: "Biên tập viên", "Duyệt bài" or "superuser"."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    users = get_user_model().objects
    email = f"{username}@example.vn"
    if role == "superuser":
        return users.create_superuser(username, email, PASSWORD)
    user = users.create_user(username, email, PASSWORD, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def article_form(article, **overrides):
    """What the admin's change form posts for `article`, as loaded now (its lock version too)."""
    when = timezone.localtime(article.published_at) if article.published_at else None
    data = {
        "title": article.title, "slug": article.slug, "category": article.category_id,
        "lead": article.lead, "body": article.body, "author_line": article.author_line,
        "cover_caption": "", "cover_alt": "", "gallery_title": "", "gallery_after": "",
        "published_at_0": when.strftime("%d/%m/%Y") if when else "",
        "published_at_1": when.strftime("%H:%M:%S") if when else "",
        "expires_at_0": "", "expires_at_1": "",
        "lock_version_seen": article.lock_version,
    }  # fmt: skip
    for prefix in ("images", "events"):
        data.update({
            f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        })  # fmt: skip
    data.update(overrides)
    return data
