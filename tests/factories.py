"""Small helpers that make test data: make_article(**overrides) and friends."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from documents.models import Document
from news.models import Article, ArticleImage, Category

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
    return Article.objects.create(**fields)


def make_document(**overrides):
    n = next(_seq)
    fields = {
        "symbol": f"{n}-NQ/TU",
        "doc_type": Document.Type.RESOLUTION,
        "issuing_body": "Ban Thường vụ Tỉnh ủy",
        "title": f"Về việc số {n}",
    }
    fields.update(overrides)
    return Document.objects.create(**fields)


def image_file(name="anh.jpg", size=(40, 30), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#a40e0e").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_image(article, **overrides):
    fields = {"photo": image_file(), "caption": "Chú thích ảnh", "alt": "Mô tả ảnh"}
    fields.update(overrides)
    return ArticleImage.objects.create(article=article, **fields)
