"""Each role's whole day from the README, in Debian's Chromium at 1366×768 (and 1280×800), with
the layout measured at every step: editor and approver take an article with a bold word, a
photo uploaded through CKEditor's Image dialog and a cover from the library to the public; the
superuser sets up a colleague; staff without a role can do nothing. Then autosave."""

import pytest
from django.contrib.sessions.models import Session
from PIL import Image

from editorial.roles import APPROVER, EDITOR
from news.models import Article
from photos.models import Photo

from .desk_browser import (
    OFFICE_SCREENS,
    assert_fits,
    editable,
    log_in,
    wait_for_editor,
)
from .factories import image_file, make_article, make_category, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Huyện ủy Châu Thành sơ kết 05 năm thực hiện Nghị quyết 35-NQ/TW"


def person(username, role, last_name, first_name):
    user = make_user(username, role)
    user.last_name, user.first_name = last_name, first_name
    user.save()
    return user


def pick_from_library(page, field, text):
    """A select2 autocomplete: open it, type, choose the offered photo."""
    page.click(f"#{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=text).first.click()


def upload_through_the_image_dialog(page, path, alt):
    page.click("a.cke_button__image")
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_tabs")).first
    labels = [t.strip() for t in dialog.locator("label").all_text_contents()]
    assert "Mô tả ảnh (alt)" in labels and "Chú thích ảnh" in labels, labels
    assert "Ảnh có chú thích" not in labels
    dialog.locator("a.cke_dialog_tab[title]").nth(1).click()  # "Tải lên"
    frame = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
    frame.locator("input[type=file]").set_input_files(str(path))
    dialog.locator("a.cke_dialog_ui_fileButton").click()
    page.wait_for_function(
        "CKEDITOR.dialog.getCurrent() && "
        "CKEDITOR.dialog.getCurrent().getValueOf('info', 'src').indexOf('/media/photos/') === 0"
    )
    dialog.get_by_label("Mô tả ảnh (alt)").fill(alt)
    dialog.locator("a.cke_dialog_ui_button_ok").click()


@pytest.mark.parametrize("size", OFFICE_SCREENS, ids=["1366x768", "1280x800"])
def test_editor_and_approver_take_an_article_to_the_public(office, live_server, tmp_path, size):
    category = make_category(name="Tin tức - Sự kiện")
    person("lan", EDITOR, "Nguyễn Thị", "Lan")
    person("hung", APPROVER, "Trần Văn", "Hùng")
    colleague = person("hoa", EDITOR, "Lê Thị", "Hoa")
    library = Photo.objects.create(
        image=image_file(size=(1200, 800)), alt="Quang cảnh hội trường",
        caption="Hội trường Huyện ủy", uploaded_by=colleague,
    )  # fmt: skip
    photo = tmp_path / "dai-bieu.jpg"
    Image.new("RGB", (1600, 1000), "#2f5d8c").save(photo, "JPEG")

    # Morning: the editor writes, with a bold word, a photo in the text and a library cover.
    editor = office("lan", size)
    assert editor.locator("#user-tools strong").text_content() == "Lan"  # the given name
    editor.goto(live_server.url + "/admin/news/article/add/")
    wait_for_editor(editor)
    assert_fits(editor, "editor: add page")
    editor.fill("#id_title", TITLE)
    editor.select_option("#id_category", str(category.pk))
    editor.fill("#id_lead", "Ngày 15/6/2023, Huyện ủy Châu Thành tổ chức hội nghị.")
    editable(editor).click()
    editor.keyboard.type("Hội nghị đánh giá ")
    editor.keyboard.press("Control+B")
    editor.keyboard.type("kết quả nổi bật")
    editor.keyboard.press("Control+B")
    editor.keyboard.type(" của 05 năm.")
    editor.keyboard.press("Enter")
    upload_through_the_image_dialog(editor, photo, "Đại biểu dự hội nghị")
    pick_from_library(editor, "id_cover_photo", "Hội trường Huyện ủy")
    assert_fits(editor, "editor: filled add page")
    editor.get_by_role("button", name="Gửi duyệt", exact=True).click()
    editor.wait_for_selector("text=Gửi duyệt: “")
    article = Article.objects.get()
    assert article.status == "pending"
    assert "<strong>kết quả nổi bật</strong>" in article.body
    assert '<img alt="Đại biểu dự hội nghị"' in article.body
    assert article.cover.name == library.image.name

    # The approver sends it back with a reason.
    approver = office("hung", size)
    assert approver.inner_text("#so-bai-cho-duyet") == "1"
    approver.click("#viec-can-lam a")
    assert_fits(approver, "approver: list of pending articles")
    assert "Nguyễn Thị Lan" in approver.inner_text("#result_list")
    approver.get_by_role("link", name=TITLE).click()
    wait_for_editor(approver)
    assert_fits(approver, "approver: change page")
    approver.fill("#id_review_note", "Ghi rõ tên các đại biểu chủ trì.")
    approver.get_by_role("button", name="Trả lại kèm lý do").click()
    approver.wait_for_selector("text=Trả lại: “")
    assert Article.objects.get().status == "draft"

    # The editor reads the reason, fixes the lead, submits again.
    editor.goto(live_server.url + f"/admin/news/article/{article.pk}/change/")
    wait_for_editor(editor)
    assert "Ghi rõ tên các đại biểu chủ trì." in editor.inner_text("#ly-do-tra-lai")
    assert "Trần Văn Hùng" in editor.inner_text("#ly-do-tra-lai")
    assert_fits(editor, "editor: sent back article")
    editor.fill("#id_lead", "Bà Nguyễn Minh Thuy và ông Trần Văn Điều chủ trì hội nghị.")
    editor.get_by_role("button", name="Gửi duyệt", exact=True).click()
    editor.wait_for_selector("text=Gửi duyệt: “")

    # The approver publishes.
    approver.goto(live_server.url + f"/admin/news/article/{article.pk}/change/")
    wait_for_editor(approver)
    assert_fits(approver, "approver: resubmitted article")
    approver.get_by_role("button", name="Xuất bản / hẹn giờ").click()
    approver.wait_for_selector("text=Xuất bản: “")
    assert_fits(approver, "approver: published article")

    # The public page shows the text, the bold word and the photo.
    reader = office(None, size)
    response = reader.goto(live_server.url + f"/tin-tuc/{Article.objects.get().slug}/")
    assert response.status == 200
    assert reader.locator("article .body strong").inner_text() == "kết quả nổi bật"
    image = reader.locator("article .body img").first
    assert image.get_attribute("alt") == "Đại biểu dự hội nghị"
    image.scroll_into_view_if_needed()
    reader.wait_for_function(
        "(() => { const i = document.querySelector('article .body img');"
        " return i.complete && i.naturalWidth > 0; })()"
    )
    events = list(Article.objects.get().events.values_list("action", flat=True))
    assert events == ["published", "submitted", "sent_back", "submitted", "created"]


def test_superuser_sets_up_a_colleague_and_a_category(office, live_server):
    make_user("quantri", "superuser")
    admin = office("quantri")
    admin.goto(live_server.url + "/admin/auth/user/add/")
    assert_fits(admin, "superuser: add user")
    admin.fill("#id_username", "thuy")
    admin.fill("#id_password1", "mat-khau-dai-123")
    admin.fill("#id_password2", "mat-khau-dai-123")
    admin.get_by_label("Họ và tên đệm").fill("Nguyễn Minh")
    admin.fill("#id_first_name", "Thuy")
    # A role on a site: this one (the host the superuser is on), chosen already.
    admin.select_option("#id_memberships-0-role", "duyet-bai")
    admin.check("#id_is_staff")
    admin.click("input[name=_save]")
    admin.wait_for_selector(".messagelist .success")
    admin.goto(live_server.url + "/admin/auth/user/")
    assert "Nguyễn Minh Thuy" in admin.inner_text("#result_list")
    admin.goto(live_server.url + "/admin/news/category/add/")
    assert_fits(admin, "superuser: add category")
    admin.fill("#id_name", "Chuyển đổi số")
    admin.click("input[name=_save]")
    admin.wait_for_selector(".messagelist .success")
    # The new approver logs in and finds the approver's desk.
    approver = office("thuy")
    assert approver.locator("#so-bai-cho-duyet").count() == 1


def test_staff_without_a_role_is_told_so_and_reaches_nothing(office, live_server):
    make_user("khach")
    page = office("khach")
    assert "Bạn không có quyền xem hoặc chỉnh sửa bất cứ gì." in page.inner_text("#content")
    assert page.goto(live_server.url + "/admin/news/article/").status == 403


# --- autosave ------------------------------------------------------------------------------
def test_a_closed_tab_gives_its_text_back_and_logging_out_clears_it(office, live_server):
    make_category(name="Tin tức - Sự kiện")
    person("lan", EDITOR, "Nguyễn Thị", "Lan")
    page = office("lan")
    page.goto(live_server.url + "/admin/news/article/add/")
    wait_for_editor(page)
    page.fill("#id_title", "Bài đang viết dở")
    editable(page).click()
    page.keyboard.type("Đoạn văn chưa kịp lưu.")
    page.wait_for_timeout(1200)  # the autosave waits for a pause in the typing
    context = page.context
    page.close()  # the tab is closed (or the browser crashed)

    again = context.new_page()
    again.goto(live_server.url + "/admin/news/article/add/")
    wait_for_editor(again)
    offer = again.locator("#ban-khoi-phuc")
    assert "còn giữ nội dung bạn đang soạn dở" in offer.inner_text()
    assert again.input_value("#id_title") == ""
    offer.get_by_role("button", name="Khôi phục nội dung đó").click()
    assert again.input_value("#id_title") == "Bài đang viết dở"
    assert "Đoạn văn chưa kịp lưu." in again.evaluate("CKEDITOR.instances.id_body.getData()")

    # Another user on the same PC is offered nothing; logging out clears the draft.
    keys = "Object.keys(localStorage).filter(k => k.startsWith('chauthanh.desk'))"
    assert len(again.evaluate(keys)) == 1
    with again.expect_navigation():
        again.click("#logout-form button")
    assert again.evaluate(keys) == []


def test_a_session_that_expires_mid_edit_loses_nothing(office, live_server):
    lan = person("lan", EDITOR, "Nguyễn Thị", "Lan")
    article = make_article(status="draft", published_at=None, created_by=lan)
    page = office("lan")
    page.goto(live_server.url + f"/admin/news/article/{article.pk}/change/")
    wait_for_editor(page)
    page.fill("#id_lead", "Sapo viết lại trong lúc phiên đăng nhập hết hạn.")
    editable(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Câu thêm vào cuối bài.")
    Session.objects.all().delete()  # 30 idle minutes later, on the server
    page.click("input[name=_save]")
    page.wait_for_selector("#id_username")  # the admin asks to log in again
    log_in(page, live_server, "lan", path=None)
    page.wait_for_url(f"**/admin/news/article/{article.pk}/change/")
    wait_for_editor(page)
    assert "trước khi phiên đăng nhập hết hạn" in page.inner_text("#ban-khoi-phuc")
    assert page.input_value("#id_lead") == "Sapo viết lại trong lúc phiên đăng nhập hết hạn."
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.lead == "Sapo viết lại trong lúc phiên đăng nhập hết hạn."
    assert "Câu thêm vào cuối bài." in article.body
    # Saved: nothing is kept in the browser any more.
    keys = "Object.keys(localStorage).filter(k => k.startsWith('chauthanh.desk'))"
    page.goto(live_server.url + f"/admin/news/article/{article.pk}/change/")
    assert page.evaluate(keys) == []
