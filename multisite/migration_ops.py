"""Migration operations that give the rows of an existing single-site database their site.

Each content app's "sites" migration adds `site` as a nullable column, puts every existing row
in the default site (code "main", made by multisite's first migration), then makes the column
required with its final definition (multisite.models.SiteContent). Backwards, the column goes.
"""

from django.db import migrations, models


def site_field(null=False):
    from multisite import current_site_id

    options = {"null": True} if null else {"default": current_site_id}
    return models.ForeignKey(
        "sites.Site", verbose_name="trang", on_delete=models.PROTECT, related_name="+",
        editable=False, **options,
    )  # fmt: skip


def _fill(app_label, model_names):
    def forwards(apps, schema_editor):
        db = schema_editor.connection.alias
        profiles = apps.get_model("multisite", "SiteProfile").objects.using(db)
        default = profiles.filter(is_default=True).values_list("site_id", flat=True).first()
        for name in model_names:
            rows = apps.get_model(app_label, name).objects.using(db)
            if default is None and rows.exists():
                raise RuntimeError("No default site to put the existing rows in.")
            rows.filter(site__isnull=True).update(site_id=default)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


def add_site(app_label, *model_names):
    """The operations that give `model_names` of `app_label` their site (see the module)."""
    return [
        *(migrations.AddField(name, "site", site_field(null=True)) for name in model_names),
        _fill(app_label, model_names),
        *(migrations.AlterField(name, "site", site_field()) for name in model_names),
    ]
