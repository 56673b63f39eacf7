from django.core.management.base import BaseCommand

from notices.services import write_all_pages


class Command(BaseCommand):
    help = (
        "Write each site's static maintenance page (MAINTENANCE_PAGE_ROOT) that nginx serves "
        "while the application is down; run after a deploy or a database restore."
    )

    def handle(self, *args, **options):
        paths = write_all_pages()
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {len(paths)} trang bảo trì."))
