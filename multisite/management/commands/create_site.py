from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from multisite import services


class Command(BaseCommand):
    help = (
        "Creates a site (a commune's component site, or a province's portal): its domain, "
        "identity, required pages and starter categories. It answers at once on every server."
    )

    def add_arguments(self, parser):
        parser.add_argument("domain", help="e.g. hoaloi.vinhlong.gov.vn")
        parser.add_argument("name", help='e.g. "Trang thông tin điện tử xã Hòa Lợi"')
        parser.add_argument("--parent", metavar="DOMAIN", help="the province portal's domain")
        parser.add_argument("--code", help="stable short code (default: from the domain)")

    def handle(self, domain, name, parent=None, code=None, **options):
        parent_site = None
        if parent:
            parent_site = Site.objects.filter(domain=parent.strip().lower()).first()
            if parent_site is None:
                raise CommandError(f"Không có trang nào dùng tên miền {parent}.")
        try:
            site = services.create_site(domain, name, parent=parent_site, code=code)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created site {site.profile.code!r} at {site.domain}"
                + (f" under {parent_site.domain}" if parent_site else "")
                + f"; try http://{site.profile.code}.localhost:8000/ in development."
            )
        )
        if not services.is_allowed_host(site.domain):
            self.stdout.write(
                self.style.WARNING(
                    f"{site.domain} is not in ALLOWED_HOSTS: add it (or a wildcard)."
                )
            )
