from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from workdays.models import DayException

# The public holidays whose solar date never moves (Bộ luật Lao động 2019, Điều 112). Tết
# Nguyên đán and Giỗ Tổ Hùng Vương follow the lunar calendar, and the second Quốc khánh day and
# the days swapped around them are fixed each year by the Prime Minister: a superuser enters
# those from that year's decision.
FIXED = [
    (1, 1, "Tết Dương lịch"),
    (4, 30, "Ngày Chiến thắng"),
    (5, 1, "Ngày Quốc tế Lao động"),
    (9, 2, "Quốc khánh"),
]


class Command(BaseCommand):
    help = "Thêm các ngày lễ có ngày dương lịch cố định của một năm vào lịch ngày nghỉ."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--dry-run", action="store_true")

    @transaction.atomic
    def handle(self, year, dry_run=False, **options):
        added = 0
        for month, day_of_month, name in FIXED:
            day = date(year, month, day_of_month)
            if DayException.objects.filter(day=day).exists():
                continue
            added += 1
            self.stdout.write(f"{day:%d/%m/%Y}: {name}")
            if not dry_run:
                DayException.objects.create(day=day, kind=DayException.Kind.DAY_OFF, name=name)
        verb = "Sẽ thêm" if dry_run else "Đã thêm"
        self.stdout.write(self.style.SUCCESS(f"{verb} {added} ngày."))
        self.stdout.write(
            "Tết Nguyên đán, Giỗ Tổ Hùng Vương, ngày nghỉ Quốc khánh thứ hai và các ngày nghỉ bù, "
            "làm bù được công bố hằng năm: hãy nhập theo thông báo của năm đó."
        )
