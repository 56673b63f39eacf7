"""Reading a reader's query and running it, the same way on SQLite and PostgreSQL."""

import difflib
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Value, When

from .models import SearchEntry, SearchWord
from .text import MAX_TOKEN_LENGTH, tokens

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


class WordsMatch(Func):
    """PostgreSQL: every word is a lexeme of the entry, through the GIN index of 0002.

    The tsvector is built from the stored tokens themselves (array_to_tsvector takes them
    as they are), not by PostgreSQL's parser, so a match is exactly "every token is among
    the entry's tokens", as SQLite's LIKE '% word %' checks.
    """

    output_field = BooleanField()

    def __init__(self, words):
        tsquery = " & ".join(f"'{w}'" for w in words)  # words are [a-z0-9]+ only
        super().__init__(F("words"), Value(tsquery))

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"array_to_tsvector(string_to_array(btrim({column}), ' ')) @@ CAST({query} AS tsquery)"
        )
        return sql, [*params, *query_params]


def matching(queryset, words):
    """Entries holding every word (as whole tokens), in title or text."""
    if any(len(w) > MAX_TOKEN_LENGTH for w in words):
        return queryset.none()  # never indexed, so never found (on either database)
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(WordsMatch(words))
    for word in words:
        queryset = queryset.filter(words__contains=f" {word} ")
    return queryset


def search(words, kind=None, category_ids=None, year=None):
    """Visible entries matching `words`: most words in the title first, then newest first."""
    found = matching(SearchEntry.objects.visible(), words)
    if kind:
        found = found.filter(kind=kind)
    if category_ids is not None:
        found = found.filter(category_id__in=category_ids)
    if year:
        found = found.filter(year=year)
    title_hits = sum(
        (Case(When(title_words__contains=f" {w} ", then=1), default=0) for w in words),
        Value(0),
    )
    return (
        found.annotate(title_hits=title_hits)
        .defer("words", "title_words")
        .order_by("-title_hits", F("date").desc(nulls_last=True), "kind", "object_id")
    )


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


def _neighbours(word, words):
    """Indexed words that look like `word`: trigrams on PostgreSQL, a cheap filter on SQLite."""
    if connections[words.db].vendor == "postgresql":
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
    # SQLite: same first letter, similar length.
    words = words.filter(word__startswith=word[0]).annotate(
        n=Func(F("word"), function="LENGTH", output_field=IntegerField())
    )
    return list(
        words.filter(n__gte=len(word) - 2, n__lte=len(word) + 2).values_list("word", flat=True)
    )


def nearest_word(word):
    """The indexed word closest to `word` (another word than itself), or None."""
    neighbours = _neighbours(word, SearchWord.objects.exclude(word=word))
    close = difflib.get_close_matches(word, neighbours, n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(words, **filters):
    """ "Có phải bạn muốn tìm": a corrected query that finds something visible, or None.

    First every unknown word is replaced by its nearest known word ("nghi quyeet 35" ->
    "nghi quyet 35"); if all words are known (a real word typed for another, "quet" for
    "quyet"), each word in turn is replaced by its nearest neighbour.
    """
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
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
        if candidate != words and search(candidate, **filters).exists():
            return " ".join(candidate)
    return None
