"""The site identity moved to multisite.SiteProfile (its migration 0001 copied the row there).

Backwards, the default site's identity is copied back into the singleton row."""

from django.db import migrations

IDENTITY = [
    "site_name", "managing_unit", "address", "responsible_person", "responsible_role", "phone",
    "fax", "email", "attribution_note", "credit_line", "map_image", "map_width", "map_height",
    "map_alt",
]


def copy_back(apps, schema_editor):
    db = schema_editor.connection.alias
    SiteProfile = apps.get_model("multisite", "SiteProfile")
    SiteIdentity = apps.get_model("news", "SiteIdentity")
    profile = SiteProfile.objects.using(db).filter(is_default=True).first()
    if profile is not None:
        values = {name: getattr(profile, name) for name in IDENTITY}
        SiteIdentity.objects.using(db).update_or_create(code="main", defaults=values)


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0005_article_body_html_covering_indexes'),
        ('multisite', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, copy_back),
        migrations.DeleteModel(
            name='SiteIdentity',
        ),
    ]
