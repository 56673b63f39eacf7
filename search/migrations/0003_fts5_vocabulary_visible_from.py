"""The index's words on both databases, kept by the database itself; visible_from required.

- visible_from is required, as an article's publication time is: the publication rule
  (core.publication) then reads the index exactly as it reads articles. Entries without one
  (documents, pages) take their date, which lies in the past.
- PostgreSQL: a trigger adds the words of every entry written to search_searchword (the
  vocabulary of suggestions), so writers spend no statement on it.
- SQLite: an FTS5 table over `title_words` and `words` (external content: it stores only its
  index), kept in step by triggers, answers the searches (search.query.FtsMatch); its fts5vocab
  table `search_fts_terms` is the vocabulary (search.query.known_words).

SQLite drops a table's triggers when Django rebuilds the table (an AlterField on SQLite copies
it): a later migration that alters search_searchentry must create them again (TRIGGERS below);
tests/test_search.py checks that they exist.
"""

from django.db import migrations, models

from search.migrations._vendor import VendorSQL


POSTGRESQL_VOCABULARY = [
    """
    CREATE FUNCTION search_entry_vocabulary() RETURNS trigger AS $$
    BEGIN
        INSERT INTO search_searchword (word)
        SELECT DISTINCT w FROM unnest(string_to_array(btrim(NEW.words), ' ')) AS w
        WHERE w <> '' AND w !~ '^[0-9]+$'
        ON CONFLICT (word) DO NOTHING;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER search_entry_vocabulary AFTER INSERT OR UPDATE OF words
    ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vocabulary()
    """,
]
POSTGRESQL_VOCABULARY_REVERSE = [
    "DROP TRIGGER search_entry_vocabulary ON search_searchentry",
    "DROP FUNCTION search_entry_vocabulary()",
]

_FTS_INSERT = (
    "INSERT INTO search_fts(rowid, title_words, words) "
    "VALUES (new.id, new.title_words, new.words);"
)
_FTS_DELETE = (
    "INSERT INTO search_fts(search_fts, rowid, title_words, words) "
    "VALUES ('delete', old.id, old.title_words, old.words);"
)
TRIGGERS = [
    f"CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN {_FTS_INSERT} END",
    f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN {_FTS_DELETE} END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE OF title_words, words ON search_searchentry "
    f"BEGIN {_FTS_DELETE} {_FTS_INSERT} END",
]
SQLITE_FTS = [
    # detail=column: enough for "every word, in this column", smaller than positions.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_words, words, content='search_searchentry',"
    " content_rowid='id', tokenize='ascii', detail='column')",
    *TRIGGERS,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row')",
]
SQLITE_FTS_REVERSE = [
    "DROP TABLE search_fts_terms",
    "DROP TRIGGER search_fts_insert",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_update",
    "DROP TABLE search_fts",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_full_text")]

    operations = [
        migrations.RunSQL(
            "UPDATE search_searchentry SET visible_from = date WHERE visible_from IS NULL",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="visible_from",
            field=models.DateTimeField(),
        ),
        VendorSQL("postgresql", POSTGRESQL_VOCABULARY, POSTGRESQL_VOCABULARY_REVERSE),
        VendorSQL("sqlite", SQLITE_FTS, SQLITE_FTS_REVERSE),
    ]
