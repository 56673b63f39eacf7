"""Derive again what the articles' write path stores: after an import that bypassed it, or after
a change to how bodies are rendered."""

from django.core.management.base import BaseCommand

from news.models import Article
from news.services import refresh_articles


class Command(BaseCommand):
    help = (
        "Tính lại liên kết văn bản, nội dung đã dựng và chỉ mục tìm kiếm của các bài viết "
        "(mặc định: các bài chưa được dựng)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="mọi bài viết")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không ghi")

    def handle(self, *args, all=False, dry_run=False, **options):
        articles = Article.objects.all() if all else Article.objects.filter(body_html=None)
        if dry_run:
            self.stdout.write(f"{articles.count()} article(s) would be refreshed.")
            return
        done = refresh_articles(articles)
        self.stdout.write(self.style.SUCCESS(f"Refreshed {done} article(s)."))
