from django.db import migrations


def forwards(apps, schema_editor):
    from news.notices import ensure_notice_categories

    category = apps.get_model("news", "Category")
    for site_id in apps.get_model("sites", "Site").objects.values_list("pk", flat=True):
        ensure_notice_categories(category, site_id)


class Migration(migrations.Migration):
    """Every site gets its Thông báo, Giấy mời and Tài liệu họp categories (issue 19)."""

    dependencies = [
        ("news", "0008_notices"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
