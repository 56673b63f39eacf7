"""Search without diacritics (/tim-kiem/?q=): the same results on SQLite and PostgreSQL."""

import io
import re
import unicodedata
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.text import fold, tokens
from documents.models import Document
from documents.services import delete_document
from multisite import default_site
from news.models import Article
from news.services import delete_article, save_article
from search import query as q
from search.kinds import article_entry, document_entry
from search.models import SearchEntry
from search.text import highlight, snippet

from .factories import make_article, make_category, make_document
from .search_corpus import make_search_corpus


@pytest.fixture(autouse=True)
def without_seeded_pages(db):
    """These tests count articles and documents; the static pages every new site is seeded
    with (and indexed) would add to their counts, so they leave the index here."""
    SearchEntry.objects.filter(kind="trang").delete()


URL = "/tim-kiem/"


def found(text, **filters):
    site = default_site()  # the test client's host lands there
    return [(e.kind, e.object_id) for e in q.search(q.parse(text).words, site, **filters)]


def nfd(text):
    return unicodedata.normalize("NFD", text)


# --- folding and highlighting -------------------------------------------------------------


def test_folding_ignores_diacritics_case_and_unicode_form():
    for text in ["Nghị quyết Đảng", "NGHỊ QUYẾT ĐẢNG", nfd("Nghị quyết Đảng"), "nghi quyet dang"]:
        assert fold(text) == "nghi quyet dang"


def test_a_symbol_splits_into_the_same_words_however_typed():
    assert tokens("35-NQ/TW") == tokens("35 nq tw") == tokens("35 – NQ / tw") == ["35", "nq", "tw"]
    assert tokens("4051-QĐ/TU") == ["4051", "qd", "tu"]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_highlight_wraps_whole_words_with_their_diacritics(form):
    text = unicodedata.normalize(form, "Đấu tranh phản bác quan điểm sai trái, đấu tranh!")
    html = str(highlight(text, tokens("dau tranh")))
    assert html.count("<mark>") == 4
    plain = re.sub(r"</?mark>", "", html)
    assert plain == text  # nothing lost, nothing added
    assert [fold(m) for m in re.findall(r"<mark>(.*?)</mark>", html)] == ["dau", "tranh"] * 2
    # Never inside a word: whatever touches a mark from outside is not a letter or a mark.
    for before, after in re.findall(r"(.?)<mark>.*?</mark>(.?)", html):
        for char in before + after:
            assert not char.isalnum() and not unicodedata.combining(char)


def test_highlight_does_not_mark_a_word_that_only_contains_the_query():
    html = str(highlight("Quyết định 4051", tokens("quyet 405")))
    assert html == "<mark>Quyết</mark> định 4051"


def test_snippet_is_escaped_and_cut_between_words():
    text = "<b>mở đầu</b> " + "chữ " * 200 + "Nghị quyết 35 " + "đuôi " * 200
    html = str(snippet(text, tokens("nghi quyet")))
    assert "<b>" not in html and "&lt;b&gt;" not in html  # the window starts after the tag
    assert "<mark>Nghị</mark> <mark>quyết</mark>" in html
    assert html.startswith("… chữ") and html.endswith("đuôi …")
    assert len(html) < 400


# --- the fixed corpus: same sets on both databases ----------------------------------------


@pytest.fixture
def corpus(db):
    call_command("loaddata", "nq35_report", verbosity=0)
    articles, documents = make_search_corpus()
    return articles, documents


def reference(words, articles, documents):
    """What a search must return, computed in Python without the database."""
    public = [a for a in Article.objects.all() if a in articles[:40] or a not in articles]
    expected = set()
    for kind, objects, entry in [
        ("bai-viet", public, article_entry),
        ("van-ban", Document.objects.all(), document_entry),
    ]:
        for obj in objects:
            e = entry(obj)
            if set(words) <= set(tokens(f"{e.title} {e.text}")):
                expected.add((kind, obj.pk))
    return expected


QUERIES = {
    # query: number of results over the corpus plus the report (the same on every database)
    "nghị quyết": 30,
    "nghi quyet": 30,
    "NÔNG THÔN MỚI": 10,
    "nong thon moi": 10,
    "đấu tranh phản bác": 26,
    "dau tranh phan bac": 26,
    "xa da loc": 12,
    "Xã Đa Lộc": 12,
    "35 nq tw": 2,
    "quyết định ubnd": 5,
    "bi mat": 1,  # "bí thư ... mặt", never the hidden "bí mật" articles
    "2023": 19,
    "khong co tu nay": 0,
}


def test_the_corpus_gives_the_same_sets_for_exact_and_unaccented_queries(corpus):
    articles, documents = corpus
    counts = {}
    for text in QUERIES:
        words = q.parse(text).words
        results = found(text)
        assert len(results) == len(set(results))
        assert set(results) == reference(words, articles, documents), text
        assert set(found(nfd(text))) == set(results), text
        counts[text] = len(results)
    assert counts == QUERIES, counts


def test_drafts_pending_scheduled_and_expired_articles_are_never_found(corpus):
    articles, _ = corpus
    hidden = {("bai-viet", a.pk) for a in articles[40:]}
    assert SearchEntry.objects.filter(kind="bai-viet", title__contains="bí mật").count() == 10
    for text in ["bi mat", "bí mật draft", "bi mat future", "bi mat expired", "bi mat pending"]:
        assert not hidden & set(found(text))
    for subject_word in ["hoi nghi", "nong thon", "chuyen doi so"]:
        assert not hidden & set(found(subject_word))


@pytest.mark.parametrize("text", ["nghi quyet 35", "NGHỊ QUYẾT 35", "dau tranh phan bac"])
def test_the_report_is_found_with_or_without_diacritics(corpus, text):
    report = Article.objects.get(title__startswith="Huyện ủy Châu Thành sơ kết")
    assert ("bai-viet", report.pk) in found(text)
    assert ("bai-viet", report.pk) in found(nfd(text))


@pytest.mark.parametrize("text", ["35 nq tw", "35-NQ/TW", "35/nq-tw", "35 – NQ / TW"])
def test_a_document_symbol_typed_any_way_finds_the_document(corpus, text):
    document = Document.objects.get(symbol="35-NQ/TW")
    assert ("van-ban", document.pk) in found(text)


# --- ranking, filters ----------------------------------------------------------------------


@pytest.mark.django_db
def test_title_matches_come_before_body_matches_and_newer_before_older():
    now = timezone.now()
    body_new = make_article(title="Tin khác", body="<p>Chuyển đổi số</p>", published_at=now)
    title_old = make_article(title="Chuyển đổi số", published_at=now - timedelta(days=9))
    title_new = make_article(title="Chuyển đổi số xã", published_at=now - timedelta(days=1))
    assert [pk for _, pk in found("chuyen doi so")] == [title_new.pk, title_old.pk, body_new.pk]


@pytest.mark.django_db
def test_filters_by_kind_category_and_year():
    economy = make_category(name="Kinh tế")
    old = make_article(
        title="Lúa mùa", category=economy, published_at=timezone.now().replace(year=2020)
    )
    new = make_article(title="Lúa mùa năm nay")
    document = make_document(title="Về lúa mùa", issued_on=date(2019, 5, 1))
    assert len(found("lua mua")) == 3
    assert found("lua mua", kind="van-ban") == [("van-ban", document.pk)]
    assert found("lua mua", category_ids=[economy.pk]) == [("bai-viet", old.pk)]
    assert found("lua mua", year=timezone.localdate().year) == [("bai-viet", new.pk)]
    assert found("lua mua", year=2019) == [("van-ban", document.pk)]


# --- the index stays current ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_index_follows_edits_unpublishing_and_deletion():
    article = make_article(title="Cầu Long Bình khánh thành")
    assert found("cau long binh") == [("bai-viet", article.pk)]
    article.title = "Cầu Hòa Thuận khánh thành"
    save_article(article)
    assert found("cau long binh") == []
    assert found("cau hoa thuan") == [("bai-viet", article.pk)]
    article.status = Article.Status.DRAFT
    save_article(article)
    assert found("cau hoa thuan") == []
    article.status = Article.Status.PUBLISHED
    save_article(article)
    assert found("cau hoa thuan") == [("bai-viet", article.pk)]
    delete_article(article)
    assert found("cau hoa thuan") == []
    assert not SearchEntry.objects.exists()


@pytest.mark.django_db
def test_a_scheduled_article_becomes_findable_when_its_time_comes_without_a_job():
    at = timezone.now() + timedelta(hours=2)
    article = make_article(title="Lễ hội Ok Om Bok", published_at=at)
    assert found("ok om bok") == []
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(minutes=1)):
        assert found("ok om bok") == [("bai-viet", article.pk)]


@pytest.mark.django_db
def test_an_expired_article_disappears_from_search_when_it_expires():
    until = timezone.now() + timedelta(hours=1)
    article = make_article(title="Thông báo tuyển dụng", expires_at=until)
    assert found("tuyen dung") == [("bai-viet", article.pk)]
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        assert found("tuyen dung") == []


@pytest.mark.django_db
def test_documents_are_indexed_on_save_and_removed_on_delete():
    document = make_document(symbol="4051/QĐ-UBND", title="Về việc phê duyệt quy hoạch")
    assert found("4051 qd ubnd") == [("van-ban", document.pk)]
    assert found("phe duyet quy hoach") == [("van-ban", document.pk)]
    delete_document(document)
    assert found("4051 qd ubnd") == []


@pytest.mark.django_db
def test_rebuild_command_recreates_a_lost_index():
    article = make_article(title="Hội thao truyền thống")
    SearchEntry.objects.all().delete()
    Article.objects.filter(pk=article.pk).update(title="Hội thao mừng xuân")  # no signal
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert found("hoi thao mung xuan") == [("bai-viet", article.pk)]
    assert "bai-viet: 1" in out.getvalue()


# --- suggestions ---------------------------------------------------------------------------


@pytest.mark.parametrize("typo", ["nghi quyeet 35", "nghi quet 35", "ngi quyet 35"])
def test_a_typo_gets_a_suggestion_that_finds_something(corpus, typo):
    assert found(typo) == []
    suggestion = q.suggest(q.parse(typo).words, default_site())
    assert suggestion == "nghi quyet 35"


@pytest.mark.django_db
def test_no_suggestion_leads_to_a_draft():
    make_article(title="Kế hoạch tuyệt mật", status=Article.Status.DRAFT)
    make_article(title="Kế hoạch công khai")
    assert q.suggest(q.parse("ke hoach tuyet matt").words, default_site()) is None


# --- PostgreSQL: the index is what answers --------------------------------------------------


def test_postgresql_answers_through_the_full_text_index(postgresql):
    make_article(title="Nghị quyết 35")
    queryset = q.matching(SearchEntry.objects.visible(), ["nghi", "35"]).order_by()
    assert queryset.count() == 1
    sql, params = queryset.query.sql_with_params()
    with postgresql.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is scanned otherwise
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_words_tsv" in plan, plan


@pytest.mark.django_db
def test_the_benchmark_command_runs_and_cleans_up_after_itself():
    call_command("loaddata", "nq35_report", verbosity=0)
    out = io.StringIO()
    call_command("search_bench", articles=30, repeat=2, stdout=out)
    assert "Inserted 30 articles" in out.getvalue()
    assert "All queries: p50" in out.getvalue()
    assert SearchEntry.objects.filter(kind="bai-viet").count() == 31
    call_command("search_bench", cleanup=True, stdout=out)
    assert Article.objects.count() == 1 == SearchEntry.objects.filter(kind="bai-viet").count()


@pytest.mark.django_db
def test_pages_cut_across_title_and_body_matches_keep_the_ranked_order():
    now = timezone.now()
    for n in range(3):
        make_article(title=f"Kênh Trà Cú {n}", published_at=now - timedelta(days=n))
        make_article(title=f"Tin {n}", lead="Kênh Trà Cú", published_at=now - timedelta(hours=n))
    results = q.search(["kenh", "tra", "cu"], default_site())
    ranked = list(results)
    assert [e.title for e in ranked[:3]] == ["Kênh Trà Cú 0", "Kênh Trà Cú 1", "Kênh Trà Cú 2"]
    assert [e.title for e in ranked[3:]] == ["Tin 0", "Tin 1", "Tin 2"]
    for start in range(6):
        for stop in range(start + 1, 8):
            assert results[start:stop] == ranked[start:stop], (start, stop)


@pytest.mark.django_db
def test_counting_stops_past_the_limit_and_says_more_than(client, monkeypatch):
    monkeypatch.setattr(q, "RESULT_LIMIT", 4)
    for n in range(6):
        make_article(title=f"Sông Cổ Chiên {n}")
    results = q.search(["song", "co", "chien"], default_site())
    assert results.capped and results.count() == 4
    html = client.get("/tim-kiem/", {"q": "song co chien"}).content.decode()
    assert "Tìm thấy hơn 4 kết quả" in html


@pytest.mark.django_db
def test_migrate_indexes_content_that_predates_the_index():
    article = make_article(title="Chợ nổi Châu Thành")
    SearchEntry.objects.all().delete()
    call_command("migrate", verbosity=0)
    # The whole index is rebuilt: the article, and the static pages ("Liên hệ ... nơi") too.
    assert found("cho noi", kind="bai-viet") == [("bai-viet", article.pk)]
    assert SearchEntry.objects.filter(kind="trang").exists()


@pytest.mark.django_db
def test_static_pages_are_found_without_diacritics(client):
    # The required pages are made on migrate; the privacy page speaks of personal data.
    from pages.models import Page
    from search.index import reindex

    reindex(Page.objects.all())
    html = client.get("/tim-kiem/", {"q": "chinh sach bao mat"}).content.decode()
    assert 'href="/chinh-sach-bao-mat/"' in html
    html = client.get("/tim-kiem/", {"q": "du lieu ca nhan", "loai": "trang"}).content.decode()
    assert 'href="/chinh-sach-bao-mat/"' in html


# --- SQLite: FTS5 answers, and the database keeps the index and the vocabulary ---------------


@pytest.fixture
def sqlite(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only (this pass runs on PostgreSQL)")
    return connection


def test_sqlite_answers_through_the_fts5_index(sqlite):
    article = make_article(title="Nghị quyết 35")
    queryset = q.matching(SearchEntry.objects.visible(), ["nghi", "35"]).order_by()
    assert [e.object_id for e in queryset] == [article.pk]
    sql, params = queryset.query.sql_with_params()
    with sqlite.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "search_fts VIRTUAL TABLE" in plan, plan
    assert "LIKE" not in sql.upper()


def test_sqlite_keeps_the_fts5_index_in_step_with_every_write(sqlite):
    """Triggers do it: the upsert of an edit, a delete, the rebuild's bulk insert. (SQLite
    drops a table's triggers when a migration rebuilds it: this fails if one did.)"""
    with sqlite.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    assert {"search_fts_insert", "search_fts_update", "search_fts_delete"} <= triggers
    article = make_article(title="Cầu Long Bình")
    article.title = "Cầu Hòa Thuận"
    save_article(article)
    assert found("cau long binh") == [] and found("cau hoa thuan") == [("bai-viet", article.pk)]
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found("cau hoa thuan") == [("bai-viet", article.pk)]
    # The vocabulary is FTS5's own: an indexed word is known, without a writer's statement.
    assert q.known_words(["thuan", "xyzq"]) == {"thuan"}
    delete_article(article)
    assert found("cau hoa thuan") == []
