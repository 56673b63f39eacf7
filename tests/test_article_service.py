"""An article's one write path (news.services): what one save costs, what it changes together,
and what follows a change of the library."""

import ast
import threading
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from core.text import plain_text
from documents.models import Document
from multisite import default_site
from news.models import Article
from news.services import save_article
from pagecache import version
from pagecache.models import ContentVersion
from search.query import search

from .factories import make_article, make_document
from .test_document_citations import body_links

REPORT_SYMBOLS = {"35-NQ/TW", "53-KL/TW", "24-CT/TU", "4051-QĐ/TU", "03-HD/TU"}


def symbols(article_id):
    through = Article.documents.through.objects.filter(article_id=article_id)
    return set(through.values_list("document__symbol", flat=True))


@pytest.fixture
def report(settings):
    """The report, saved once already (a warm process: Django's content types are cached)."""
    settings.PAGE_CACHE_SECONDS = 60
    version.forget()
    call_command("loaddata", "nq35_report", verbosity=0)
    save_article(Article.objects.get())
    return Article.objects.get()


@pytest.mark.django_db(transaction=True)
def test_a_title_edit_of_the_report_is_at_most_12_statements_in_one_transaction(report):
    report.title = "Sơ kết 05 năm thực hiện Nghị quyết số 35-NQ/TW (tiêu đề đã sửa)"
    before = ContentVersion.objects.get().number
    in_transaction = []

    def record(execute, sql, params, many, context):
        in_transaction.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    real = connections["default"]
    with (
        mock.patch.object(real, "commit", wraps=real.commit) as commits,
        real.execute_wrapper(record),
        CaptureQueriesContext(real) as queries,
    ):
        save_article(report)
    sql = [q["sql"].split()[0] + " " + q["sql"].split()[-1][:30] for q in queries.captured_queries]
    # BEGIN; the article's mentions; the documents they name, with the article's links and
    # its editor's choices (one query); UPDATE the article; the search entry (one upsert; its
    # words are indexed by the database); its version: the gallery, reversion's two existence
    # checks (article, photos), the revision, the versions (one insert); COMMIT; then, once
    # committed, the content version.
    assert len(queries) <= 12, "\n".join(sql)
    assert commits.call_count == 1
    _begin, *inside, bump = in_transaction
    assert all(inside) and not bump  # one transaction, the bump after it
    assert queries.captured_queries[-1]["sql"].startswith("INSERT INTO pagecache_contentversion")
    # ... and every part of the save happened.
    assert ContentVersion.objects.get().number == before + 1
    assert Article.objects.get().title == report.title
    assert [e.object_id for e in search(["tieu", "de", "da", "sua"], default_site())] == [report.pk]
    assert symbols(report.pk) == REPORT_SYMBOLS
    assert Version.objects.get_for_object(report).first().field_dict["title"] == report.title
    assert Article.objects.get().body_html.count('class="doc-ref"') == 10


@pytest.mark.django_db(transaction=True)
def test_a_citation_change_and_the_version_bump_become_visible_together(report):
    """No process may read the new content version while the old links are still what it
    sees: it would cache the old "Văn bản được nhắc đến" under the new version for good."""
    make_document(symbol="99-NQ/HU", doc_type=Document.Type.RESOLUTION)
    seen = {}

    def committed_state():  # what another process sees, through its own connection
        try:
            number = ContentVersion.objects.get().number
            seen.setdefault("states", []).append((number, symbols(report.pk)))
        finally:
            connections.close_all()

    def watch(execute, sql, params, many, context):
        link = sql.startswith("INSERT") and '"news_article_documents"' in sql
        if link or sql.startswith("INSERT INTO pagecache_contentversion"):
            reader = threading.Thread(target=committed_state)
            reader.start()
            reader.join()
        return execute(sql, params, many, context)

    before = ContentVersion.objects.get().number
    report.body = report.body.replace("</p>", " Quán triệt Nghị quyết số 99-NQ/HU.</p>", 1)
    with connection.execute_wrapper(watch):
        save_article(report)
    # When the link was written, other processes saw neither it nor a new version; when the
    # version moved, the link was already there for all to see.
    assert seen["states"] == [
        (before, REPORT_SYMBOLS),
        (before, REPORT_SYMBOLS | {"99-NQ/HU"}),
    ]
    assert ContentVersion.objects.get().number == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_new_document_matching_an_old_reference_links_it_on_the_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    version.forget()
    article = make_article(body="<p>Triển khai Kế hoạch số 12-KH/HU ngày 01/3/2023.</p>")
    url = article.get_absolute_url()
    assert body_links(client.get(url).content.decode()) == {}  # cached now

    document = make_document(symbol="12-KH/HU", issued_on=date(2023, 3, 1), title="Về dừa")
    # Rendered when the document arrived, in its transaction: the page only prints it.
    assert 'class="doc-ref"' in Article.objects.get().body_html
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert body_links(response.content.decode()) == {"12-KH/HU": document.get_absolute_url()}

    # It changes (another symbol): the article no longer cites it; deleted: nothing links.
    document.symbol = "13-KH/HU"
    from documents.services import delete_document, save_document

    save_document(document)
    assert body_links(client.get(url).content.decode()) == {}
    document.symbol = "12-KH/HU"
    save_document(document)
    assert set(body_links(client.get(url).content.decode())) == {"12-KH/HU"}
    delete_document(document)
    html = client.get(url).content.decode()
    assert body_links(html) == {} and "Văn bản được nhắc đến" not in html


@pytest.mark.django_db
def test_a_page_view_does_no_reference_work(client, django_assert_num_queries):
    make_document(symbol="35-NQ/TW")
    article = make_article(body="<p>Nghị quyết 35-NQ/TW. " + "Chỉ thị 07-CT/HU. " * 40 + "</p>")
    client.get("/")
    with (
        mock.patch("documents.references.find_references") as scan,
        CaptureQueriesContext(connection) as queries,
    ):
        html = client.get(article.get_absolute_url()).content.decode()
    assert set(body_links(html)) == {"35-NQ/TW"} and not scan.called
    assert not any('"symbol_key" IN' in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db
def test_one_plain_text_for_search_and_references():
    """Inline tags never split a word: "Ch<b>âu</b>" is "Châu" for search and for the
    recogniser alike, so a symbol with a bold part is still cited."""
    document = make_document(symbol="35-NQ/TW")
    article = make_article(title="Tin", body="<p>Ch<b>âu</b> Thành quán triệt 35-NQ/<b>TW</b>.</p>")
    assert plain_text("<p>Ch<b>âu</b> Thành</p><p>Hội nghị</p>") == "Châu Thành Hội nghị"
    assert [e.object_id for e in search(["chau", "thanh"], default_site())] == [article.pk]
    assert set(article.documents.all()) == {document}


def test_documents_never_import_news():
    """The library sits below the news: news imports documents, never the other way round."""
    root = Path(settings.BASE_DIR) / "documents"
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "news"]
    assert offenders == []
