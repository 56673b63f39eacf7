"""The privacy page's default text now says what the citizens' section keeps (issue 18): consent
per purpose, who reads a message, how long contact data is kept, the person's own link, the
rate limit's hashed network and the anonymous rating.

A site whose page still holds the previous default gets the new one; an edited page is left
alone (the README tells its editors what to add).
"""

from django.db import migrations

NEW_SECTION = "<h2>Hỏi đáp, góp ý, phản ánh, kiến nghị</h2>"
NEXT_SECTION = "<h2>Quyền của bạn</h2>"


def _previous_default():
    from pages.defaults import PRIVACY

    return PRIVACY[: PRIVACY.index(NEW_SECTION)] + PRIVACY[PRIVACY.index(NEXT_SECTION) :]


def update_default_text(apps, schema_editor):
    from pages.defaults import PRIVACY

    Page = apps.get_model("pages", "Page")
    previous = _previous_default().strip()
    for page in Page.objects.filter(kind="bao-mat"):
        if page.body.strip() == previous:
            page.body = PRIVACY
            page.save(update_fields=["body"])


def restore_previous_text(apps, schema_editor):
    from pages.defaults import PRIVACY

    Page = apps.get_model("pages", "Page")
    for page in Page.objects.filter(kind="bao-mat"):
        if page.body.strip() == PRIVACY.strip():
            page.body = _previous_default()
            page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_sites")]
    operations = [migrations.RunPython(update_default_text, restore_previous_text)]
