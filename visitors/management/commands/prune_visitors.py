from datetime import timedelta

from django.core.management import BaseCommand
from django.db import transaction
from django.db.models import F

from visitors.counter import current
from visitors.models import DailySalt, DailyStats, MonthlyStats


class Command(BaseCommand):
    help = (
        "Deletes expired visitor keys and salts and rolls days older than --keep-days up into "
        "months. Safe to run from cron at any time, on every server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=400, help="days kept one row a day")
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, keep_days, dry_run, **options):
        counter = current()
        moment = counter.clock.now()
        today = counter.clock.local_day(moment)
        cutoff = today - timedelta(days=keep_days)
        with transaction.atomic():
            keys = counter.prune_active(moment, dry_run=dry_run)
            salts = DailySalt.objects.filter(day__lt=today - timedelta(days=1))
            old_days = DailyStats.objects.select_for_update().filter(day__lt=cutoff)
            n_salts, n_days = salts.count(), old_days.count()
            if not dry_run:
                salts.delete()
                for day in old_days:
                    month = day.day.replace(day=1)
                    MonthlyStats.objects.get_or_create(month=month)
                    MonthlyStats.objects.filter(month=month).update(
                        visits=F("visits") + day.visits, page_views=F("page_views") + day.page_views
                    )
                old_days.delete()
        verb, roll = ("Would remove", "would roll") if dry_run else ("Removed", "rolled")
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {keys} expired visitor key(s), {n_salts} old salt(s); "
                f"{roll} {n_days} day(s) before {cutoff} into months."
            )
        )
