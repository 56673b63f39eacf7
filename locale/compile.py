"""`make messages`: compile locale/*/LC_MESSAGES/*.po into .mo with polib (no system gettext)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent


def compile_all():
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(LOCALE.parent)}")


if __name__ == "__main__":
    compile_all()
