"""PostgreSQL only: tsvector columns over the folded tokens with GIN indexes, and trigrams.

`words_tsv` and `title_tsv` are generated from `words` and `title_words` by PostgreSQL itself
(array_to_tsvector takes the tokens as they are: no parser, no stemming), so Django never
writes them and the model does not know them; search.query.TsMatch reads them. SQLite keeps
the same token columns and matches them with LIKE; nothing here runs there, and the model
state is unchanged, so makemigrations sees nothing to do.
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


def tsvector_column(column, source):
    return PostgreSQLOnly(
        [
            f"ALTER TABLE search_searchentry ADD COLUMN {column} tsvector GENERATED ALWAYS AS "
            f"(array_to_tsvector(string_to_array(btrim({source}), ' '))) STORED",
            f"CREATE INDEX search_entry_{column} ON search_searchentry USING gin ({column})",
        ],
        [f"ALTER TABLE search_searchentry DROP COLUMN {column}"],
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        tsvector_column("words_tsv", "words"),
        tsvector_column("title_tsv", "title_words"),
        PostgreSQLOnly(
            "CREATE INDEX search_word_trgm ON search_searchword USING gin (word gin_trgm_ops)",
            "DROP INDEX search_word_trgm",
        ),
    ]
