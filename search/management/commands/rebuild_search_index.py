"""Rebuild the search index from the content: after a bulk import, or if it was lost."""

from django.core.management.base import BaseCommand
from django.db import transaction

from search.index import rebuild


class Command(BaseCommand):
    help = "Dựng lại toàn bộ chỉ mục tìm kiếm từ bài viết, văn bản và trang."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = rebuild()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
