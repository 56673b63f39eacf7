"""Reading a reader's query and running it, the same way on SQLite and PostgreSQL."""

import difflib
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connections, transaction
from django.db.models import BooleanField, F, FloatField, Func, Value

from core.text import tokens

from .models import SearchEntry, SearchWord
from .registry import KINDS
from .text import MAX_TOKEN_LENGTH

MAX_QUERY_LENGTH = 200
MAX_WORDS = 20


@dataclass
class Query:
    text: str  # what is searched for, after cutting; echoed (escaped) on the page
    words: list[str]  # folded tokens
    messages: list[str] = field(default_factory=list)


def parse(raw):
    """The reader's input as a Query, with a calm message for whatever had to be changed."""
    text = " ".join((raw or "").split())
    messages = []
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        messages.append(
            f"Từ khóa dài hơn {MAX_QUERY_LENGTH} ký tự nên chỉ {MAX_QUERY_LENGTH} ký tự "
            "đầu được dùng để tìm."
        )
    words = tokens(text)
    if text and not words:
        messages.append("Từ khóa cần có ít nhất một chữ cái hoặc chữ số.")
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        messages.append(f"Chỉ {MAX_WORDS} từ đầu tiên được dùng để tìm.")
    return Query(text=text, words=words, messages=messages)


class TsMatch(Func):
    """PostgreSQL: every word is a lexeme of a stored tsvector column (migration 0002).

    The columns `words_tsv` and `title_tsv` exist on PostgreSQL only, generated from `words`
    and `title_words` with array_to_tsvector, which takes the tokens as they are (no parser,
    no stemming): a match is exactly "every word is among the entry's tokens", which is what
    SQLite's FTS5 index answers (FtsMatch).
    """

    output_field = BooleanField()

    def __init__(self, column, words):
        self.column = column
        super().__init__(Value(" & ".join(f"'{w}'" for w in words)))  # words are [a-z0-9]+

    def as_sql(self, compiler, connection, **extra):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        query, params = compiler.compile(self.source_expressions[0])
        column = connection.ops.quote_name(self.column)
        return f"{table}.{column} @@ CAST({query} AS tsquery)", params


TSVECTORS = {"words": "words_tsv", "title_words": "title_tsv"}


class FtsMatch(Func):
    """SQLite: every word is a token of the entry's column in the FTS5 index (migration 0003).

    The index holds the same token strings, split as they are (the `ascii` tokenizer on
    [a-z0-9] words): a match is exactly "every word is among the entry's tokens", as on
    PostgreSQL. The words are [a-z0-9]+, quoted all the same; the query is a parameter.

    `walk`: the id is written +id, which keeps SQLite's planner from fetching every match by
    its id (a row read for each, then a sort): it walks the date index instead, which holds
    what the visibility rule reads, and stops at the page. Right when matches are many (a
    common word), wrong when they are few (the whole index is walked): Results chooses.
    """

    output_field = BooleanField()

    def __init__(self, column, words, walk=False):
        self.walk = walk
        query = " AND ".join(f'"{w}"' for w in words)
        super().__init__(Value(f"{column} : ({query})"))

    def as_sql(self, compiler, connection, **extra):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        query, params = compiler.compile(self.source_expressions[0])
        column = ("+" if self.walk else "") + f"{table}.{connection.ops.quote_name('id')}"
        # Only a quoted name and Django's placeholder are formatted in; the query is a parameter.
        subquery = f"SELECT rowid FROM search_fts WHERE search_fts MATCH {query}"  # noqa: S608
        return f"{column} IN ({subquery})", params


def _all_words_in(field, words, db, walk=False):
    if connections[db].vendor == "postgresql":
        return TsMatch(TSVECTORS[field], words)
    return FtsMatch(field, words, walk)


def _postgresql():
    return connections[SearchWord.objects.db].vendor == "postgresql"


# SQLite's vocabulary is FTS5's own (an fts5vocab table, migration 0003), which it keeps as the
# index changes; it is read with SQL here, not through a model, so that nothing (dumpdata, a
# backup) takes it for a table of rows. Its `term` constraints (=, <, >=) are answered from
# the index.
_SQLITE_TERMS = "SELECT term FROM search_fts_terms WHERE "


def known_words(words):
    """The words of `words` that some entry holds (or held, on PostgreSQL)."""
    if _postgresql():
        return set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    marks = ", ".join(["%s"] * len(words))
    with connections[SearchWord.objects.db].cursor() as cursor:
        cursor.execute(_SQLITE_TERMS + f"term IN ({marks})", list(words))  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


def matching(queryset, words, walk=False):
    """Entries holding every word (as whole tokens), in title or text."""
    if any(len(w) > MAX_TOKEN_LENGTH for w in words):
        return queryset.none()  # never indexed, so never found (on either database)
    return queryset.filter(_all_words_in("words", words, queryset.db, walk))


ORDER = ("-date", "kind", "object_id")
RESULT_LIMIT = 500  # counted and paged (34 pages); "more than 500" beyond


class Results:
    """Ranked matches for the Paginator: entries with every word in their title first, then
    the others; newest first within each.

    Two date-ordered queries instead of one ranking expression: each can walk the date index
    and stop at the page, where a score would have to be computed for every match (65,000
    rows for "huyen" among 100,000 benchmark articles). Counting stops at RESULT_LIMIT + 1:
    each match costs a look at its tsvector (~15 µs), so an exact count of 65,000 would not do.
    On SQLite a first look at the FTS index decides how the rest is read (FtsMatch's `walk`).
    """

    DENSE = 100  # SQLite: from this many matches, walk the date index (FtsMatch)

    def __init__(self, candidates, words):
        self.candidates, self.words = candidates, words

    def _dense(self, column):
        """SQLite: are the matches in `column` many? Asked of the FTS index alone, which stops
        at DENSE (one short query)."""
        if connections[self.candidates.db].vendor != "sqlite":
            return False
        if any(len(w) > MAX_TOKEN_LENGTH for w in self.words):
            return False  # nothing matches (see matching)
        query = FtsMatch(column, self.words).source_expressions[0].value
        with connections[self.candidates.db].cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "LIMIT %s)",
                [query, self.DENSE],
            )
            return cursor.fetchone()[0] >= self.DENSE

    @cached_property
    def walk(self):
        return self._dense("words")

    @cached_property
    def matches(self):
        return matching(self.candidates, self.words, self.walk).order_by()

    @cached_property
    def total(self):
        return self.matches[: RESULT_LIMIT + 1].count()

    def _ranked(self, in_title):
        found = matching(self.candidates, self.words, self.walk)
        # The title matches drive their own query: when they are few (a common word in the
        # texts, rarer in titles) they are fetched, not looked for along the whole date index.
        walk_title = self.walk and (not in_title or self._dense("title_words"))
        title = _all_words_in("title_words", self.words, found.db, walk_title)
        return (found.filter(title) if in_title else found.exclude(title)).order_by(*ORDER)

    @cached_property
    def in_title(self):
        return self._ranked(in_title=True)

    @cached_property
    def elsewhere(self):
        return self._ranked(in_title=False)

    @property
    def capped(self):
        return self.total > RESULT_LIMIT

    def count(self):
        return min(self.total, RESULT_LIMIT)

    def exists(self):
        return self.matches.exists()

    @cached_property
    def title_total(self):
        return self.in_title.order_by()[: RESULT_LIMIT + 1].count() if self.total else 0

    def __getitem__(self, key):
        start, stop = key.start or 0, key.stop
        if start == 0 and "title_total" not in self.__dict__:
            # The first page (most searches) needs no count of the title matches: it reads
            # them up to the page's end, and fewer than that is their number.
            rows = list(self.in_title[:stop])
            if len(rows) == stop:
                return rows
            self.title_total = len(rows)
            return rows + list(self.elsewhere[: stop - len(rows)])
        split = self.title_total
        rows = list(self.in_title[start : min(stop, split)]) if start < split else []
        if stop > split and self.total > split:
            rows += self.elsewhere[max(start - split, 0) : stop - split]
        return rows

    def __iter__(self):
        yield from self.in_title
        yield from self.elsewhere


def shared_kinds():
    return [kind.slug for kind in KINDS.values() if kind.shared]


def search(words, site, kind=None, category_ids=None, year=None):
    """Visible entries of `site` matching `words`, ranked (see Results)."""
    found = SearchEntry.objects.visible().on_site(site, shared_kinds())
    if kind:
        found = found.filter(kind=kind)
    if category_ids is not None:
        found = found.filter(category_id__in=category_ids)
    if year:
        found = found.filter(year=year)
    return Results(found.defer("words", "title_words"), words)


class Similarity(Func):
    function = "similarity"
    output_field = FloatField()


class TrigramSimilar(Func):
    """word % 'token': pg_trgm's similarity above its threshold, through a GIN trigram index."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        lhs, lhs_params = compiler.compile(self.source_expressions[0])
        rhs, rhs_params = compiler.compile(self.source_expressions[1])
        return f"{lhs} %% {rhs}", [*lhs_params, *rhs_params]


def _correctable(word):
    return len(word) >= 3 and not word.isdigit()


SUGGESTION_THRESHOLD = 0.2  # pg_trgm's default (0.3) misses short slips: "ngi" for "nghi"


def _neighbours(word):
    """Indexed words that look like `word`: trigrams on PostgreSQL, a cheap filter on SQLite."""
    if _postgresql():
        words = SearchWord.objects.exclude(word=word)
        with transaction.atomic(using=words.db), connections[words.db].cursor() as cursor:
            # Local to this transaction: the connection's other queries keep the default.
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                [str(SUGGESTION_THRESHOLD)],
            )
            return list(
                words.filter(TrigramSimilar(F("word"), Value(word)))
                .annotate(similarity=Similarity(F("word"), Value(word)))
                .order_by("-similarity", "word")
                .values_list("word", flat=True)[:20]
            )
    # SQLite: same first letter (a range of terms), similar length.
    first = word[0]
    with connections[SearchWord.objects.db].cursor() as cursor:
        cursor.execute(
            _SQLITE_TERMS + "term >= %s AND term < %s AND term != %s AND length(term) BETWEEN %s "
            "AND %s",
            [first, chr(ord(first) + 1), word, len(word) - 2, len(word) + 2],
        )
        return [row[0] for row in cursor.fetchall()]


def nearest_word(word):
    """The indexed word closest to `word` (another word than itself), or None."""
    neighbours = _neighbours(word)
    close = difflib.get_close_matches(word, neighbours, n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(words, site, **filters):
    """ "Có phải bạn muốn tìm": a corrected query that finds something visible, or None.

    First every unknown word is replaced by its nearest known word ("nghi quyeet 35" ->
    "nghi quyet 35"); if all words are known (a real word typed for another, "quet" for
    "quyet"), each word in turn is replaced by its nearest neighbour.
    """
    known = known_words(words)
    unknown = [w for w in words if w not in known and _correctable(w)]
    candidates = []
    if unknown:
        fixes = {w: nearest_word(w) for w in unknown}
        candidates.append([fixes.get(w) or w for w in words])
    else:
        for i, word in enumerate(words[:5]):
            if _correctable(word) and (fix := nearest_word(word)):
                candidates.append([*words[:i], fix, *words[i + 1 :]])
    for candidate in candidates:
        if candidate != words and search(candidate, site, **filters).exists():
            return " ".join(candidate)
    return None
