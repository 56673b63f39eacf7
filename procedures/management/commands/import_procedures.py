"""manage.py import_procedures FILE [--site CODE] [--dry-run]: the admin's import, for a script."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

import multisite
from multisite.models import SiteProfile
from procedures import importing
from procedures.models import ProcedureSettings


class Command(BaseCommand):
    help = "Nhập thủ tục hành chính từ tệp .xlsx hoặc .csv (cập nhật theo mã, không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--site", help="mã trang (mặc định: trang mặc định)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    def handle(self, *args, **options):
        if options["site"]:
            profile = SiteProfile.objects.filter(code=options["site"]).first()
            if profile is None:
                raise CommandError(f"Không có trang mã “{options['site']}”.")
            site = profile.site
        else:
            site = multisite.default_site()
        path = Path(options["file"])
        try:
            with path.open("rb") as upload:
                rows = importing.read_rows(upload, path.name)
        except (OSError, importing.UnreadableFile) as error:
            raise CommandError(str(error)) from None
        settings_row = ProcedureSettings.objects.filter(site=site).first()
        mapping = settings_row.mapping() if settings_row else None
        with multisite.context.using(site):
            report = importing.import_rows(site, rows, mapping, options["dry_run"])
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"{len(report.errors)} lỗi: chưa nhập dòng nào.")
        verb = "Kiểm tra xong" if options["dry_run"] else "Đã nhập"
        self.stdout.write(self.style.SUCCESS(
            f"{verb} {report.rows} dòng: {report.created} thủ tục mới, {report.updated} cập "
            f"nhật, {report.unchanged} không đổi."
        ))  # fmt: skip
