"""The values of the built-in home block types (portal.blocks): each takes (request, site,
block, state) and returns the template's values, or None to show nothing."""

from multisite.current import site_origin

# National services every commune's and province's portal links to (Nghị định 42/2022, now
# 224/2026: the national public-service portal and the Government's portal).
NATIONAL_LINKS = [
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/"),
]


def _published(site):
    from news.models import Article

    return Article.objects.published().for_listing().filter(site=site)


def _featured(site, state):
    """The page's large article: the newest featured one, else the newest (once per page)."""
    from news.views import featured_article

    if "featured" not in state:
        state["featured"] = featured_article(site) or _published(site).first()
    return state["featured"]


def featured(request, site, block, state):
    large = _featured(site, state)
    if large is None:
        return {"large": None, "small": []}
    small = list(_published(site).exclude(pk=large.pk)[: block.count])
    state["shown"] = {large.pk, *(a.pk for a in small)}
    return {"large": large, "small": small}


def latest(request, site, block, state):
    articles = list(_published(site)[: block.count])
    return {"articles": articles} if articles else None


def category(request, site, block, state):
    from django.db.models import Q

    from news.models import Category

    try:
        chosen = Category.objects.get(pk=block.category_id, site=site)
    except Category.DoesNotExist:
        return None
    family = Category.objects.filter(Q(pk=chosen.pk) | Q(parent=chosen)).values("pk")
    articles = list(_published(site).filter(category__in=family)[: block.count])
    return {"category": chosen, "articles": articles}


def all_categories(request, site, block, state):
    """Today's sections: the newest of every category, without the featured article."""
    from news.views import latest_of_each_category

    large = _featured(site, state)
    published = _published(site).exclude(pk=getattr(large, "pk", None))
    latest = list(
        latest_of_each_category(published, site, block.count)
        .for_listing()
        .order_by("category__order", "category__name", "-published_at")
    )
    sections = {}
    for article in latest:
        sections.setdefault(article.category, []).append(article)
    return {"sections": list(sections.items())} if sections else None


def from_units(request, site, block, state):
    from news.views import news_from_units

    items = news_from_units(request, site, block.count * 2)
    return {"entries": items} if items else None


def links(request, site, block, state):
    """The province's portal (a commune's parent site) and the national services."""
    parent = site.profile.parent
    upper = []
    if parent is not None:
        upper.append((parent.profile.site_name, site_origin(parent, request) + "/"))
    return {"upper": upper, "national": NATIONAL_LINKS}


def nothing(request, site, block, state):
    """The template reads its values from the page's context (lazy context processors)."""
    return {}
