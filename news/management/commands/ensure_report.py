from django.contrib.sites.models import Site
from django.core.management import BaseCommand, CommandError, call_command

from multisite.current import site_for_code
from news.models import Article

REPORT_FIXTURE = "nq35_report"
REPORT_SLUG = (
    "huyen-uy-chau-thanh-so-ket-05-nam-thuc-hien-nghi-quyet-so-35-nq-tw-ngay-22-10-2018"
    "-cua-bo-chinh-tri-khoa-xii-ve-tang"
)


class Command(BaseCommand):
    help = (
        "Loads the 35-NQ/TW report (fixture nq35_report) into the default site, or the one "
        "--site names, unless that site already has it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="CODE", help="the site's code (default: main)")

    def handle(self, *args, site=None, **options):
        try:
            target = site_for_code(site)
        except Site.DoesNotExist as error:
            raise CommandError("Không có trang nào có mã này.") from error
        if Article.objects.filter(site=target, slug=REPORT_SLUG).exists():
            self.stdout.write("The 35-NQ/TW report is already loaded.")
            return
        call_command("loaddata", REPORT_FIXTURE, site=target.profile.code, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Loaded the 35-NQ/TW report."))
