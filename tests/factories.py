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
        site = {"site": fields["site"]} if "site" in fields else {}
        fields["category"] = make_category(**site)
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


def make_user(username, role=None, site=None):
    """A staff user in a role on a site (the default site unless told): "Biên tập viên",
    "Duyệt bài", "Quản trị trang", or "superuser" (every site)."""
    from django.contrib.auth import get_user_model

    from editorial.roles import ROLE_CODES
    from multisite import default_site
    from multisite.models import Membership

    users = get_user_model().objects
    email = f"{username}@example.vn"
    if role == "superuser":
        return users.create_superuser(username, email, PASSWORD)
    user = users.create_user(username, email, PASSWORD, is_staff=True)
    if role:
        site = site or default_site()
        Membership.objects.create(user=user, site=site, role=ROLE_CODES[role])
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


# --- Sites (multisite/) ----------------------------------------------------------------------
def default_identity():
    """The default site's profile: the identity the pages of a single-site install show."""
    from multisite.models import SiteProfile

    return SiteProfile.objects.get(is_default=True)


def make_site(domain, code, parent=None, **identity):
    """A site with its profile (a commune when `parent` names a province's site)."""
    from django.contrib.sites.models import Site

    from multisite.models import SiteProfile

    site = Site.objects.create(domain=domain, name=code)
    SiteProfile.objects.create(site=site, code=code, parent=parent, **identity)
    return site


# --- People and schedules (people/, schedules/) -----------------------------------------------
def make_person(**overrides):
    from people.models import Person

    n = next(_seq)
    fields = {"name": f"Nguyễn Văn {n}", "position": "Phó Chủ tịch UBND xã", "order": n}
    fields.update(overrides)
    return Person.objects.create(**fields)


def make_work_entry(leaders=(), published=False, **overrides):
    """A work-schedule entry (a draft unless `published`), with its leaders."""
    from datetime import time

    from schedules import services
    from schedules.models import WorkEntry

    n = next(_seq)
    fields = {
        "day": timezone.localdate(), "start": time(7, 30), "end": time(9, 0),
        "content": f"Họp giao ban số {n}", "venue": "Hội trường UBND xã",
    }  # fmt: skip
    fields.update(overrides)
    entry = WorkEntry.objects.create(**fields)
    entry.leaders.set(leaders)
    if published:
        services.publish(WorkEntry.objects.filter(pk=entry.pk))
        entry.refresh_from_db()
    return entry
