from django.core.management import BaseCommand

from editorial.lockout import prune


class Command(BaseCommand):
    help = (
        "Deletes the failed logins whose lock is over and any other login record (run daily; "
        "the privacy page promises it)."
    )

    def handle(self, *args, **options):
        deleted = prune()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} login records."))
