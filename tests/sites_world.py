"""Three sites with the same slugs, for the isolation tests: a province portal and two of its
communes, each with the same category, article, draft, page and document slugs, its own words
in every title (so a page that shows another site's content is caught by a substring), and
people in every role.

    tinh      vinhlong.gov.vn          "Vĩnh Long"   shares 35-NQ/TW with its communes
    hoa-loi   hoaloi.vinhlong.gov.vn   "Hòa Lợi"     cites 35-NQ/TW: the province's copy
    song-loc  songloc.vinhlong.gov.vn  "Song Lộc"    cites 35-NQ/TW: its own copy first

Each site answers at `<code>.localhost` too (multisite.resolver), which the tests use.
"""

from dataclasses import dataclass, field
from datetime import date

from documents.models import Document
from multisite import services
from news.models import Article, Category
from organisation.models import Introduction
from pages.models import Link, Page
from photos.models import Photo

from .factories import image_file, make_article, make_user

WORDS = {"tinh": "Vĩnh Long", "hoa-loi": "Hòa Lợi", "song-loc": "Song Lộc"}
SHARED_SLUG = "hoi-nghi-so-ket"  # every site has an article with this slug
DRAFT_SLUG = "du-thao-ke-hoach"
REFERENCE = "Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII."
ALLOWED = [".localhost", "testserver"]


@dataclass
class World:
    sites: dict = field(default_factory=dict)  # code -> Site
    articles: dict = field(default_factory=dict)  # code -> the shared-slug article
    own_articles: dict = field(default_factory=dict)  # code -> an article with its own slug
    drafts: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)  # code -> its "12-NQ/ĐU"
    photos: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)  # "editor-hoa-loi" -> User

    @staticmethod
    def host(code):
        return f"{code}.localhost"


def build_world(settings):
    settings.ALLOWED_HOSTS = ALLOWED
    world = World()
    tinh = services.create_site(
        "vinhlong.gov.vn", "Cổng thông tin điện tử tỉnh Vĩnh Long", code="tinh"
    )
    world.sites["tinh"] = tinh
    for code, domain in (
        ("hoa-loi", "hoaloi.vinhlong.gov.vn"),
        ("song-loc", "songloc.vinhlong.gov.vn"),
    ):
        name = f"Trang thông tin điện tử xã {WORDS[code]}"
        world.sites[code] = services.create_site(domain, name, parent=tinh, code=code)
    # Song Lộc files its own copy: its articles cite it, not the province's (made after it,
    # so that the province's is the newer row: only the rule, not the order, can pick).
    world.documents["own-35"] = Document.objects.create(
        site=world.sites["song-loc"], symbol="35-NQ/TW", issued_on=date(2018, 10, 22),
        doc_type="nghi-quyet", issuing_body="Bộ Chính trị", title="Bản xã Song Lộc lưu",
    )  # fmt: skip
    world.documents["shared"] = Document.objects.create(
        site=tinh, symbol="35-NQ/TW", issued_on=date(2018, 10, 22), doc_type="nghi-quyet",
        issuing_body="Bộ Chính trị", title="Bản tỉnh Vĩnh Long lưu",
    )  # fmt: skip
    for code, site in world.sites.items():
        fill_site(world, code, site)
    world.people["superuser"] = make_user("quantri", "superuser")
    return world


def fill_site(world, code, site):
    word = WORDS[code]
    category = Category.objects.get(site=site, slug="tin-tuc-su-kien")
    world.categories[code] = category
    Category.objects.create(site=site, name=f"Nông thôn mới {word}", order=9)
    world.articles[code] = make_article(
        site=site, category=category, slug=SHARED_SLUG, title=f"Hội nghị sơ kết tại {word}",
        body=f"<p>{REFERENCE}</p><p>Tin riêng của {word}.</p>",
    )  # fmt: skip
    world.own_articles[code] = make_article(
        site=site, category=category, slug=f"rieng-{code}", title=f"Tin riêng {word}"
    )
    world.drafts[code] = make_article(
        site=site, category=category, slug=DRAFT_SLUG, title=f"Dự thảo kế hoạch {word}",
        status=Article.Status.DRAFT, published_at=None,
    )  # fmt: skip
    Introduction.objects.create(site=site, overview=f"<p>Giới thiệu {word}.</p>")  # issue 19
    Page.objects.create(site=site, title=f"Trang riêng {word}", slug=f"trang-{code}")
    Link.objects.create(site=site, name=f"Cổng {word}", url=f"https://{site.domain}/")
    world.documents[code] = Document.objects.create(
        site=site, symbol="12-NQ/ĐU", issued_on=date(2024, 3, 1), doc_type="nghi-quyet",
        issuing_body=f"Đảng ủy {word}", title=f"Nghị quyết của Đảng ủy {word}",
    )  # fmt: skip
    world.photos[code] = Photo.objects.create(
        site=site, image=image_file(size=(64, 48)), alt=f"Ảnh {word}", caption=f"Ảnh {word}"
    )
    for role, name in (("editor", "Biên tập viên"), ("approver", "Duyệt bài")):
        world.people[f"{role}-{code}"] = make_user(f"{role}-{code}", name, site=site)
    world.people[f"admin-{code}"] = make_user(f"admin-{code}", "Quản trị trang", site=site)
