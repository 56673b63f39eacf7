from django.conf import settings
from django.core.management import BaseCommand

from operations.backup import create_backup, prune


class Command(BaseCommand):
    help = "Backs up the database and the media into one tar file (restore with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=str(settings.BASE_DIR / "backups"), help="default: backups/"
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="keep only the N newest backups (0: keep all)"
        )

    def handle(self, *args, output_dir, keep, **options):
        path = create_backup(output_dir)
        if keep:
            prune(output_dir, keep)
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
