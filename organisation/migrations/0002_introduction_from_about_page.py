"""Each site's "Giới thiệu" text moves to the new section: a site that had written its own
"Giới thiệu" page gets that text as its overview (the page then redirects to the section);
a page still holding the starter text ("đang cập nhật") leaves the overview empty."""

from django.db import migrations

from pages.defaults import ABOUT


def forwards(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    Introduction = apps.get_model("organisation", "Introduction")
    for page in Page.objects.filter(kind="gioi-thieu").exclude(body=ABOUT).exclude(body=""):
        if not Introduction.objects.filter(site_id=page.site_id).exists():
            Introduction.objects.create(site_id=page.site_id, overview=page.body)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("pages", "0004_privacy_page_citizens"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
