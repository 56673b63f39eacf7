"""The content version per site (issue 16): today's single version becomes the default site's
(code "main"), with its number and time. Backwards, the default site's row goes back to being
the one row (primary key 1) and the others are dropped."""

import django.db.models.deletion
from django.db import migrations, models


def _default_site_id(apps, db):
    profiles = apps.get_model("multisite", "SiteProfile").objects.using(db)
    return profiles.filter(is_default=True).values_list("site_id", flat=True).get()


def forwards(apps, schema_editor):
    db = schema_editor.connection.alias
    versions = apps.get_model("pagecache", "ContentVersion").objects.using(db)
    # Only the row with primary key 1 was ever read; any other is a leftover.
    versions.exclude(pk=1).delete()
    versions.filter(pk=1).update(site_id=_default_site_id(apps, db))


def backwards(apps, schema_editor):
    db = schema_editor.connection.alias
    versions = apps.get_model("pagecache", "ContentVersion").objects.using(db)
    main = versions.filter(site_id=_default_site_id(apps, db)).first()
    versions.exclude(pk=main.pk if main else None).delete()
    if main is not None and main.pk != 1:
        versions.filter(pk=main.pk).update(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("pagecache", "0001_initial"),
        ("multisite", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentversion",
            name="site",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="sites.site", verbose_name="trang"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="contentversion",
            name="site",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="sites.site", verbose_name="trang"),
        ),
    ]
