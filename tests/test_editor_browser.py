"""Writing in the admin and reading the result, in Debian's Chromium driven by Playwright."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from PIL import Image

from news.models import Article

from .conftest import require
from .factories import make_article, make_category
from .test_xss import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD_HTML = (
    '<p class="MsoNormal" style="margin-bottom:0cm;line-height:normal"><b><span '
    'style="font-family:&quot;Times New Roman&quot;;color:red">Ban Thường vụ Huyện ủy</span></b>'
    '<span style="font-size:14pt"> chỉ đạo </span><i>quyết liệt</i><o:p></o:p></p>'
    '<ul><li class="MsoListParagraph">Tuyên truyền</li></ul>'
)
CAPTION = "Quang cảnh hội nghị sơ kết Nghị quyết 35-NQ/TW"


def log_in(page, live_server):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-dai-1")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def paste_html(page, html):
    """A real paste: the HTML goes on the clipboard, then Ctrl+V in the editor."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate(
        """html => navigator.clipboard.write([new ClipboardItem({
            "text/html": new Blob([html], {type: "text/html"}),
            "text/plain": new Blob(["(văn bản)"], {type: "text/plain"}),
        })])""",
        html,
    )
    page.keyboard.press("Control+V")


def test_editor_writes_pastes_uploads_a_captioned_photo_and_the_public_sees_it(
    page, live_server, tmp_path
):
    category = make_category(name="Tin tức - Sự kiện")
    log_in(page, live_server)
    photo = tmp_path / "hoi-nghi.jpg"
    Image.new("RGB", (2000, 1250), "#2f5d8c").save(photo, "JPEG")
    dialogs, console = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))

    page.goto(live_server.url + "/admin/news/article/add/")
    page.fill("#id_title", "Hội nghị sơ kết 05 năm thực hiện Nghị quyết 35")
    page.select_option("#id_category", str(category.pk))
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && "
        "CKEDITOR.instances.id_body.status === 'ready'"
    )
    editable = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
    editable.click()
    page.keyboard.type("Ngày 15/6/2023, Huyện ủy Châu Thành tổ chức hội nghị.")
    page.keyboard.press("Enter")
    paste_html(page, WORD_HTML)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the pasted list

    # The Image button, its upload tab, our upload view; then alt text and a caption.
    page.click("a.cke_button__image")
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_tabs")).first
    dialog.locator("a.cke_dialog_tab[title]").nth(1).click()  # "Tải lên" (upload)
    upload_frame = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(str(photo))
    dialog.locator("a.cke_dialog_ui_fileButton").click()
    page.wait_for_function(
        "CKEDITOR.dialog.getCurrent() && "
        "CKEDITOR.dialog.getCurrent().getValueOf('info', 'src').indexOf('/media/photos/') === 0"
    )
    page.evaluate(
        """() => { const d = CKEDITOR.dialog.getCurrent();
                   d.setValueOf('info', 'alt', 'Đại biểu dự hội nghị');
                   d.setValueOf('info', 'hasCaption', true); }"""
    )
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    caption = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("figcaption")
    caption.click(click_count=3)  # select CKEditor's placeholder ("Nhãn") and type over it
    page.keyboard.type(CAPTION)

    # The user is a superuser: the workflow's "publish" button saves and publishes at once.
    page.click("button[name=_workflow][value=publish]")
    page.wait_for_url(lambda url: "/add/" not in url)

    article = Article.objects.get()
    # CKEditor loads and uploads quietly (its one notice: uploadimage took over pasted images).
    noisy = [m for m in console if "CKEDITOR" in m and "clipboard-image-handling" not in m]
    noisy += [m for m in console if m.startswith("error:") and "404" not in m]  # admin favicon
    assert not [m for m in noisy if "dev_errors.html#clipboard-image-handling" not in m], noisy
    assert "<strong>Ban Thường vụ Huyện ủy</strong>" in article.body  # Word's bold kept
    assert "<em>quyết liệt</em>" in article.body
    for word_markup in ("MsoNormal", "style=", "<o:p", "<span", "font-family"):
        assert word_markup not in article.body, word_markup
    assert f"<figcaption>{CAPTION}</figcaption>" in article.body

    page.goto(live_server.url + article.get_absolute_url())
    figure = page.locator("article .body figure")
    assert figure.locator("figcaption").inner_text() == CAPTION
    image = figure.locator("img")
    assert image.get_attribute("alt") == "Đại biểu dự hội nghị"
    srcset = image.get_attribute("srcset")
    assert srcset.count("w,") == 2 and srcset.endswith("1600w"), srcset
    assert figure.locator("source[type='image/webp']").count() == 1
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "(() => { const i = document.querySelector('article .body figure img');"
        " return i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/media/photos/'); })()"
    )
    assert page.locator("article .body strong").first.inner_text() == "Ban Thường vụ Huyện ủy"
    assert not dialogs


@pytest.fixture
def axe_page(browser):
    # bypass_csp: axe-core is injected into the page, which a Content-Security-Policy forbids.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_gallery_opens_a_larger_photo_with_its_caption_by_keyboard(axe_page, live_server):
    page = axe_page
    call_command("loaddata", "nq35_report", verbosity=0)
    article = Article.objects.get()
    first = article.images.first()
    first.caption = "Đại biểu phát biểu tại hội nghị"
    first.save()
    page.goto(live_server.url + article.get_absolute_url())
    thumbnails = page.locator(".gallery a.gallery-item")
    assert thumbnails.count() == 4
    thumbnails.first.focus()
    page.keyboard.press("Enter")
    lightbox = page.locator("dialog.lightbox")
    assert lightbox.is_visible()
    assert lightbox.locator("figcaption").inner_text() == "Đại biểu phát biểu tại hội nghị"
    assert lightbox.locator("img").get_attribute("alt") == first.alt
    page.wait_for_function(
        "document.querySelector('dialog.lightbox img').naturalWidth === 800"
    )  # the large rendition (the placeholder is 800 px wide)
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require(False, "the axe-playwright-python package")
    violations = Axe().run(page).response["violations"]  # with the larger view open
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    page.keyboard.press("ArrowRight")
    assert lightbox.locator(".lightbox-counter").inner_text() == "Ảnh 2 / 4"
    assert lightbox.locator("figcaption").is_hidden()  # the second photo has no caption
    page.keyboard.press("Escape")
    assert not lightbox.is_visible()
    # Focus returns to the thumbnail of the photo last shown.
    page.wait_for_function(
        "document.activeElement === document.querySelectorAll('.gallery-item')[1]"
    )


def test_no_payload_runs_script_in_the_reader_browser(page, live_server):
    article = make_article(body="".join(f"<p>{payload}</p>" for payload in PAYLOADS))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + article.get_absolute_url())
    # Every handler a payload might have smuggled: hover, click (links go nowhere: prevented).
    page.evaluate(
        """() => document.querySelectorAll('article .body *').forEach(e => {
            e.addEventListener('click', ev => ev.preventDefault());
            ['mouseover', 'mouseenter', 'focus', 'click'].forEach(
                type => e.dispatchEvent(new MouseEvent(type, {bubbles: true})));
        })"""
    )
    page.wait_for_load_state("load")
    assert page.locator("article .body p").count() >= 15
    assert not dialogs
