"""Erase or anonymise the personal data of closed citizens' messages past the retention period
(RetentionPolicy, set by the superuser): for cron, daily. --dry-run counts without changing."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from citizens import ratelimit, ratings, rights
from citizens.models import Inquiry, RetentionPolicy


class Command(BaseCommand):
    help = "Xoá dữ liệu cá nhân của các ý kiến đã đóng quá thời hạn lưu giữ."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không xoá")

    def handle(self, *args, dry_run=False, **options):
        days = RetentionPolicy.current_days()
        cutoff = timezone.now() - timedelta(days=days)
        due = Inquiry.objects.filter(closed_at__lt=cutoff, personal_data_erased_at__isnull=True)
        if dry_run:
            self.stdout.write(
                f"{due.count()} ý kiến sẽ được xoá dữ liệu cá nhân (lưu {days} ngày)."
            )
            return
        done = 0
        for inquiry in due.iterator():
            # A question published with consent stays public (initials only); the rest goes.
            rights.erase(inquiry, keep_public=True)
            done += 1
        pruned = ratelimit.prune()
        # One vote a day per key: once the day is over the key serves nothing (ratings.py).
        ratings.forget_keys(timezone.localdate())
        from captcha.models import CaptchaStore

        CaptchaStore.remove_expired()
        self.stdout.write(self.style.SUCCESS(
            f"Đã xoá dữ liệu cá nhân của {done} ý kiến (lưu {days} ngày); {pruned} bộ đếm cũ."
        ))  # fmt: skip
