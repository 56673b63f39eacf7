"""The admin's Vietnamese is complete: shipped in locale/ for Django, django-axes and
django-reversion, compiled, and used (the walk over every page is tests/test_admin_walk.py)."""

import polib
import pytest
from django.utils import translation

from .translations import OURS, message_ids, ours, untranslated

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_message_of_the_installed_versions_has_a_vietnamese_translation(domain):
    translations = ours(domain)
    missing = []
    for key, plural in message_ids(domain).items():
        entry = translations.get(key)
        text = entry and (entry.msgstr_plural.get(0) if plural else entry.msgstr)
        if not text:
            missing.append(key)
    assert not missing, f"{len(missing)} to translate in locale/vi/LC_MESSAGES: {missing[:20]}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_mo_files_are_compiled_from_the_po_files(domain):
    po = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in ours(domain).values()}
    mo = polib.mofile(str(OURS / f"{domain}.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    assert compiled == {k: v for k, v in po.items() if v[0] or v[1]}, "run `make messages`"


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Show counts", "Hiện số lượng"),
        ("Toggle theme (current theme: auto)", "Đổi giao diện sáng/tối (hiện tại: tự động)"),
        ("Reset password", "Đặt lại mật khẩu"),
        ("access attempts", "các lần thử đăng nhập"),
        ("Initial version.", "Phiên bản đầu tiên."),
        ("Save", "Lưu"),
    ],
)
def test_django_serves_the_shipped_translation(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


def test_a_plural_message_is_translated_for_any_count():
    with translation.override("vi"):
        for n in (1, 2, 5):
            text = translation.ngettext(
                "Please correct the error below.", "Please correct the errors below.", n
            )
            assert text == "Hãy sửa lỗi dưới đây."


def test_the_detector_finds_english_with_its_placeholders_filled_in():
    found = untranslated(
        ["Choose all Các nhóm", "Chọn tất cả Các nhóm", "Select bài viết to change"]
    )
    assert [text for text, _ in found] == ["Choose all Các nhóm", "Select bài viết to change"]


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/news/article/", "/admin/auth/user/add/", "/admin/axes/accesslog/"]
)
def test_pages_a_superuser_reads_carry_no_english_message(admin_client, url):
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        texts, skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")
            attrs = dict(attrs)
            for name in ("title", "placeholder", "aria-label"):
                if attrs.get(name):
                    self.texts.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip and data.strip():
                self.texts.append(data)

    parser = Texts()
    parser.texts = []
    parser.feed(admin_client.get(url).content.decode())
    assert not untranslated(parser.texts)
