"""Visitor statistics per site (issue 16): keys, days, months and totals carry their site.

Today's history and totals move into the default site (code "main") with nothing lost: each
per-day table is rebuilt under a temporary name, filled from the old one, and takes its name
(a primary key cannot be changed in place portably). Backwards, the default site's rows go back
into single-site tables; other sites' figures have no place there and are dropped.
"""

import django.contrib.sites.models
import django.db.models.deletion
from django.db import migrations, models

import multisite

BATCH = 2000


def _default_site_id(apps, db):
    profile = apps.get_model("multisite", "SiteProfile").objects.using(db)
    return profile.filter(is_default=True).values_list("site_id", flat=True).get()


def _copy(source, target, fields, db, **extra):
    rows = source.objects.using(db).values(*fields).iterator(chunk_size=BATCH)
    batch = []
    for row in rows:
        batch.append(target(**row, **extra))
        if len(batch) >= BATCH:
            target.objects.using(db).bulk_create(batch)
            batch = []
    target.objects.using(db).bulk_create(batch)


def forwards(apps, schema_editor):
    db = schema_editor.connection.alias
    site_id = _default_site_id(apps, db)
    get = apps.get_model
    _copy(get("visitors", "DailyStats"), get("visitors", "SiteDailyStats"),
          ["day", "visits", "page_views"], db, site_id=site_id)  # fmt: skip
    _copy(get("visitors", "MonthlyStats"), get("visitors", "SiteMonthlyStats"),
          ["month", "visits", "page_views"], db, site_id=site_id)  # fmt: skip
    _copy(get("visitors", "ActiveVisitor"), get("visitors", "SiteActiveVisitor"),
          ["key", "last_seen", "previous_seen"], db, site_id=site_id)  # fmt: skip
    totals = get("visitors", "VisitorTotals").objects.using(db)
    # Only the row "main" was ever made (one site); it is the default site's.
    totals.filter(code="main").update(site_id=site_id)
    totals.filter(site__isnull=True).delete()


def backwards(apps, schema_editor):
    db = schema_editor.connection.alias
    site_id = _default_site_id(apps, db)
    get = apps.get_model
    for new, old, fields in [
        ("SiteDailyStats", "DailyStats", ["day", "visits", "page_views"]),
        ("SiteMonthlyStats", "MonthlyStats", ["month", "visits", "page_views"]),
        ("SiteActiveVisitor", "ActiveVisitor", ["key", "last_seen", "previous_seen"]),
    ]:
        source = get("visitors", new)
        source.objects.using(db).exclude(site_id=site_id).delete()
        _copy(source, get("visitors", old), fields, db)


def drop_other_sites_totals(apps, schema_editor):
    """Backwards, before the code "main" comes back (unique): the default site's row only."""
    db = schema_editor.connection.alias
    totals = apps.get_model("visitors", "VisitorTotals").objects.using(db)
    totals.exclude(site_id=_default_site_id(apps, db)).delete()


def _site_field(**options):
    return models.ForeignKey(
        default=multisite.current_site_id, on_delete=django.db.models.deletion.CASCADE,
        related_name="+", to="sites.site", verbose_name="trang", **options,
    )  # fmt: skip


def _counts(name, period, label):
    """A per-site table of visits and page views per `period` (day or month)."""
    return migrations.CreateModel(
        name=name,
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            (period, models.DateField(verbose_name=label)),
            ("visits", models.PositiveBigIntegerField(default=0, verbose_name="lượt truy cập")),
            ("page_views", models.PositiveBigIntegerField(default=0, verbose_name="lượt xem trang")),
            ("site", _site_field()),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("visitors", "0002_totals_row"),
        ("multisite", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteActiveVisitor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=64)),
                ("last_seen", models.DateTimeField()),
                ("previous_seen", models.DateTimeField(null=True)),
                ("site", _site_field()),
            ],
        ),
        _counts("SiteDailyStats", "day", "ngày"),
        _counts("SiteMonthlyStats", "month", "tháng"),
        migrations.AddField(
            model_name="visitortotals",
            name="site",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="visitor_totals",
                to="sites.site",
                verbose_name="trang",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ActiveVisitor"),
        migrations.DeleteModel(name="DailyStats"),
        migrations.DeleteModel(name="MonthlyStats"),
        migrations.RenameModel("SiteActiveVisitor", "ActiveVisitor"),
        migrations.RenameModel("SiteDailyStats", "DailyStats"),
        migrations.RenameModel("SiteMonthlyStats", "MonthlyStats"),
        migrations.RemoveField(model_name="visitortotals", name="code"),
        migrations.RunPython(migrations.RunPython.noop, drop_other_sites_totals),
        migrations.AlterField(
            model_name="visitortotals",
            name="site",
            field=models.OneToOneField(
                default=multisite.current_site_id,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="visitor_totals",
                to="sites.site",
                verbose_name="trang",
            ),
        ),
        migrations.AlterModelOptions(
            name="activevisitor",
            options={
                "verbose_name": "khách đang hoạt động",
                "verbose_name_plural": "khách đang hoạt động",
            },
        ),
        migrations.AlterModelOptions(
            name="dailystats",
            options={
                "ordering": ["-day"],
                "verbose_name": "thống kê ngày",
                "verbose_name_plural": "thống kê theo ngày",
            },
        ),
        migrations.AlterModelOptions(
            name="monthlystats",
            options={
                "ordering": ["-month"],
                "verbose_name": "thống kê tháng",
                "verbose_name_plural": "thống kê theo tháng",
            },
        ),
        migrations.AddConstraint(
            model_name="activevisitor",
            constraint=models.UniqueConstraint(fields=("site", "key"), name="visitor_site_key"),
        ),
        migrations.AddIndex(
            model_name="activevisitor",
            index=models.Index(fields=["site", "last_seen"], name="visitor_site_seen"),
        ),
        migrations.AddConstraint(
            model_name="dailystats",
            constraint=models.UniqueConstraint(fields=("site", "day"), name="dailystats_site_day"),
        ),
        migrations.AddConstraint(
            model_name="monthlystats",
            constraint=models.UniqueConstraint(
                fields=("site", "month"), name="monthlystats_site_month"
            ),
        ),
        migrations.CreateModel(
            name="SiteFigures",
            fields=[],
            options={
                "verbose_name": "số liệu của các trang",
                "verbose_name_plural": "số liệu truy cập các trang",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("sites.site",),
            managers=[("objects", django.contrib.sites.models.SiteManager())],
        ),
    ]
