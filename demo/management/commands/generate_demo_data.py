"""Demo content at scale: `python manage.py generate_demo_data --articles 100000 --seed 1`.

Categories, documents, articles (bulk inserted), their document links, rendered bodies and
search entries (made by the articles' write path, news.services.refresh_articles), a dozen
small photos (drawn here, with the pipeline's renditions) as the covers of four articles in
five, and a year of visitor statistics.

`--sites N` makes the default site a province portal and N - 1 commune sites its components
(demo/sites.py), and fills each with its own categories, documents (a commune has a tenth of
the province's), --articles articles and visitor statistics: 100 sites x 1,000 articles is
`--sites 100 --articles 1000`. Each site's work runs in `multisite.context.using(site)`, so
every row it makes belongs to that site; the default site's slugs are those of a single-site
run (`demo-1-7`), a commune's carry its code (`demo-1-xa-03-7`).

Deterministic for a given --seed; run it on an empty or a demo database (it adds, never
deletes; a second run with the same seed adds nothing new where the slugs already exist).
"""

import hashlib
import random
import sys
import time
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models.functions import Mod
from django.utils import timezone

from demo import text
from demo.sites import demo_sites
from documents.models import Document
from documents.services import library_changed
from multisite import context, current_site
from news.models import Article, Category
from news.services import refresh_articles
from pagecache.version import bump
from photos import pipeline, placeholders
from visitors.models import DailyStats, VisitorTotals

CATEGORIES = [
    "Tin tức - Sự kiện", "Chính trị", "Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh",
    "Xây dựng Đảng", "Nông thôn mới", "Cải cách hành chính", "Y tế - Giáo dục", "Gương điển hình",
]  # fmt: skip
DOC_TYPES = [("NQ", "nghi-quyet", "Nghị quyết"), ("CT", "chi-thi", "Chỉ thị"),
             ("KL", "ket-luan", "Kết luận"), ("KH", "ke-hoach", "Kế hoạch")]  # fmt: skip
BATCH = 2000
PHOTOS = 12
PHOTO_SIZE = (800, 450)


def draw_photo(rng):
    """A neutral placeholder (photos.placeholders), in one of its tints."""
    return placeholders.photo(rng.choice(placeholders.TINTS), PHOTO_SIZE)


class Command(BaseCommand):
    help = "Sinh dữ liệu mẫu: chuyên mục, văn bản, N bài viết và một năm thống kê truy cập."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--documents", type=int, default=200)
        parser.add_argument("--days", type=int, default=365, help="days of visitor statistics")
        parser.add_argument(
            "--sites", type=int, default=1,
            help="1: the default site only; N: a province (the default site) and N - 1 communes",
        )  # fmt: skip

    def handle(self, *args, articles, seed, documents, days, sites, **options):
        began = time.perf_counter()
        total_docs = 0
        for index, site in enumerate(demo_sites(max(1, sites))):
            if sites > 1:
                self.stdout.write(f"site {index + 1}/{sites}: {site.domain}")
            # Each site its own random stream: a commune's content does not depend on how many
            # sites came before it in this run.
            rng = random.Random(f"{seed}-{index}" if index else seed)  # noqa: S311 - demo data
            # The province keeps --documents; a commune issues a tenth as many.
            count = documents if index == 0 else max(2, documents // 10)
            with context.using(site):
                total_docs += self.fill(rng, seed, index, site, articles, count, days)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics for the planner
                cursor.execute("ANALYZE")
        bump()  # every cached page of every site, in every process, is now stale
        took = time.perf_counter() - began
        self.stdout.write(
            self.style.SUCCESS(
                f"{articles} articles a site, {total_docs} documents in {took:.0f} s"
            )
        )

    def fill(self, rng, seed, index, site, articles, documents, days):
        """One site's content, made inside `context.using(site)`; the documents made."""
        prefix = f"demo-{seed}-" if index == 0 else f"demo-{seed}-{site.profile.code}-"
        categories = self.categories(prefix)
        # Symbols unique per site: the province numbers from --seed (as a single-site run), a
        # commune from seed * 1000 + its index.
        number = seed if index == 0 else seed * 1000 + index
        body = "Ban Thường vụ Huyện ủy" if index == 0 else "Ban Thường vụ Đảng ủy xã"
        docs = self.documents(rng, number, documents, body)
        created = self.articles(rng, prefix, articles, categories, docs)
        self.derive(created)
        self.covers(seed, prefix)
        self.visits(rng, days)
        return len(docs)

    def categories(self, prefix):
        out = []
        for i, name in enumerate(CATEGORIES):
            category, _ = Category.objects.get_or_create(
                slug=f"{prefix}{i}", defaults={"name": name, "order": 100 + i}
            )
            out.append(category)
        return out

    def documents(self, rng, number, count, body):
        """`count` documents of `body`, numbered from `number` thousand."""
        docs, new = [], []
        for i in range(count):
            code, doc_type, label = DOC_TYPES[i % len(DOC_TYPES)]
            issued = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3600))
            symbol = f"{number * 1000 + i}-{code}/HU"
            doc, made = Document.objects.get_or_create(
                symbol=symbol, issued_on=issued,
                defaults={"doc_type": doc_type, "issuing_body": body,
                          "title": f"{label} về {rng.choice(text.TOPICS)}"},
            )  # fmt: skip
            docs.append((doc, f"{label} số {symbol} ngày {issued:%d/%m/%Y}"))
            if made:
                new.append(doc)
        if new:  # articles already on the site may cite them
            library_changed(new)
        self.stdout.write(f"documents: {len(docs)}")
        return docs

    def articles(self, rng, prefix, count, categories, docs):
        now = timezone.now()
        existing = set(
            Article.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
        )
        created = []
        if all(f"{prefix}{i}" in existing for i in range(count)):
            # All there: skip writing the texts again only to throw them away (minutes).
            self.stdout.write(f"articles: all {count} present")
            return created
        for first in range(0, count, BATCH):
            batch = []
            for i in range(first, min(first + BATCH, count)):
                published = now - timedelta(minutes=7 * i + rng.randint(0, 6))
                doc_phrase = rng.choice(docs)[1] if docs and rng.random() < 0.1 else ""
                paragraphs = [
                    text.paragraph(rng, doc_phrase if p == 1 else "", published.year)
                    for p in range(rng.randint(4, 7))
                ]
                slug = f"{prefix}{i}"
                if slug in existing:
                    continue
                article = Article(
                    title=text.title(rng), slug=slug, lead=paragraphs[0],
                    body="".join(f"<p>{p}</p>" for p in paragraphs[1:]),
                    category=rng.choice(categories), status=Article.Status.PUBLISHED,
                    published_at=published, slug_frozen=True, author_line="Phóng viên - TT",
                    view_count=rng.randint(0, 5000),
                )  # fmt: skip
                batch.append(article)
            with transaction.atomic():
                # bulk_create bypasses the write path: what it derives is made by derive().
                Article.objects.bulk_create(batch)
            created += [a.pk for a in batch]
            self.progress("articles", min(first + BATCH, count), count)
        return created

    def derive(self, created):
        """Links, rendered bodies and search entries, by the articles' own write path."""
        done = 0
        for first in range(0, len(created), BATCH):
            ids = created[first : first + BATCH]
            done += refresh_articles(Article.objects.filter(pk__in=ids), fresh=True)
            self.progress("links, bodies", done, len(created))
        self.stdout.write(f"search entries: {done}")

    def covers(self, seed, prefix):
        """Small photos, made once per media folder (again if the folder is new), as covers."""
        names = []
        for i in range(PHOTOS):
            # The pipeline's kind of name (32 hex), so pages treat it as any uploaded photo.
            stem = hashlib.sha256(f"demo-{seed}-{i}".encode()).hexdigest()[:32]
            name = f"demo/{stem}.jpg"
            if not default_storage.exists(name):
                image = draw_photo(random.Random(f"{seed}-{i}"))  # noqa: S311 - demo data
                default_storage.save(name, ContentFile(pipeline.encode(image, "JPEG")))
                pipeline.write_renditions(default_storage, name, image, "JPEG")
            names.append(name)
        demo = Article.objects.filter(slug__startswith=prefix, cover="")
        demo = demo.alias(slot=Mod("id", PHOTOS + 3))
        updated = 0
        for i, name in enumerate(names):  # slots PHOTOS.. stay without a cover (1 in 5)
            updated += demo.filter(slot=i).update(
                cover=name, cover_width=PHOTO_SIZE[0], cover_height=PHOTO_SIZE[1],
                cover_alt=f"Ảnh minh họa (ảnh mẫu số {i + 1})",
            )  # fmt: skip
        self.stdout.write(f"photos: {len(names)}, covers given: {updated}")

    def visits(self, rng, days):
        today = timezone.localdate()
        rows = []
        for d in range(days):
            visits = rng.randint(800, 4000)
            rows.append(
                DailyStats(day=today - timedelta(days=d), visits=visits, page_views=visits * 3)
            )
        DailyStats.objects.bulk_create(rows, ignore_conflicts=True)
        VisitorTotals.objects.get_or_create(site=current_site())
        self.stdout.write(f"visitor statistics: {days} days")

    def progress(self, label, done, total):
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total or not sys.stdout.isatty() else "\r"
        self.stdout.write(f"{label:<16}[{bar}] {done}/{total}", ending=end)
