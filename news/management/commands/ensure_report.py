from django.core.management import BaseCommand, call_command

from news.models import Article

REPORT_FIXTURE = "nq35_report"
REPORT_SLUG = (
    "huyen-uy-chau-thanh-so-ket-05-nam-thuc-hien-nghi-quyet-so-35-nq-tw-ngay-22-10-2018"
    "-cua-bo-chinh-tri-khoa-xii-ve-tang"
)


class Command(BaseCommand):
    help = "Loads the 35-NQ/TW report (fixture nq35_report) unless the site already has it."

    def handle(self, *args, **options):
        if Article.objects.filter(slug=REPORT_SLUG).exists():
            self.stdout.write("The 35-NQ/TW report is already loaded.")
            return
        call_command("loaddata", REPORT_FIXTURE, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Loaded the 35-NQ/TW report."))
