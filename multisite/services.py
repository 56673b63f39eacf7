"""A new site in one step: the domain, its profile and identity, the pages the law requires and
starter categories, in one transaction. It answers at once, on every process: the sites version
moves with it (multisite.resolver). Used by `manage.py create_site` and the admin."""

import re

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http.request import validate_host

from core.text import vietnamese_slug

from .models import SiteProfile

# A host name: dot-separated labels of letters, digits and inner hyphens (an internationalised
# domain in its xn-- form); no scheme, port or path.
LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
DOMAIN = re.compile(rf"(?=.{{1,253}}$)({LABEL}\.)*{LABEL}")
# What a new site starts with; its administrator renames, reorders, adds and removes them.
STARTER_CATEGORIES = ["Tin tức - Sự kiện", "Thông báo", "Chỉ đạo - Điều hành", "Văn hóa - Xã hội"]


def clean_domain(domain):
    """ "HoaLoi.VinhLong.gov.vn." -> "hoaloi.vinhlong.gov.vn", or a Vietnamese ValidationError."""
    domain = (domain or "").strip().lower().rstrip(".")
    if domain.startswith(("http://", "https://")) or not DOMAIN.fullmatch(domain):
        raise ValidationError(
            "Tên miền không hợp lệ: chỉ gồm chữ không dấu, chữ số, dấu gạch ngang và dấu chấm, "
            "không có http://, cổng hay đường dẫn (ví dụ: hoaloi.vinhlong.gov.vn).",
            code="domain",
        )
    if Site.objects.filter(domain=domain).exists():
        raise ValidationError("Đã có trang dùng tên miền này.", code="domain_taken")
    return domain


def code_from(domain):
    """A code for a site from its domain's first label, unique among the sites."""
    base = vietnamese_slug(domain.split(".")[0], max_length=40) or "trang"
    code, n = base, 1
    while SiteProfile.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def is_allowed_host(domain):
    """Whether ALLOWED_HOSTS lets requests for `domain` through (else Django answers 400)."""
    return validate_host(domain, settings.ALLOWED_HOSTS)


@transaction.atomic
def create_site(domain, name, parent=None, code=None):
    """Create a site answering `domain`, named `name`, under `parent` (a sites.Site, or None).

    Raises ValidationError (in Vietnamese) for a bad or taken domain or code, or a parent that
    has a parent itself. Returns the new sites.Site, with its profile.
    """
    from news.models import Category
    from news.notices import ensure_notice_categories
    from pages.defaults import ensure_site_pages
    from pages.models import Page

    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Hãy nhập tên trang.", code="name")
    domain = clean_domain(domain)
    site = Site.objects.create(domain=domain, name=name[:50])
    code = (code or "").strip().lower() or code_from(domain)
    profile = SiteProfile(site=site, code=code, parent=parent, site_name=name)
    profile.full_clean()  # the code's form and uniqueness, one level of parents
    profile.save()
    ensure_site_pages(Page.objects.filter(site=site), site=site)
    for order, category in enumerate(STARTER_CATEGORIES, start=1):
        Category.objects.create(site=site, name=category, order=order)
    # Công khai (issue 19 part B): the list of information the site must make public.
    from disclosures.defaults import ensure_site_items
    from disclosures.models import RequiredItem

    ensure_site_items(RequiredItem.objects.filter(site=site), site.pk)
    from portal.defaults import create_defaults  # the menu and home blocks (issue 20)

    create_defaults(site.pk)
    ensure_notice_categories(Category, site.pk)  # Thông báo, Giấy mời, Tài liệu họp (issue 19)
    return Site.objects.select_related("profile").get(pk=site.pk)
