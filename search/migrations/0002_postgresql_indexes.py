"""PostgreSQL only: the full-text index over the folded tokens, and trigrams for suggestions.

SQLite keeps the same columns and matches them with LIKE; nothing here runs there, and the
model state is unchanged, so makemigrations sees nothing to do.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        PostgreSQLOnly(
            # The tokens are taken as they are (no parser, no stemming): see search.query.
            "CREATE INDEX search_entry_words_fts ON search_searchentry "
            "USING gin (array_to_tsvector(string_to_array(btrim(words), ' ')))",
            "DROP INDEX search_entry_words_fts",
        ),
        PostgreSQLOnly(
            "CREATE INDEX search_word_trgm ON search_searchword USING gin (word gin_trgm_ops)",
            "DROP INDEX search_word_trgm",
        ),
    ]
