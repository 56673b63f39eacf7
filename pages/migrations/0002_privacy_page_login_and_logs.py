"""The privacy page's default text now says what login protection and logs keep (issue 21).

A site whose page still holds the old default gets the new one; an edited page is left alone
(its editors are told in the README to add the two sections).
"""

from django.db import migrations

OLD_MARKER = "<h2>Cỡ chữ</h2>"
NEW_MARKER = "<h2>Đăng nhập của Ban Biên tập</h2>"


def update_default_text(apps, schema_editor):
    from pages.defaults import PRIVACY

    Page = apps.get_model("pages", "Page")
    for page in Page.objects.filter(kind="bao-mat"):
        untouched = OLD_MARKER in page.body and NEW_MARKER not in page.body
        if untouched and page.body.strip() == _old_default().strip():
            page.body = PRIVACY
            page.save(update_fields=["body"])


def _old_default():
    """The default before this migration: today's without the sections added since (the login
    and logs sections here, and the citizens' section of migration 0004)."""
    from pages.defaults import PRIVACY

    start = PRIVACY.index(NEW_MARKER)
    end = PRIVACY.index("<h2>Không có mã của bên thứ ba</h2>")
    text = PRIVACY[:start] + PRIVACY[end:]
    citizens = text.index("<h2>Hỏi đáp, góp ý, phản ánh, kiến nghị</h2>")
    return text[:citizens] + text[text.index("<h2>Quyền của bạn</h2>") :]


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]
    operations = [migrations.RunPython(update_default_text, migrations.RunPython.noop)]
