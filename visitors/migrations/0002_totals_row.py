from django.db import migrations


def create_totals(apps, schema_editor):
    apps.get_model("visitors", "VisitorTotals").objects.get_or_create(code="main")


class Migration(migrations.Migration):
    dependencies = [("visitors", "0001_initial")]

    operations = [migrations.RunPython(create_totals, migrations.RunPython.noop)]
