"""Every search entry belongs to a site (multisite.migration_ops.add_site: today's entries go to
the default site).

SQLite rebuilds search_searchentry to add the column, and drops the FTS5 triggers (0003) and the
results' index (0004) with the old table: both are made again here, the index with the site in
it (a site's search walks it and reads no row). Backwards, the first operation makes the old
ones again, after the rebuild that removes the column.
"""

from importlib import import_module

from django.db import migrations, models

from multisite.migration_ops import add_site
from search.migrations._vendor import VendorSQL

TRIGGERS = import_module("search.migrations.0003_fts5_vocabulary_visible_from").TRIGGERS

OLD_INDEX = (
    "CREATE INDEX IF NOT EXISTS search_entry_visible_idx ON search_searchentry "
    '("date" DESC, "kind", "object_id", "public", "visible_from", "visible_until")'
)
INDEX = (
    "CREATE INDEX IF NOT EXISTS search_entry_visible_idx ON search_searchentry "
    '("date" DESC, "kind", "object_id", "public", "visible_from", "visible_until", "site_id")'
)
RECREATE = [trigger.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS") for trigger in TRIGGERS]


class Migration(migrations.Migration):

    dependencies = [
        ('multisite', '0001_initial'),
        ('search', '0004_sqlite_visible_order_index'),
        ('sites', '0002_alter_domain_unique'),
    ]

    operations = [
        VendorSQL("sqlite", [], [*RECREATE, "DROP INDEX IF EXISTS search_entry_visible_idx", OLD_INDEX]),
        *add_site('search', 'searchentry'),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['site', '-date'], name='search_entry_site_idx'),
        ),
        VendorSQL("sqlite", [*RECREATE, "DROP INDEX IF EXISTS search_entry_visible_idx", INDEX], []),
    ]
