"""Articles link the documents they cite: on save, on the page, and when a document arrives."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from documents.models import CitationChoice, Document, Mention
from news.models import Article
from news.services import save_article

from .factories import article_form, make_article, make_category, make_document

REPORT_SYMBOLS = {"35-NQ/TW", "53-KL/TW", "24-CT/TU", "4051-QĐ/TU", "03-HD/TU"}


def body_links(html):
    """{text of the link: href} for the reference links inside the article's body."""
    found = re.findall(r'<a class="doc-ref" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    return {text: href for href, text in found}


def cited(article):
    return set(article.documents.values_list("symbol", flat=True))


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return client


def admin_form(article, documents):
    """The article's change form as the admin submits it now, with `documents` selected."""
    article = Article.objects.get(pk=article.pk)  # its current lock version
    return article_form(article, documents=[d.pk for d in documents])


@pytest.mark.django_db
def test_report_page_links_all_five_references_in_its_body(client):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index('<div class="body">') : html.index('<p class="author">')]
    links = body_links(body)
    assert set(links) == REPORT_SYMBOLS
    for document in Document.objects.all():
        assert links[document.symbol] == document.get_absolute_url()
    # Every mention in the body is linked, the repeated ones too (35-NQ/TW is cited three times).
    assert body.count('class="doc-ref"') == 10
    page = client.get(Document.objects.get(symbol="35-NQ/TW").get_absolute_url())
    assert article.title in page.content.decode()


@pytest.mark.django_db
def test_saving_an_article_links_the_documents_its_text_cites():
    nq35 = make_document(symbol="35-NQ/TW", issued_on=date(2018, 10, 22))
    kl53 = make_document(symbol="53-KL/TW", doc_type=Document.Type.CONCLUSION)
    make_document(symbol="99-NQ/TW")
    article = make_article(body="<p>Thực hiện Nghị quyết số 35 – NQ/TW và Kết luận 53-KL/TW.</p>")
    assert set(article.documents.all()) == {nq35, kl53}
    # The text stops citing 53-KL/TW: its automatic link goes too.
    article.body = "<p>Thực hiện Nghị quyết số 35-NQ/TW.</p>"
    save_article(article)
    assert set(article.documents.all()) == {nq35}


@pytest.mark.django_db
def test_the_date_in_the_text_picks_between_two_documents_of_one_symbol(client):
    old = make_document(symbol="18-NQ/TW", issued_on=date(2001, 8, 3), term="IX")
    new = make_document(symbol="18-NQ/TW", issued_on=date(2017, 10, 25), term="XII")
    article = make_article(
        body="<p>Tổng kết Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.</p>"
    )
    assert set(article.documents.all()) == {new}
    links = body_links(client.get(article.get_absolute_url()).content.decode())
    assert links == {"18-NQ/TW": new.get_absolute_url()}

    earlier = make_article(body="<p>Theo Nghị quyết 18-NQ/TW ngày 3/8/2001.</p>")
    assert set(earlier.documents.all()) == {old}
    links = body_links(client.get(earlier.get_absolute_url()).content.decode())
    assert links == {"18-NQ/TW": old.get_absolute_url()}


@pytest.mark.django_db
def test_a_shared_symbol_without_date_links_to_the_library_filtered_by_it(client):
    make_document(symbol="18-NQ/TW", issued_on=date(2001, 8, 3))
    make_document(symbol="18-NQ/TW", issued_on=date(2017, 10, 25))
    article = make_article(body="<p>Quán triệt Nghị quyết 18-NQ/TW.</p>")
    assert article.documents.count() == 0  # nothing tells which one
    links = body_links(client.get(article.get_absolute_url()).content.decode())
    assert links == {"18-NQ/TW": "/van-ban/?so=18-NQ%2FTW"}
    listing = client.get(links["18-NQ/TW"]).content.decode()
    assert listing.count('<td><a href="/van-ban/18-nq-tw-') == 2


@pytest.mark.django_db
def test_a_bare_mention_takes_the_date_the_same_article_gives(client):
    make_document(symbol="18-NQ/TW", issued_on=date(2001, 8, 3))
    new = make_document(symbol="18-NQ/TW", issued_on=date(2017, 10, 25))
    article = make_article(
        title="Sơ kết Nghị quyết số 18-NQ/TW ngày 25/10/2017",
        body="<p>Nghị quyết 18-NQ/TW đã đi vào cuộc sống.</p>",
    )
    assert set(article.documents.all()) == {new}
    links = body_links(client.get(article.get_absolute_url()).content.decode())
    assert links == {"18-NQ/TW": new.get_absolute_url()}


@pytest.mark.django_db
def test_a_reference_with_no_document_stays_text_kept_on_one_line(client):
    article = make_article(body="<p>Theo Chỉ thị số 07-CT/HU của Ban Thường vụ Huyện ủy.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    # Not a link, but one symbol a narrow screen never breaks at its hyphen (issue 20); the
    # text is as written, so search and copying see "07-CT/HU".
    assert 'Chỉ thị số <span class="doc-symbol">07-CT/HU</span> của' in html
    assert 'class="doc-ref"' not in html


@pytest.mark.django_db
def test_a_new_document_links_older_articles_without_saving_them_again(client):
    article = make_article(body="<p>Triển khai Kế hoạch số 12-KH/HU ngày 01/3/2023.</p>")
    updated_at = Article.objects.get(pk=article.pk).updated_at
    assert 'class="doc-ref"' not in client.get(article.get_absolute_url()).content.decode()

    document = make_document(symbol="12-KH/HU", issued_on=date(2023, 3, 1))

    links = body_links(client.get(article.get_absolute_url()).content.decode())
    assert links == {"12-KH/HU": document.get_absolute_url()}
    assert set(article.documents.all()) == {document}
    assert article.title in client.get(document.get_absolute_url()).content.decode()
    assert Article.objects.get(pk=article.pk).updated_at == updated_at  # not re-saved


@pytest.mark.django_db
def test_a_second_document_of_a_symbol_makes_bare_mentions_ambiguous():
    first = make_document(symbol="18-NQ/TW", issued_on=date(2001, 8, 3))
    article = make_article(body="<p>Nghị quyết 18-NQ/TW.</p>")
    assert set(article.documents.all()) == {first}
    make_document(symbol="18-NQ/TW", issued_on=date(2017, 10, 25))
    assert article.documents.count() == 0


@pytest.mark.django_db
def test_links_inside_existing_links_and_attributes_are_left_alone(client):
    make_document(symbol="35-NQ/TW")
    article = make_article(
        body='<p><a href="https://example.vn/35-NQ/TW">Nghị quyết 35-NQ/TW</a> và '
        '<img src="/x.png" alt="35-NQ/TW &gt; ảnh"> rồi 35-NQ/TW &amp; các văn bản.</p>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="doc-ref"') == 1
    assert (
        '<a href="https://example.vn/35-NQ/TW" rel="noopener noreferrer">Nghị quyết 35-NQ/TW</a>'
        in html
    )
    assert 'alt="35-NQ/TW &gt; ảnh"' in html
    assert "</a> &amp; các văn bản." in html


@pytest.mark.django_db
def test_editor_removal_and_addition_survive_later_saves(admin_client):
    nq35 = make_document(symbol="35-NQ/TW", issued_on=date(2018, 10, 22))
    kl53 = make_document(symbol="53-KL/TW")
    other = make_document(symbol="77-KH/TU")
    article = make_article(
        category=make_category(), body="<p>Nghị quyết 35-NQ/TW và Kết luận 53-KL/TW.</p>"
    )
    assert cited(article) == {"35-NQ/TW", "53-KL/TW"}

    # The editor unticks 53-KL/TW (the recogniser's) and adds 77-KH/TU (not in the text).
    url = f"/admin/news/article/{article.pk}/change/"
    response = admin_client.post(url, admin_form(article, [nq35, other]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert cited(article) == {"35-NQ/TW", "77-KH/TU"}
    choices = dict(CitationChoice.objects.values_list("document__symbol", "choice"))
    assert choices == {"53-KL/TW": "bo", "77-KH/TU": "them"}

    # Saved again (by the admin with the form as shown, and from code): the choices hold.
    article.refresh_from_db()
    admin_client.post(url, admin_form(article, list(article.documents.all())))
    article.body = "<p>Nghị quyết 35-NQ/TW, Kết luận 53-KL/TW, ngày mới.</p>"
    save_article(article)
    assert cited(article) == {"35-NQ/TW", "77-KH/TU"}
    # The removed one is not linked in the body either.
    article.status = Article.Status.PUBLISHED
    save_article(article)
    html = admin_client.get(article.get_absolute_url()).content.decode()
    assert set(body_links(html)) == {"35-NQ/TW"}

    # Ticking it again is a choice too: it comes back and stays.
    admin_client.post(url, admin_form(article, [nq35, kl53, other]))
    assert cited(article) == {"35-NQ/TW", "53-KL/TW", "77-KH/TU"}
    assert CitationChoice.objects.get(document=kl53).choice == "them"


@pytest.mark.django_db
def test_links_made_elsewhere_are_not_dropped_by_a_save():
    document = make_document(symbol="77-KH/TU")
    article = make_article(body="<p>Không nhắc văn bản nào.</p>")
    article.documents.add(document)  # a fixture, the shell, another feature
    article.title = "Tiêu đề mới"
    save_article(article)
    assert set(article.documents.all()) == {document}


@pytest.mark.django_db
def test_loaddata_indexes_the_report_references():
    call_command("loaddata", "nq35_report", verbosity=0)
    keys = set(Mention.objects.values_list("symbol_key", flat=True))
    assert keys == REPORT_SYMBOLS


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 6])
def test_article_page_queries_do_not_grow_with_its_references(client, django_assert_num_queries, n):
    symbols = [f"{i}-NQ/HU" for i in range(1, n + 1)]
    for symbol in symbols:
        make_document(symbol=symbol)
    make_document(symbol="18-NQ/TW", issued_on=date(2001, 8, 3))
    make_document(symbol="18-NQ/TW", issued_on=date(2017, 10, 25))
    body = "".join(f"<p>Nghị quyết {s} và 18-NQ/TW, 99-CT/TU.</p>" for s in symbols)
    article = make_article(body=body)
    client.get("/")  # the site identity row is made on the first page ever served
    # Base layout: site identity, menu categories, latest documents, footer pages, linked
    # websites (the visitor statistics were cached by the first page).
    # + article with category; + photos; + its documents; + related articles. The body's
    #   links were resolved when it was saved: the page asks nothing about its references.
    # + its attached files (issue 19).
    with django_assert_num_queries(5 + 4 + 1):
        html = client.get(article.get_absolute_url()).content.decode()
    assert len(body_links(html)) == n + 1
