"""Thông báo – Giấy mời – Tài liệu họp (issue 19): notice articles with attachments and a date
after which they leave the home's "Thông báo" block, keeping their page."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from multisite import default_site
from news.models import Article, ArticleAttachment, Category
from news.notices import ensure_notice_categories
from pagecache import version

from .factories import make_article, make_category, make_site, make_user
from .test_document_active_content import ACTIVE_WORD_FILES, docx

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


MACRO_DOCX = ACTIVE_WORD_FILES["a .docm renamed .docx"]


def notice_category(name="Thông báo"):
    ensure_notice_categories(Category, default_site().pk)
    return Category.objects.get(site=default_site(), name=name)


@pytest.mark.django_db
def test_every_site_has_the_three_notice_categories_marked():
    from multisite.services import create_site

    site = create_site("hoaloi.vinhlong.gov.vn", "Xã Hòa Lợi")
    notices = Category.objects.filter(site=site, is_notice=True)
    assert sorted(c.name for c in notices) == ["Giấy mời", "Thông báo", "Tài liệu họp"]
    top = notices.get(name="Thông báo")
    assert {c.parent_id for c in notices if c != top} == {top.pk}
    # Run again (a second migration, a site that had them): nothing doubles.
    ensure_notice_categories(Category, site.pk)
    assert Category.objects.filter(site=site, is_notice=True).count() == 3


@pytest.mark.django_db
def test_the_migration_gives_sites_in_use_their_notice_categories():
    from importlib import import_module

    from django.apps import apps

    forwards = import_module("news.migrations.0009_notice_categories").forwards
    used = make_site("hoaloi.vinhlong.gov.vn", "hoaloi")
    Category.objects.create(site=used, name="Thông báo", order=1)  # the site's own, kept
    empty = make_site("longhoa.vinhlong.gov.vn", "longhoa")
    forwards(apps, None)
    marked = Category.objects.filter(site=used, is_notice=True)
    assert sorted(marked.values_list("name", flat=True)) == [
        "Giấy mời",
        "Thông báo",
        "Tài liệu họp",
    ]
    assert not Category.objects.filter(site=empty).exists()


@pytest.mark.django_db
def test_the_block_lists_current_notices_only_and_an_expired_one_keeps_its_page(client):
    now = timezone.now()
    invitation = make_article(
        title="Giấy mời họp tổng kết năm", category=notice_category("Giấy mời"),
        notice_until=now + timedelta(days=3),
    )  # fmt: skip
    gone = make_article(title="Thông báo lịch nghỉ Quốc khánh", category=notice_category(),
                        published_at=now - timedelta(days=10),
                        notice_until=now - timedelta(days=1))  # fmt: skip
    news = make_article(title="Tin thường không phải thông báo", category=make_category())
    html = client.get("/", **UA).content.decode()
    block = html.split('class="home-section notices-block"', 1)[1].split("</section>", 1)[0]
    assert invitation.title in block
    assert gone.title not in block and news.title not in block
    assert "Xem tất cả thông báo" in block and notice_category().get_absolute_url() in block
    # Out of the block, not out of the portal: its page, its category and search keep it.
    assert client.get(gone.get_absolute_url(), **UA).status_code == 200
    assert gone.title in client.get(notice_category().get_absolute_url(), **UA).content.decode()
    found = client.get("/tim-kiem/?q=lich+nghi+quoc+khanh", **UA).content.decode()
    assert f'href="{gone.get_absolute_url()}"' in found


@pytest.mark.django_db
def test_no_block_when_there_is_no_current_notice(client):
    make_article(category=make_category())
    assert "notices-block" not in client.get("/", **UA).content.decode()


@pytest.fixture
def page_cache(settings):
    """Pages and fragments kept as in production; the version re-read only after an edit."""
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    settings.VISITORS_CACHE_SECONDS = 0
    version.forget()
    yield
    version.forget()


@pytest.mark.django_db(transaction=True)
def test_a_notice_leaves_the_cached_home_when_its_notice_date_passes(client, page_cache):
    import time

    until = timezone.now() + timedelta(seconds=8)  # room for a slow machine's first pages
    notice = make_article(title="Thông báo tuyển dụng viên chức", category=notice_category(),
                          notice_until=until)  # fmt: skip
    link = f'href="{notice.get_absolute_url()}"'
    client.get("/", **UA)
    response = client.get("/", **UA)
    assert response["X-Page-Cache"] == "hit" and link in response.content.decode()
    time.sleep(max(0.0, (until - timezone.now()).total_seconds()) + 0.3)
    home = client.get("/", **UA).content.decode()
    assert "notices-block" not in home
    page = client.get(notice.get_absolute_url(), **UA)
    assert page.status_code == 200 and "Thông báo tuyển dụng viên chức" in page.content.decode()


def attachment_form(category, files, **overrides):
    """The admin's add form of an article with `files` in its attachments inline."""
    data = {
        "title": "Giấy mời dự hội nghị sơ kết", "slug": "", "category": category.pk,
        "lead": "Kính mời đại biểu dự hội nghị.", "body": "<p>Thời gian: 8 giờ.</p>",
        "author_line": "Văn phòng", "cover_caption": "", "cover_alt": "", "gallery_title": "",
        "gallery_after": "", "published_at_0": "", "published_at_1": "",
        "expires_at_0": "", "expires_at_1": "", "notice_until_0": "", "notice_until_1": "",
        "lock_version_seen": "0",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": str(len(files)), "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, (title, upload) in enumerate(files):
        data.update({f"attachments-{i}-title": title, f"attachments-{i}-file": upload,
                     f"attachments-{i}-order": str(i)})  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_an_editor_attaches_files_and_the_page_lists_them(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    editor = make_user("bientap", "Biên tập viên")
    client.force_login(editor)
    category = notice_category("Giấy mời")
    files = [
        ("Giấy mời", SimpleUploadedFile("giay-moi.pdf", PDF, "application/pdf")),
        ("", SimpleUploadedFile("chuong-trinh.docx", docx(), "application/octet-stream")),
    ]
    response = client.post("/admin/news/article/add/", attachment_form(category, files))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title="Giấy mời dự hội nghị sơ kết")
    assert article.created_by == editor and article.status == Article.Status.DRAFT
    attachments = list(article.attachments.all())
    assert [a.display_name for a in attachments] == ["Giấy mời", "chuong-trinh.docx"]
    assert attachments[0].file_size == len(PDF) and attachments[0].site_id == article.site_id
    # Published by an approver, the page lists them: name, format, size, download link.
    article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
    from news.services import save_article

    save_article(article)
    client.logout()
    html = client.get(article.get_absolute_url(), **UA).content.decode()
    section = html.split('id="tep-dinh-kem"', 1)[1].split("</section>", 1)[0]
    assert f'href="{attachments[0].file.url}" download>Giấy mời</a>' in section
    assert f"(PDF, {len(PDF)}" in section and "Word (DOCX)" in section
    assert client.get(attachments[0].file.url).status_code == 200


@pytest.mark.django_db
def test_a_file_with_macros_is_refused_in_vietnamese_and_the_form_keeps_the_rest(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user("bientap", "Biên tập viên"))
    category = notice_category("Tài liệu họp")
    files = [
        ("Tài liệu", SimpleUploadedFile("tai-lieu.docx", MACRO_DOCX, "application/octet-stream"))
    ]
    response = client.post("/admin/news/article/add/", attachment_form(category, files))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp Word này chứa macro" in html
    # What the editor typed is still in the form; nothing was saved.
    assert (
        'value="Giấy mời dự hội nghị sơ kết"' in html and "Kính mời đại biểu dự hội nghị." in html
    )
    assert not Article.objects.exists() and not ArticleAttachment.objects.exists()
    assert not list(tmp_path.rglob("*.docx"))


@pytest.mark.django_db
def test_notice_date_must_follow_publication():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    article = Article(
        title="Thông báo", category=notice_category(), published_at=now,
        notice_until=now - timedelta(hours=1), status=Article.Status.PUBLISHED,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "Thời điểm rời khối Thông báo phải sau ngày xuất bản." in str(error.value)
