"""SQLite: the results' date index with the publication rule's columns in it.

search.query.Results walks the date index newest first (FtsMatch's `walk`) and checks each
entry's visibility; an entry's row spills onto overflow pages (its text), so reading the rule
from the row cost more than the walk. This index holds them. PostgreSQL reads its rows from
the heap (the text is stored apart) and keeps the plain index: there a wider one would draw
its planner away from the full-text index.

Like the FTS5 triggers (0003), SQLite drops it when a migration rebuilds search_searchentry.
"""

from django.db import migrations

from search.migrations._vendor import VendorSQL

INDEX = (
    "CREATE INDEX search_entry_visible_idx ON search_searchentry "
    '("date" DESC, "kind", "object_id", "public", "visible_from", "visible_until")'
)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts5_vocabulary_visible_from")]

    operations = [VendorSQL("sqlite", INDEX, "DROP INDEX search_entry_visible_idx")]
