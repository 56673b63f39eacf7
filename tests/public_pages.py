"""The public pages every whole-site check visits (HTML validity, accessibility, widths)."""

from django.core.management import call_command

from documents.models import Document
from news.models import Article
from news.views import older_cursor
from pages.models import Page

from .factories import make_article, make_person, make_work_entry


def public_pages():
    """Load the 35-NQ/TW report plus enough articles to paginate; return {name: path}."""
    call_command("loaddata", "nq35_report", verbosity=0)
    report = Article.objects.get()
    for _ in range(16):
        make_article(category=report.category)
    urls = {
        "home": "/",
        "category": report.category.get_absolute_url(),
        "category, page 2": report.category.get_absolute_url() + "?page=2",
        # A "Tin cũ hơn" page (keyset), starting after the article on page 1's fifth row.
        "category, older": report.category.get_absolute_url()
        + "?truoc="
        + older_cursor(Article.objects.order_by("-published_at", "-pk")[4]),
        "article": report.get_absolute_url(),
        "document list": "/van-ban/",
        "document": Document.objects.get(symbol="35-NQ/TW").get_absolute_url(),
        "site map": "/so-do-trang/",
        "not found": "/khong-co-trang-nay/",
        "search": "/tim-kiem/?q=nghi+quyet+35",
        # Citizens write to the unit (citizens/)
        "intake": "/gui-y-kien/",
        "question form": "/gui-y-kien/hoi-dap/",
        "report form": "/gui-y-kien/phan-anh/",
        "questions and answers": "/hoi-dap/",
        "drafts open for comment": "/gop-y-du-thao/",
        **citizens_pages(report),
    }
    for page in Page.objects.published():
        urls[page.title] = page.get_absolute_url()
    urls.update(schedule_pages())
    urls.update(gallery_pages())  # thư viện ảnh, video (issue 19 D)
    return urls


def citizens_pages(report):
    """A draft open for comment, a published answer and a person's own page."""
    from datetime import timedelta

    from django.contrib.sites.models import Site
    from django.utils import timezone

    from citizens import rights, services
    from citizens.models import Consultation, Topic

    draft = Consultation.objects.create(
        document=Document.objects.get(symbol="35-NQ/TW"), title="Dự thảo quy chế làm việc",
        opens_at=timezone.now() - timedelta(days=1), closes_at=timezone.now() + timedelta(days=9),
    )  # fmt: skip
    data = {
        "subject": "Thủ tục đăng ký khai sinh", "text": "Cần giấy tờ gì?\nXin cảm ơn.",
        "name": "Trần Thị B", "email": "b@example.vn", "initials": "T.T.B.",
        "topic": Topic.objects.create(name="Hộ tịch"),
    }  # fmt: skip
    question = services.submit(Site.objects.get(), "hoi-dap", data, ["xu-ly", "cong-khai"])
    question.answer = "<p>Giấy chứng sinh.</p>"
    services.answer(question, None)
    services.publish(question)
    return {
        "draft open for comment": draft.get_absolute_url(),
        "answer": question.get_absolute_url(),
        "a person's own page": f"/y-kien-cua-toi/{rights.token_for(question)}/",
    }


def schedule_pages():
    """This week's schedule (an adjusted entry among them), a day, citizen reception and the
    procedures, filled as an office would; returns {name: path}."""
    from datetime import time, timedelta

    from django.utils import timezone

    from procedures.models import Procedure
    from schedules import services
    from schedules.models import ReceptionDay, ReceptionInfo, WorkEntry

    today = timezone.localdate()
    chair = make_person(name="Nguyễn Văn An", position="Chủ tịch UBND xã", order=1)
    deputy = make_person(name="Trần Thị Bình", position="Phó Chủ tịch UBND xã", order=2)
    monday = today - timedelta(days=today.weekday())
    for offset, (hour, content) in enumerate([
        (7, "Họp giao ban lãnh đạo Ủy ban nhân dân xã đầu tuần"),
        (14, "Làm việc với Hợp tác xã nông nghiệp về kế hoạch sản xuất vụ Đông Xuân"),
        (8, "Tiếp đoàn kiểm tra của tỉnh về công tác cải cách hành chính"),
    ]):  # fmt: skip
        make_work_entry(
            [chair, deputy][: offset % 2 + 1], published=True, day=monday + timedelta(days=offset),
            start=time(hour, 0), end=time(hour + 2, 0), content=content,
            participants="Lãnh đạo UBND xã; công chức Văn phòng - Thống kê",
            preparing_unit="Văn phòng HĐND và UBND xã",
        )  # fmt: skip
    adjusted = make_work_entry([chair], published=True, day=today, start=time(9, 30),
                               content="Dự hội nghị trực tuyến của tỉnh")  # fmt: skip
    adjusted.venue = "Phòng họp trực tuyến"
    services.save_entry(adjusted, changed=["venue"])
    ReceptionInfo.objects.create(
        place="Trụ sở Tiếp công dân xã, số 1 đường 30/4",
        hours="Sáng 7 giờ 00 đến 11 giờ 00, chiều 13 giờ 00 đến 17 giờ 00\nCác ngày làm việc.",
    )
    reception = ReceptionDay.objects.create(
        day=today + timedelta(days=14), start=time(7, 30), end=time(11, 0), host=chair
    )
    services.publish(ReceptionDay.objects.filter(pk=reception.pk))
    procedure = Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch", level="Toàn trình",
        agency="UBND cấp xã", processing_time="Ngay trong ngày", fee="Miễn lệ phí",
        papers="Tờ khai đăng ký khai sinh\nGiấy chứng sinh", result="Giấy khai sinh",
        legal_basis="Luật Hộ tịch năm 2014",
    )  # fmt: skip
    assert WorkEntry.objects.published().count() == 4
    return {
        "work schedule": "/lich-cong-tac/",
        "work schedule, a day": f"/lich-cong-tac/ngay/{today.isoformat()}/",
        "citizen reception": "/lich-tiep-cong-dan/",
        "procedures": "/thu-tuc-hanh-chinh/",
        "procedures, searched": "/thu-tuc-hanh-chinh/?q=khai+sinh&linh-vuc=ho-tich",
        "procedure": procedure.get_absolute_url(),
    }


def gallery_pages():
    """A published album of three library photos and a video with subtitles; {name: path}."""
    from .gallery_data import make_album, make_video

    album = make_album(photos=3, published=True, title="Ngày hội Đại đoàn kết toàn dân tộc")
    video = make_video(published=True, title="Phóng sự: xây dựng nông thôn mới nâng cao")
    return {
        "photo albums": "/thu-vien-anh/",
        "photo album": album.get_absolute_url(),
        "videos": "/video/",
        "video": video.get_absolute_url(),
    }
