"""The public pages every whole-site check visits (HTML validity, accessibility, widths)."""

from django.core.management import call_command

from documents.models import Document
from news.models import Article
from news.views import older_cursor
from pages.models import Page

from .factories import image_file, make_article, make_person, make_work_entry


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
    # (The "Giới thiệu" page redirects to its section, organisation_pages() below.)
    for page in Page.objects.published().exclude(kind=Page.Kind.ABOUT):
        urls[page.title] = page.get_absolute_url()
    urls.update(schedule_pages())
    urls.update(disclosure_pages())  # Công khai (issue 19 part B)
    urls.update(organisation_pages())  # Giới thiệu, Tiếp cận thông tin, /en/ (issue 19)
    urls.update(notice_pages())  # issue 19C
    urls.update(gallery_pages())  # thư viện ảnh, video (issue 19 D)
    return urls


def notice_pages():
    """A notice with two attachments (also in the home's "Thông báo" block) and a planned
    maintenance banner, which every page then shows; returns {name: path}."""
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from multisite import default_site
    from news.models import ArticleAttachment, Category
    from news.notices import ensure_notice_categories
    from notices.models import SiteNotice

    site, now = default_site(), timezone.now()
    ensure_notice_categories(Category, site.pk)
    notice = make_article(
        title="Giấy mời dự Hội nghị sơ kết 6 tháng", notice_until=now + timedelta(days=5),
        category=Category.objects.get(site=site, name="Giấy mời"),
    )  # fmt: skip
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    for title, name in (("Giấy mời", "giay-moi.pdf"), ("", "chuong-trinh-hoi-nghi.pdf")):
        ArticleAttachment.objects.create(
            article=notice, title=title, file=SimpleUploadedFile(name, pdf, "application/pdf")
        )
    SiteNotice.objects.create(
        site=site, level=SiteNotice.Level.MAINTENANCE, text="Nâng cấp máy chủ định kỳ.",
        shown_from=now - timedelta(hours=1), shown_until=now + timedelta(days=12),
        maintenance_from=now + timedelta(days=11), recovery_at=now + timedelta(days=11, hours=4),
    )  # fmt: skip
    return {"notice with attachments": notice.get_absolute_url()}


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


def disclosure_pages():
    """Công khai (disclosures/, issue 19 part B): the section, filtered by type and year, a
    disclosure with a file of the library, and the list of information that must be public."""
    from django.core.files.base import ContentFile

    from disclosures.models import Disclosure

    document = Document.objects.get(symbol="35-NQ/TW")
    document.file.save("nghi-quyet-35.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    budget = Disclosure.objects.create(
        type="ngan-sach", stage="du-toan", year=2026,
        summary="Tổng thu ngân sách trên địa bàn: 12.500 triệu đồng.\nTổng chi: 12.300 triệu đồng.",
    )  # fmt: skip
    budget.documents.add(document)
    Disclosure.objects.create(type="mua-sam-dau-thau", year=2025, period="quy-2")
    return {
        "disclosures": "/cong-khai/",
        "disclosures by type and year": "/cong-khai/?loai=ngan-sach&nam=2026",
        "disclosures, none chosen": "/cong-khai/?nam=2019",
        "disclosure": budget.get_absolute_url(),
        "information that must be public": "/cong-khai/danh-muc-thong-tin-phai-cong-khai/",
    }


def organisation_pages():
    """The "Giới thiệu" section filled as an office would (a tree of three levels, the
    spokesperson, the focal person, channels, an English text), the access-to-information
    page and the English section; returns {name: path}."""
    from organisation import services
    from organisation.models import Channel, Introduction, Unit

    committee = services.save_unit(Unit(
        name="Ủy ban nhân dân xã", name_en="People's Committee", address="Số 1 đường 30/4",
        phone="0294 3855 001", email="ubnd@example.vn",
        functions="Quản lý nhà nước trên địa bàn xã\nThực hiện nghị quyết của Hội đồng nhân dân",
    ))  # fmt: skip
    office = services.save_unit(
        Unit(name="Văn phòng HĐND và UBND", functions="Tham mưu tổng hợp"), committee
    )
    services.save_unit(Unit(name="Bộ phận Tiếp nhận và trả kết quả", phone="0294 3855 002"),
                       office)  # fmt: skip
    services.save_unit(Unit(name="Phòng Kinh tế"), committee)
    make_person(name="Lê Thị Hoa", photo=image_file("chan-dung.jpg", size=(300, 400)),
                position="Phó Chủ tịch UBND xã", unit=committee,
                position_en="Vice Chairwoman", is_spokesperson=True,
                biography="Sinh năm 1980, quê xã Hòa Lợi.\nCử nhân Luật.",
                duties="Phụ trách văn hóa - xã hội\nNgười phát ngôn của Ủy ban nhân dân xã",
                official_phone="0294 3855 101", official_email="hoa@example.vn")  # fmt: skip
    make_person(name="Phạm Văn Tâm", position="Công chức Văn phòng - Thống kê", unit=office,
                is_information_focal=True, official_email="tam@example.vn")  # fmt: skip
    Channel.objects.create(network="facebook", name="Ủy ban nhân dân xã",
                           url="https://www.facebook.com/ubndxa")  # fmt: skip
    intro = Introduction.objects.create(
        overview="<h2>Vị trí địa lý</h2><p>Xã nằm ven sông Cổ Chiên.</p>",
        overview_en="<h2>Location</h2><p>The commune lies on the Co Chien river.</p>",
        unit_name_en="People's Committee of the commune",
        request_guide="<p>Tiếp nhận yêu cầu trong giờ hành chính các ngày làm việc.</p>",
    )  # fmt: skip
    intro.request_forms.set(Document.objects.filter(symbol="35-NQ/TW"))
    return {
        "about": "/gioi-thieu/",
        "organisation chart": "/gioi-thieu/co-cau-to-chuc/",
        "leaders": "/gioi-thieu/lanh-dao/",
        "contacts": "/gioi-thieu/lien-he/",
        "access to information": "/tiep-can-thong-tin/",
        "english: about": "/en/",
        "english: organisation": "/en/organisation/",
        "english: contacts": "/en/contacts/",
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
