import re
from datetime import UTC, datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property

from core.paging import paginate
from multisite.current import site_of, site_origin
from pagecache import fragments

from .models import Article, Category

ARTICLES_PER_PAGE = 15
ARTICLES_PER_HOME_SECTION = 5
# A category numbers its newest pages only; older articles follow by "Tin cũ hơn" links
# (keyset: each is one index range scan, as fast at the 10,000th article as at the 10th).
NUMBERED_PAGES = 20
OLDER_CURSOR = re.compile(r"(\d{1,17})-(\d{1,12})")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BoundedPaginator(Paginator):
    """Numbered pages over the newest `max_pages` pages only, counted with a bounded COUNT
    (a COUNT over the first rows, not over all 10,000 of a category)."""

    def __init__(self, object_list, per_page, max_pages):
        super().__init__(object_list, per_page)
        self.max_rows = per_page * max_pages

    @cached_property
    def bounded_count(self):
        # Unordered: how many of any max_rows + 1 rows exist is what is asked, and without an
        # order the count is read from the category index alone.
        return self.object_list.order_by()[: self.max_rows + 1].count()

    @cached_property
    def count(self):
        return min(self.bounded_count, self.max_rows)

    @property
    def has_older(self):
        """More articles than the numbered pages hold: the last one links to older ones."""
        return self.bounded_count > self.max_rows


def older_cursor(article):
    """Where the next "Tin cũ hơn" page starts: after this article, in listing order."""
    micros = (article.published_at - EPOCH) // timedelta(microseconds=1)
    return f"{micros}-{article.pk}"


def parse_older_cursor(value):
    match = OLDER_CURSOR.fullmatch(value)
    if not match:
        raise Http404("Không có trang này.")
    # At most 17 digits: up to the year 5138, never an overflow.
    return EPOCH + timedelta(microseconds=int(match[1])), int(match[2])


def home(request):
    """The blocks the site's administrator arranged (portal.blocks: featured news, today's
    schedule, the categories, the units' news...), or the default ones."""
    from portal.blocks import home_blocks

    return render(request, "news/home.html", {"home_blocks": home_blocks(request)})


UNIT_NEWS = 10


def news_from_units(request, site, count=UNIT_NEWS):
    """ "Tin từ các đơn vị": a parent site's home gathers its children's newest published
    articles (DESIGN.md "Sites"), each linked on its own site. Nothing (and no query) on a site
    without children: the resolver knows which sites have some."""
    if not site.has_children:
        return []
    articles = Article.objects.published().for_listing().filter(site__profile__parent=site)
    articles = articles.select_related("site__profile").order_by("-published_at", "-pk")
    return [
        {
            "article": a,
            "unit": a.site.profile,
            "url": site_origin(a.site, request) + a.get_absolute_url(),
        }
        for a in articles[:count]
    ]


FEATURED_CANDIDATES = 50


def featured_article(site):
    """The newest public featured article of `site`, or None.

    Read through the small partial index of featured articles (by site and date), then the
    publication rule applied to those few rows: SQLite's planner, asked for everything at once
    (or given a second sort key), walks every published article by date instead (130 ms at
    100,000 articles). Should the newest candidates all be hidden (drafts, expired), the one
    query for everything decides.
    """
    candidates = (
        Article.objects.for_listing()
        .filter(site=site, is_featured=True, published_at__lte=timezone.now())
        .order_by("-published_at")[:FEATURED_CANDIDATES]
    )
    candidates = sorted(candidates, key=lambda a: (a.published_at, a.pk), reverse=True)
    featured = next((article for article in candidates if article.is_public), None)
    if featured is None and len(candidates) == FEATURED_CANDIDATES:
        public = Article.objects.published().for_listing().filter(site=site, is_featured=True)
        featured = public.first()
    return featured


# A category id no row has: the one part Django compiles is compiled for it, and each
# category's part is that SQL with the category's own id as its parameter.
_ANY_CATEGORY = -2_000_000_001


def latest_of_each_category(articles, site, per_category=ARTICLES_PER_HOME_SECTION):
    """The newest `per_category` of `articles` in every category of `site`, in one query after
    one small query for the categories' ids.

    Each category's part is its own limited index scan, the parts joined by UNION ALL, each
    wrapped in a subquery (SQLite allows LIMIT only there): 9 ms at 100,000 articles on
    PostgreSQL, where a window over all the articles took 0.45 s. The parts differ only by
    their category: one is compiled, and repeated with each id (compiling ten querysets was a
    third of the home page's time).
    """
    pks = list(Category.objects.filter(site=site).values_list("pk", flat=True))
    if not pks:
        return articles.none()
    newest = articles.filter(category_id=_ANY_CATEGORY).order_by("-published_at", "-pk")
    sql, part_params = newest.values("pk")[:per_category].query.sql_with_params()
    slot = part_params.index(_ANY_CATEGORY)
    parts, params = [], []
    for n, pk in enumerate(pks):
        parts.append(f"SELECT * FROM ({sql}) AS part{n}")  # noqa: S608 - Django's own SQL
        params.extend((*part_params[:slot], pk, *part_params[slot + 1 :]))
    # A fresh queryset outside: the parts carry every condition, and the outer query then
    # fetches the rows by primary key (with the conditions again SQLite scanned all articles).
    # Parameters stay parameters: only Django-compiled SQL is joined here.
    ids = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
    return articles.model._default_manager.filter(pk__in=ids)


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug, site=site_of(request))
    # The category and its children as a subquery, not an OR across a join: PostgreSQL then
    # counts and pages on the (category, status, -published_at) index (10x faster at 100,000).
    family = Category.objects.filter(Q(pk=category.pk) | Q(parent=category)).values("pk")
    articles = Article.objects.published().for_listing().filter(category__in=family)
    context = {"category": category, "older": None}
    if "truoc" in request.GET:  # older than the numbered pages: keyset, as fast at any depth
        moment, pk = parse_older_cursor(request.GET["truoc"])
        # published_at <= moment as well: a range the index can start at.
        older = articles.filter(published_at__lte=moment).filter(
            Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk)
        )
        rows = list(older.order_by("-published_at", "-pk")[: ARTICLES_PER_PAGE + 1])
        context["older"] = rows[:ARTICLES_PER_PAGE]
        if len(rows) > ARTICLES_PER_PAGE:
            context["older_cursor"] = older_cursor(rows[ARTICLES_PER_PAGE - 1])
    else:
        page = paginate(
            request, articles, ARTICLES_PER_PAGE, BoundedPaginator, max_pages=NUMBERED_PAGES
        )
        context["page"] = page
        if page.paginator.has_older and not page.has_next():
            context["older_cursor"] = older_cursor(page[-1])
    return render(request, "news/category_detail.html", context)


RELATED = 5


def article_detail(request, slug):
    site = site_of(request)
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug, site=site)
    article = with_body(article)
    related = [a for a in newest_of_category(article.category_id, site) if a.pk != article.pk]
    context = {"article": article, "related": related[:RELATED]}
    return render(request, "news/article_detail.html", context)


def newest_of_category(category_id, site):
    """ "Tin cùng chuyên mục": the category's newest articles, one more than shown (the page's
    own article is left out of them). The same for every article of the category (a category
    is one site's), so kept as a fragment of the site's content version: a reader going through
    old news costs no query here."""

    def newest():
        articles = Article.objects.published().filter(category_id=category_id)
        return list(articles.only("title", "slug", "published_at")[: RELATED + 1])

    return fragments.cached(f"newest-of-category:{category_id}", newest, site)


def with_body(article):
    """The article with its rendered body, which its write path stored. A row written without
    it (an import by SQL) is rendered here, not stored: `manage.py refresh_articles` (run by
    `migrate` too) stores it."""
    if article.body_html is None:
        from .services import rendered_body

        article.body_html = rendered_body(article)
    return article
