"""The migration to sites on a database built by the previous main commit: nothing lost or
changed, everything in the default site (code "main"), today's group members members of it;
then `migrate` backwards to that commit's state, which its own code reads as it left it.

"The previous main commit" is the newest commit of this history without sites (or
SITES_MIGRATION_BASE); its tree is exported with `git archive` (no worktree is made) and run
with this virtualenv, on SQLite or PostgreSQL as the pass is.
"""

import json
import os
import subprocess
import tarfile

import pytest

from .conftest import require
from .servers import PYTHON, ROOT, database_beside_the_tests, production_env

pytestmark = pytest.mark.django_db

# Made with the previous code's own API: a workflow with versions, citations with an editor's
# choices, a gallery from the library, documents and their relation, pages, links, visitor
# history, an open edit page, the search index; two people in the two role groups.
SETUP = """
from datetime import date, timedelta
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone
from documents.models import Document, DocumentRelation, Sector
from documents.services import save_document
from editorial import presence, services
from news.models import Article, ArticleImage, Category
from news.services import save_article
from pages.models import Link, Page
from photos.models import Photo
from visitors.models import DailyStats, MonthlyStats
from PIL import Image
import io

def person(username, group):
    user = User.objects.create_user(username, username + "@example.vn", "x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user

lan, hung = person("lan", "Biên tập viên"), person("hung", "Duyệt bài")
person("khach", None)
User.objects.create_superuser("quantri", "qt@example.vn", "x")
report = Article.objects.get()
category = Category.objects.create(name="Văn hóa - Xã hội")
sector = Sector.objects.create(name="Tuyên giáo")
kl53 = save_document(Document(symbol="53-KL/TW", doc_type="ket-luan", issuing_body="Ban Bí thư",
                               sector=sector, issued_on=date(2019, 8, 5)))
old = save_document(Document(symbol="18-NQ/TW", doc_type="nghi-quyet", issuing_body="BCH TW"))
DocumentRelation.objects.create(source=kl53, kind="sua-doi", target=old)
buffer = io.BytesIO()
Image.new("RGB", (64, 48), "#a40e0e").save(buffer, "JPEG")
image = ContentFile(buffer.getvalue(), "a.jpg")
photo = Photo.objects.create(image=image, alt="Ảnh", caption="Ảnh")
draft = save_article(Article(
    title="Bài của biên tập viên", category=category, created_by=lan, cover_photo=photo,
    body="<p>Theo Kết luận số 53-KL/TW ngày 05/8/2019 và Nghị quyết 35-NQ/TW.</p>",
))
ArticleImage.objects.create(article=draft, photo=photo.image.name, library_photo=photo, alt="Ảnh")
save_article(Article.objects.get(pk=draft.pk), documents=[kl53])  # the editor removed 35-NQ/TW
services.submit(draft, lan)
services.publish(Article.objects.get(pk=draft.pk), hung)
presence.touch(report, hung)
page = Page.objects.get(kind="gioi-thieu")
page.body = "<p>Giới thiệu đã sửa.</p>"
page.save()
Link.objects.create(name="Cổng tỉnh", url="https://travinh.gov.vn/")
today = timezone.localdate()
DailyStats.objects.create(day=today, visits=12, page_views=40)
long_ago = today.replace(day=1) - timedelta(days=400)
MonthlyStats.objects.create(month=long_ago.replace(day=1), visits=9, page_views=30)
"""

# Prints what the database holds, in terms both codes share; run by the old and the new code.
SNAPSHOT = """
import json
from django.apps import apps
from news.models import Article
LABELS = [
    "news.category", "news.article", "news.articleimage", "documents.document",
    "documents.documentrelation", "documents.mention", "documents.citationchoice",
    "documents.sector", "pages.page", "pages.link", "photos.photo", "search.searchentry",
    "search.searchword", "editorial.articleevent", "editorial.editpresence",
    "visitors.dailystats", "visitors.monthlystats", "pagecache.contentversion",
    "reversion.version", "reversion.revision", "auth.user",
]
out = {}
for label in LABELS:
    rows = apps.get_model(label).objects.values()
    # Visitor days and months were keyed by their date; per site they get an id of their own.
    skip = {"site_id", "id"} if label.startswith("visitors.") else {"site_id"}
    # The privacy page's default text is brought up to date by pages' own data migrations
    # (checked in CHECK_SITES); every other page is kept as it was.
    rows = [
        dict(row, body="(the privacy text)") if row.get("kind") == "bao-mat" else row
        for row in rows
    ]
    out[label] = sorted(
        json.dumps({k: str(v) for k, v in row.items() if k not in skip}, sort_keys=True)
        for row in rows
    )
links = Article.documents.through.objects.values_list("article_id", "document_id")
out["links"] = sorted(map(list, links))
out["urls"] = sorted(a.get_absolute_url() for a in Article.objects.all())
totals = apps.get_model("visitors", "VisitorTotals").objects.values_list("baseline", "visits")
out["totals"] = sorted(map(list, totals))
FIELDS = ["site_name", "managing_unit", "address", "responsible_person", "responsible_role",
          "phone", "fax", "email", "attribution_note", "credit_line", "map_image", "map_alt"]
try:
    identity = apps.get_model("news", "SiteIdentity").objects.get(code="main")
except LookupError:
    identity = apps.get_model("multisite", "SiteProfile").objects.get(is_default=True)
out["identity"] = {name: str(getattr(identity, name)) for name in FIELDS}
roles = {}
try:
    names = {"bien-tap-vien": "Biên tập viên", "duyet-bai": "Duyệt bài"}
    for m in apps.get_model("multisite", "Membership").objects.select_related("user"):
        roles.setdefault(m.user.username, []).append(names[m.role])
except LookupError:
    groups = apps.get_model("auth", "Group").objects
    for group in groups.filter(name__in=["Biên tập viên", "Duyệt bài"]):
        for user in group.user_set.all():
            roles.setdefault(user.username, []).append(group.name)
out["roles"] = {user: sorted(names) for user, names in roles.items()}
print(json.dumps(out, ensure_ascii=False))
"""

CHECK_SITES = """
import json
from django.apps import apps
from multisite.models import SiteContent, SiteProfile
default = SiteProfile.objects.get(is_default=True)
elsewhere = {
    model._meta.label: model.objects.exclude(site_id=default.pk).count()
    for model in apps.get_models() if issubclass(model, SiteContent)
}
sites = SiteProfile.objects.count()
from pages.defaults import PRIVACY
from pages.models import Page
privacy = Page.objects.get(kind="bao-mat").body == PRIVACY
found = {"code": default.code, "elsewhere": elsewhere, "sites": sites, "privacy": privacy}
print(json.dumps(found))
"""


def previous_main_commit():
    """SITES_MIGRATION_BASE, else the newest commit of this history that has no sites."""
    base = os.environ.get("SITES_MIGRATION_BASE")
    if base:
        return base
    try:
        commits = subprocess.run(  # noqa: S603
            ["git", "rev-list", "--date-order", "HEAD"], cwd=ROOT, capture_output=True,
            text=True, check=True, timeout=60,
        ).stdout.split()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    for commit in commits:
        probe = ["git", "cat-file", "-e", f"{commit}:multisite/apps.py"]
        if subprocess.run(probe, cwd=ROOT, capture_output=True, timeout=60).returncode:  # noqa: S603
            return commit
    return None


def run(tree, env, *args):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, f"{tree} {args}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
    return result.stdout


def snapshot(tree, env):
    return json.loads(run(tree, env, "shell", "-c", SNAPSHOT).strip().splitlines()[-1])


def number(version_rows):
    return int(json.loads(version_rows[0])["number"]) if version_rows else 0


@pytest.fixture(scope="module")
def previous_tree(tmp_path_factory):
    commit = previous_main_commit()
    require(commit, "the git history of the previous main commit")
    folder = tmp_path_factory.mktemp("previous")
    archive = folder / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", commit], cwd=ROOT, stdout=out, check=True, timeout=120)  # noqa: S603, S607
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "tree", filter="data")
    return folder / "tree"


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory, django_db_setup, django_db_blocker):
    """An empty database of its own, beside the test one (outside the test's transaction)."""
    base = tmp_path_factory.mktemp("sites_migration")
    with database_beside_the_tests(base, "sites_migration", django_db_blocker) as url:
        yield production_env(DATABASE_URL=url, MEDIA_ROOT=base / "media", LOG_FORMAT="plain")


def test_the_migration_keeps_everything_in_the_default_site_and_goes_back(
    previous_tree, empty_database
):
    env = empty_database
    run(previous_tree, env, "migrate", "--noinput")
    run(previous_tree, env, "ensure_report")
    run(previous_tree, env, "shell", "-c", SETUP)
    before = snapshot(previous_tree, env)
    assert before["roles"] == {"hung": ["Duyệt bài"], "lan": ["Biên tập viên"]}
    assert len(before["documents.mention"]) >= 5 and before["reversion.version"]

    run(ROOT, env, "migrate", "--noinput")
    after = snapshot(ROOT, env)
    # Issue 19: new columns (is_notice, notice_until), and a site in use gets its three notice
    # categories; everything else as it was.
    before_ids = {json.loads(row)["id"] for row in before["news.category"]}
    added = [json.loads(r) for r in after["news.category"] if json.loads(r)["id"] not in before_ids]
    assert sorted(row["name"] for row in added) == ["Giấy mời", "Thông báo", "Tài liệu họp"]
    for key, new_columns in {"news.category": "is_notice", "news.article": "notice_until"}.items():
        rows = [json.loads(row) for row in after[key]]
        after[key] = sorted(
            json.dumps({k: v for k, v in row.items() if k != new_columns}, sort_keys=True)
            for row in rows if row not in added
        )  # fmt: skip
    for key, rows in before.items():
        assert after[key] == rows, key  # the same rows, slugs, URLs, links, history
    sites = json.loads(run(ROOT, env, "shell", "-c", CHECK_SITES).strip().splitlines()[-1])
    assert sites["code"] == "main" and sites["sites"] == 1
    assert sites["privacy"]  # the default privacy text, as today's code writes it
    assert not any(sites["elsewhere"].values()), sites["elsewhere"]
    # The report is there once, at its address, for `ensure_report` too.
    assert "already loaded" in run(ROOT, env, "ensure_report")

    # Backwards: every sites migration, then the sites framework's own tables.
    run(ROOT, env, "migrate", "multisite", "zero", "--noinput")
    run(ROOT, env, "migrate", "sites", "zero", "--noinput")
    run(previous_tree, env, "migrate", "--check")  # nothing left to apply for the old code
    run(previous_tree, env, "migrate", "--noinput")  # its post_migrate (the role groups)
    back = snapshot(previous_tree, env)
    # Everything as it was; the content version only moved forward (migrate's own saves
    # of pages and roles bump it, which empties the page caches: harmless).
    version = "pagecache.contentversion"
    assert {k: v for k, v in back.items() if k != version} == {
        k: v for k, v in before.items() if k != version
    }
    assert number(back[version]) >= number(before[version])
