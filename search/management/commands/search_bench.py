"""Benchmark: search over N generated articles (for `make bench`, never for the tests' timing).

    DATABASE_URL=postgres://... python manage.py search_bench --articles 100000

Adds N published articles in a category of its own ("Bench tìm kiếm"), written with the
words of the 35-NQ/TW report's body in a Zipf-like mix plus rarer made-up syllables, indexes
them, then times the search page (the view: count, ranked page, snippets, template) for a
set of queries of very different selectivity. Articles made by an earlier run are reused;
`--cleanup` removes them and their index entries.
"""

import json
import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from core.text import plain_text, tokens
from multisite.current import site_of
from news.models import Article, Category
from news.services import refresh_articles
from search import views
from search.models import SearchEntry
from search.query import parse, search

BENCH_SLUG = "bench-tim-kiem"
QUERIES = [
    "nghi quyet 35",  # common words together
    "NGHỊ QUYẾT 35",
    "dau tranh phan bac",
    "huyen",  # in most articles: the worst case for counting and ranking
    "chau thanh hoi nghi",
    "xay dung dang",
    "35 nq tw",
    "ban thuong vu huyen uy",
    "khong gian mang",
    "tuyen truyen giao duc",
    "toan quyet",  # made-up rarer syllables
    "nghi quyeet 35",  # a typo: no result, then the suggestion
    ("huyen", 30),  # a deep page
]
INITIALS = ["b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "ph", "qu", "s", "t", "tr", "v", "x"]
RIMES = [
    "a",
    "ai",
    "am",
    "an",
    "ang",
    "anh",
    "ao",
    "em",
    "en",
    "eo",
    "im",
    "in",
    "inh",
    "oa",
    "oan",
]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


class Command(BaseCommand):
    help = "Đo thời gian tìm kiếm trên N bài viết được sinh ra (mặc định 100.000)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
        parser.add_argument("--cleanup", action="store_true", help="remove the bench articles")

    def handle(self, *args, articles, repeat, cleanup, **options):
        if cleanup:
            return self.cleanup()
        category, _ = Category.objects.get_or_create(
            slug=BENCH_SLUG, defaults={"name": "Bench tìm kiếm", "show_in_menu": False}
        )
        existing = Article.objects.filter(category=category).count()
        if existing < articles:
            self.generate(category, existing, articles)
        self.stdout.write(f"{connection.vendor}: {SearchEntry.objects.count()} index entries")
        self.time_queries(repeat)

    def generate(self, category, start, stop):
        words = self.vocabulary()
        weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like
        rng = random.Random(start)  # noqa: S311 - test data, not secrets
        now = timezone.now()
        began = time.perf_counter()
        for first in range(start, stop, 2000):
            batch = []
            for i in range(first, min(first + 2000, stop)):
                title = " ".join(rng.choices(words, weights, k=rng.randint(8, 16))).capitalize()
                paragraphs = [
                    " ".join(rng.choices(words, weights, k=rng.randint(40, 90)))
                    for _ in range(rng.randint(3, 6))
                ]
                batch.append(
                    Article(
                        title=title,
                        slug=f"bench-{i}",
                        lead=paragraphs[0],
                        body="".join(f"<p>{p}</p>" for p in paragraphs[1:]),
                        category=category,
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=37 * i),
                        slug_frozen=True,
                    )
                )
            with transaction.atomic():
                Article.objects.bulk_create(batch)  # the write path's work is done below
            self.stdout.write(f"  inserted {min(first + 2000, stop)} / {stop}")
        inserted = time.perf_counter() - began
        began = time.perf_counter()
        # Links, rendered bodies and search entries of the rows just inserted (never rendered).
        count = refresh_articles(
            Article.objects.filter(category=category, body_html=None), fresh=True
        )
        self.stdout.write(
            f"Inserted {stop - start} articles in {inserted:.0f} s; "
            f"indexed {count} in {time.perf_counter() - began:.0f} s"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchentry; ANALYZE search_searchword")

    def vocabulary(self):
        """The report's words by frequency, then 2,000 made-up syllables for rarer words."""
        fixture = settings.FIXTURE_DIRS[0] / "nq35_report.json"
        rows = json.loads(fixture.read_text(encoding="utf-8"))
        body = next(r["fields"]["body"] for r in rows if r["model"] == "news.article")
        counts = {}
        for word in plain_text(body).split():
            word = word.strip('.,;:()“”"').lower()
            if tokens(word):
                counts[word] = counts.get(word, 0) + 1
        words = sorted(counts, key=lambda w: -counts[w])
        rng = random.Random(7)  # noqa: S311
        for _ in range(2000):
            syllable = rng.choice(INITIALS) + rng.choice(RIMES)
            words.append(syllable[:-1] + syllable[-1] + rng.choice(TONES))
        return words

    def time_queries(self, repeat):
        factory = RequestFactory()
        all_times = []
        self.stdout.write(f"{'query':<28}{'results':>9}{'p50 ms':>9}{'p95 ms':>9}")
        for item in QUERIES:
            text, page = item if isinstance(item, tuple) else (item, 1)
            request = factory.get("/tim-kiem/", {"q": text, "page": page})
            request.user = AnonymousUser()
            views.results(request)  # warm-up
            times = []
            for _ in range(repeat):
                began = time.perf_counter()
                response = views.results(request)
                times.append((time.perf_counter() - began) * 1000)
            all_times.extend(times)
            assert response.status_code == 200
            results = search(parse(text).words, site_of(request))
            count = f"{'>' if results.capped else ''}{results.count()}"
            label = text if page == 1 else f"{text} (page {page})"
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
            self.stdout.write(f"{label:<28}{count:>9}{statistics.median(times):>9.1f}{p95:>9.1f}")
        self.stdout.write(
            self.style.SUCCESS(
                f"All queries: p50 {statistics.median(all_times):.1f} ms, "
                f"max {max(all_times):.1f} ms over {len(all_times)} searches"
            )
        )

    def cleanup(self):
        category = Category.objects.filter(slug=BENCH_SLUG).first()
        if category is None:
            self.stdout.write("Nothing to clean up.")
            return
        with transaction.atomic():
            SearchEntry.objects.filter(kind="bai-viet", category_id=category.pk).delete()
            # A raw delete: 100,000 post_delete signals would take minutes; entries are gone.
            Article.objects.filter(category=category)._raw_delete(connection.alias)
            category.delete()
        self.stdout.write(self.style.SUCCESS("Bench articles removed."))
