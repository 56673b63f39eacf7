"""`make screenshots`: the portal's main pages at 360, 768 and 1280 px into docs/screenshots/,
so a reviewer sees the look without running anything (issue 20).

A throw-away SQLite database with the 35-NQ/TW report, a few more articles, today's work
schedule and a procedure; gunicorn on loopback with DEBUG off (the site as the public sees it);
Debian's Chromium through Playwright. Each picture is the whole page, as JPEG.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, base_env, manage, start_gunicorn, stop  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTHS = [360, 768, 1280]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

FILL = """
from datetime import time
from django.utils import timezone
from news.models import Article
from people.models import Person
from schedules.models import WorkEntry, Status
report = Article.objects.get()
for n, title in enumerate([
    "Xã Hòa Lợi ra quân thực hiện chiến dịch giao thông nông thôn",
    "Hội nghị tổng kết công tác cải cách hành chính năm 2026",
    "Trao 50 suất quà cho hộ nghèo nhân dịp cuối năm",
    "Tập huấn chuyển đổi số cho cán bộ cấp xã",
    "Ra mắt mô hình tổ tự quản về an ninh trật tự",
]):
    Article.objects.create(
        site=report.site, category=report.category, title=title, status=report.status,
        lead="Tin mẫu cho ảnh chụp màn hình của giao diện cổng thông tin.",
        body="<p>Nội dung mẫu.</p>", published_at=timezone.now() - timezone.timedelta(hours=n + 1),
    )
leader = Person.objects.create(name="Nguyễn Văn An", position="Chủ tịch UBND xã")
entry = WorkEntry.objects.create(day=timezone.localdate(), start=time(7, 30), end=time(9, 0),
    content="Họp giao ban Ban Thường trực Ủy ban nhân dân xã", venue="Hội trường UBND xã",
    status=Status.PUBLISHED, published_at=timezone.now())
entry.leaders.add(leader)
# Issue 19's sections: a current notice (the home's "Thông báo" block) and a small organisation.
from news.models import Category
from news.notices import ensure_notice_categories
ensure_notice_categories(Category, report.site_id)
Article.objects.create(
    site=report.site, category=Category.objects.get(site=report.site, name="Thông báo"),
    title="Thông báo lịch tiếp công dân tháng 12/2026", status=report.status,
    lead="Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân xã.", body="<p>Nội dung mẫu.</p>",
    published_at=timezone.now() - timezone.timedelta(minutes=30),
    notice_until=timezone.now() + timezone.timedelta(days=10),
)
from organisation import services
from organisation.models import Unit
ubnd = services.save_unit(Unit(name="Ủy ban nhân dân xã", phone="0294 3855 001",
    functions="Quản lý nhà nước trên địa bàn xã"))
office = services.save_unit(Unit(name="Văn phòng HĐND và UBND", functions="Tham mưu"), ubnd)
services.save_unit(Unit(name="Bộ phận Tiếp nhận và trả kết quả"), office)
services.save_unit(Unit(name="Phòng Kinh tế"), ubnd)
leader.unit, leader.is_spokesperson = ubnd, True
leader.save()
print(report.get_absolute_url())
"""


def main():
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = base_env(f"sqlite:///{tmp / 'db.sqlite3'}", tmp / "static", tmp / "media")
        env.update(STATIC_FROM_SOURCE="true", SERVE_MEDIA="true", PAGE_CACHE_SECONDS="0")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "loaddata", "nq35_report", "-v0")
        article = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", FILL], cwd=ROOT, env=env,
            capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        server, url = start_gunicorn(env, 2)
        pages = {
            "home": "/",
            "article": article,
            "category": "/chuyen-muc/tin-tuc-su-kien/",
            "document-library": "/van-ban/",
            "document": "/van-ban/",  # replaced by the first document's address below
            "search": "/tim-kiem/?q=nghi+quyet+35",
            "schedule": "/lich-cong-tac/",
            "organisation": "/gioi-thieu/co-cau-to-chuc/",
        }
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for width in WIDTHS:
                    context = browser.new_context(
                        viewport={"width": width, "height": 900}, locale="vi-VN"
                    )
                    tab = context.new_page()
                    for name, path in pages.items():
                        if name == "document":
                            tab.goto(url + "/van-ban/")
                            path = tab.locator("table.documents a").first.get_attribute("href")
                        tab.goto(url + path, wait_until="networkidle")
                        target = OUT / f"{name}-{width}.jpg"
                        tab.screenshot(path=target, full_page=True, type="jpeg", quality=70)
                        print(target.relative_to(ROOT))
                    context.close()
                browser.close()
        finally:
            stop(server)


if __name__ == "__main__":
    main()
