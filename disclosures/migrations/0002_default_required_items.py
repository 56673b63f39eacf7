"""Every existing site gets the default "Danh mục thông tin phải công khai" (disclosures.defaults);
a site created later gets it from multisite.services.create_site."""

from django.db import migrations


def seed(apps, schema_editor):
    from disclosures.defaults import ensure_required_items

    ensure_required_items(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
