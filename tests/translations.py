"""The message ids of Django, django-axes and django-reversion, for the translation tests.

Django ships its English catalogues (every id of the installed version); django-axes and
django-reversion do not, so their ids are the union of every catalogue they ship.
"""

import re
from functools import cache
from pathlib import Path

import axes
import django
import polib
import reversion

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "locale" / "vi" / "LC_MESSAGES"
DJANGO = Path(django.__file__).parent
DJANGO_CATALOGUES = {
    "django": [
        DJANGO / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
        *(
            DJANGO / "contrib" / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
            for app in ("admin", "auth", "contenttypes", "sessions", "humanize")
        ),
    ],
    "djangojs": [DJANGO / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"],
}
PACKAGES = [Path(axes.__file__).parent, Path(reversion.__file__).parent]


def key(entry):
    return (entry.msgctxt, entry.msgid)


@cache
def message_ids(domain):
    """{(msgctxt, msgid): msgid_plural} of the installed versions."""
    ids = {}
    paths = list(DJANGO_CATALOGUES[domain])
    if domain == "django":
        for package in PACKAGES:
            paths += sorted(package.glob("locale/*/LC_MESSAGES/django.po"))
    for path in paths:
        for entry in polib.pofile(str(path)):
            # Ids like DATETIME_FORMAT choose formats, not words (news/formats decides those).
            if entry.msgid and not entry.obsolete and not entry.msgid.isupper():
                ids.setdefault(key(entry), entry.msgid_plural)
    return ids


@cache
def ours(domain):
    return {key(entry): entry for entry in polib.pofile(str(OURS / f"{domain}.po"))}


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


@cache
def untranslated_patterns():
    """A regular expression per message id that would show if left untranslated: its
    placeholders match any text. Ids that read the same in Vietnamese ("IPv4", "%s KB") or
    that hold fewer than four letters besides placeholders cannot be told apart: skipped."""
    patterns = []
    for domain in ("django", "djangojs"):
        translations = ours(domain)
        for (context, msgid), plural in message_ids(domain).items():
            entry = translations.get((context, msgid))
            translated = entry and (entry.msgstr or entry.msgstr_plural.get(0, ""))
            for text in filter(None, (msgid, plural)):
                if (
                    translated == text
                    or len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", text))) < 4
                ):
                    continue
                parts = PLACEHOLDER.split(text.strip())
                patterns.append((text, re.compile("^" + ".+?".join(map(re.escape, parts)) + "$")))
    return patterns


def untranslated(texts):
    """The texts equal to an English message id (placeholders filled in)."""
    found = []
    for text in texts:
        clean = " ".join(text.split())
        for msgid, pattern in untranslated_patterns():
            if pattern.match(clean):
                found.append((clean, msgid))
                break
    return found
