"""Every existing site gets the menu and home it showed before, as rows its administrator edits."""

from django.db import migrations


def forwards(apps, schema_editor):
    from portal.defaults import create_defaults

    MenuItem, HomeBlock = apps.get_model("portal", "MenuItem"), apps.get_model("portal", "HomeBlock")
    for site_id in apps.get_model("multisite", "SiteProfile").objects.values_list("pk", flat=True):
        create_defaults(site_id, MenuItem, HomeBlock)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("multisite", "0002_memberships")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
