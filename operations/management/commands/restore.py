from django.core.management import BaseCommand

from operations.backup import restore_backup


class Command(BaseCommand):
    help = "Restores a backup made by `backup` into the configured database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a chauthanh-*.tar file written by `backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the content of a database that is not empty",
        )

    def handle(self, *args, file, force, **options):
        manifest = restore_backup(file, force=force)
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created']} from {file}.")
        )
