"""Sites for `generate_demo_data --sites N`: the default site becomes a province portal and
N - 1 commune sites are its components (DESIGN.md "Sites"), each with its own identity.

Communes answer at `<code>.localhost` (the development rule of multisite.resolver, so no DNS is
needed: `http://xa-01.localhost:8000/`) and are made once: a second run finds them by code.
"""

from django.db import transaction

from multisite.models import SiteProfile
from multisite.services import create_site

from .text import COMMUNES

PROVINCE = "tỉnh Vĩnh Long (dữ liệu mẫu)"


def commune_name(index):
    """A commune's name from the demo list, numbered once the list runs out."""
    base = COMMUNES[(index - 1) % len(COMMUNES)]
    laps = (index - 1) // len(COMMUNES)
    return base if not laps else f"{base} {laps + 1}"


def identity(unit, level):
    return {
        "site_name": f"Trang thông tin điện tử {unit}",
        "name_line_1": "TRANG THÔNG TIN ĐIỆN TỬ" if level == "xa" else "CỔNG THÔNG TIN ĐIỆN TỬ",
        "name_line_2": unit.upper(),
        "managing_unit": f"Ủy ban nhân dân {unit}",
        "address": f"Trụ sở {unit}",
        "responsible_person": "Người chịu trách nhiệm (dữ liệu mẫu)",
        "phone": "0270.3800000",
        "attribution_note": f'Ghi rõ nguồn "Trang thông tin điện tử {unit}" khi phát hành lại.',
    }


def demo_sites(count):
    """[the province (the default site), commune 1, ..., commune count-1], made when missing.

    The default site keeps an identity someone configured (the 35-NQ/TW report's, say); it
    becomes the communes' parent."""
    province = SiteProfile.objects.select_related("site").get(is_default=True)
    if not province.is_configured:
        for name, value in identity(PROVINCE, "tinh").items():
            setattr(province, name, value)
        province.save()
    sites = [province.site]
    for index in range(1, count):
        code = f"xa-{index:02d}"
        profile = SiteProfile.objects.select_related("site").filter(code=code).first()
        if profile is None:
            unit = commune_name(index)
            with transaction.atomic():
                # As an administrator makes one: the required pages, starter categories.
                site = create_site(f"{code}.localhost", unit, parent=province.site, code=code)
                SiteProfile.objects.filter(pk=site.pk).update(**identity(unit, "xa"))
            profile = SiteProfile.objects.select_related("site").get(pk=site.pk)
        sites.append(profile.site)
    return sites
