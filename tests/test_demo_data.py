"""`generate_demo_data`: deterministic demo content whose links and search index are consistent."""

import io

import pytest
from django.core.management import call_command

from documents.models import Mention
from news.models import Article
from search.models import SearchEntry
from visitors.models import DailyStats


def generate(**options):
    out = io.StringIO()
    call_command("generate_demo_data", stdout=out, **options)
    return out.getvalue()


def demo_titles():
    return list(Article.objects.order_by("slug").values_list("slug", "title", "category__name"))


@pytest.mark.django_db
def test_demo_data_is_deterministic_for_a_seed():
    output = generate(articles=60, seed=3, documents=8, days=10)
    assert "60/60" in output
    first = demo_titles()
    Article.objects.all().delete()
    generate(articles=60, seed=3, documents=8, days=10)
    assert demo_titles() == first and len(first) == 60
    # Vietnamese with its proper names intact ("Châu Thành", "Đảng" keep their capitals).
    assert [
        t
        for _, t, _ in first
        if not any(w in t for w in ("Châu Thành", "Xã", "xã", "huyện", "Huyện"))
    ] == []
    assert not any("châu thành" in t for _, t, _ in first)


@pytest.mark.django_db
def test_demo_articles_are_public_searchable_and_linked_to_their_documents(client):
    generate(articles=80, seed=5, documents=8, days=30)
    assert Article.objects.published().count() == 80
    assert SearchEntry.objects.filter(kind="bai-viet").count() == 80
    citing = Article.objects.filter(body__contains="/HU ngày")
    assert citing.exists()
    for article in citing:
        assert article.documents.count() == 1
        assert Mention.objects.filter(article=article).count() == 1
    assert DailyStats.objects.count() == 30
    assert client.get("/tim-kiem/", {"q": "nong thon moi"}).status_code == 200


@pytest.mark.django_db
def test_running_twice_adds_no_duplicates():
    generate(articles=20, seed=9, documents=4, days=5)
    generate(articles=20, seed=9, documents=4, days=5)
    assert Article.objects.count() == 20


@pytest.mark.django_db
def test_demo_articles_have_small_photos_with_renditions_as_covers(client):
    from django.core.files.storage import default_storage
    from PIL import Image

    from photos.pipeline import rendition_names

    output = generate(articles=45, seed=4, documents=4, days=3)
    with_cover = Article.objects.exclude(cover="")
    assert "photos: 12" in output and 30 <= with_cover.count() <= 42  # about 4 in 5
    names = set(with_cover.values_list("cover", flat=True))
    assert len(names) == 12
    for name in names:
        with default_storage.open(name) as f:
            assert Image.open(f).size == (800, 450)
        assert all(default_storage.exists(n) for n in rendition_names(name, 800))
    article = with_cover.first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'width="800" height="450"' in html and "ảnh mẫu số" in html
    # A second run finds the files and the covers in place.
    assert "covers given: 0" in generate(articles=45, seed=4, documents=4, days=3)


@pytest.mark.django_db
def test_sites_makes_a_province_and_its_communes_each_with_its_own_content(client, settings):
    from multisite.models import SiteProfile
    from visitors.models import VisitorTotals

    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    output = generate(sites=3, articles=12, seed=2, documents=20, days=5)
    assert "site 3/3: xa-02.localhost" in output
    province = SiteProfile.objects.get(is_default=True)
    communes = SiteProfile.objects.filter(parent=province.site).order_by("code")
    assert [c.code for c in communes] == ["xa-01", "xa-02"]
    assert province.site_name == "Trang thông tin điện tử tỉnh Vĩnh Long (dữ liệu mẫu)"
    assert [c.name_line_2 for c in communes] == ["XÃ AN HIỆP", "XÃ AN KHÁNH"]
    for profile in [province, *communes]:  # each site's articles are its own
        assert Article.objects.filter(site=profile.site).count() == 12
    for code in ("xa-01", "xa-02"):
        assert Article.objects.filter(slug__startswith=f"demo-2-{code}-").count() == 12
    assert Article.objects.count() == 36
    # Each site its own statistics and total; a commune a tenth of the province's documents.
    for profile in [province, *communes]:
        assert DailyStats.objects.filter(site=profile.site).count() == 5
        assert VisitorTotals.objects.filter(site=profile.site).exists()
    assert "2 documents" not in output and "documents: 20" in output and "documents: 2" in output
    home = client.get("/", HTTP_HOST="xa-01.localhost:8000")
    assert home.status_code == 200
    assert "Trang thông tin điện tử xã An Hiệp" in home.content.decode()
    generate(sites=3, articles=12, seed=2, documents=20, days=5)  # again: nothing new
    assert Article.objects.count() == 36 and SiteProfile.objects.count() == 3
