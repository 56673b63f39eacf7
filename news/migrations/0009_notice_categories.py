from django.db import migrations


def forwards(apps, schema_editor):
    from news.notices import ensure_notice_categories

    # The sites already in use (they have categories) get them; an empty new installation is
    # left as empty as it was: its sites get them from multisite.services.create_site, or its
    # administrator ticks "chuyên mục thông báo" on the categories of their choice.
    category = apps.get_model("news", "Category")
    for site_id in category.objects.order_by().values_list("site_id", flat=True).distinct():
        ensure_notice_categories(category, site_id)


def backwards(apps, schema_editor):
    """Back to the code without notice categories: those left empty go (children first); any
    holding articles stay, as ordinary categories."""
    category = apps.get_model("news", "Category")
    notices = category.objects.filter(is_notice=True, articles__isnull=True)
    notices.filter(children__isnull=True).exclude(parent=None).delete()
    notices.filter(children__isnull=True, parent=None).delete()


class Migration(migrations.Migration):
    """Every site in use gets its Thông báo, Giấy mời and Tài liệu họp categories (issue 19)."""

    dependencies = [
        ("news", "0008_notices"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
