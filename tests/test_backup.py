"""make backup / make restore: a round trip into an empty database gives the same content."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from .factories import make_article, make_document, make_image
from .servers import database_url, manage, production_env


def media_tree(root):
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def empty_database(tmp_path, django_db_blocker):
    """An empty database of this pass's engine, for another process to restore into."""
    if connection.vendor != "postgresql":
        yield database_url({"ENGINE": "sqlite3", "NAME": tmp_path / "restored.sqlite3"})
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url(connection.settings_dict, name)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_with_the_same_content(
    tmp_path, media_root, empty_database
):
    call_command("loaddata", "nq35_report", verbosity=0)
    article = make_article(title="Hội nghị sơ kết “35-NQ/TW” — Châu Thành")
    make_image(article, caption="Ảnh có chú thích tiếng Việt")
    document = make_document(symbol="12-NQ/HU")
    document.file.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    from citizens.models import private_storage  # a citizen's attachment, outside the media

    private_storage().save("citizens/2026/11/tep.pdf", ContentFile(b"%PDF-1.4 private"))
    source = StringIO()
    call_command("dumpdata", "--indent=0", stdout=source)

    out = StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    [bundle] = (tmp_path / "backups").glob("chauthanh-*.tar")
    assert str(bundle) in out.getvalue()

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    env = production_env(
        DATABASE_URL=empty_database, MEDIA_ROOT=restored_media, PRIVATE_MEDIA_ROOT=restored_private
    )
    restored = manage("restore", str(bundle), env=env)
    assert "Restored the backup" in restored.stdout
    dumped = manage("dumpdata", "--indent=0", env=env).stdout
    assert json.loads(dumped) == json.loads(source.getvalue())
    assert media_tree(restored_media) == media_tree(media_root)
    assert len(media_tree(media_root)) >= 8  # the report's photos, the new photo, the PDF
    restored_file = restored_private / "citizens/2026/11/tep.pdf"
    assert restored_file.read_bytes() == b"%PDF-1.4 private"

    again = manage("restore", str(bundle), env=env, check=False)
    assert again.returncode != 0 and "The database is not empty" in again.stderr


# transaction=True: SQLite's backup API waits for the open transaction a plain test holds.
@pytest.mark.django_db(transaction=True)
def test_backup_keeps_only_the_newest(tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    for stamp in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (backups / f"chauthanh-{stamp}.tar").write_bytes(b"")
    call_command("backup", output_dir=str(backups), keep=2, stdout=StringIO())
    names = sorted(p.name for p in backups.glob("chauthanh-*.tar"))
    assert len(names) == 2 and "chauthanh-20260103-000000.tar" in names


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_that_writes_outside(tmp_path):
    import io
    import tarfile

    from django.core.management import CommandError

    bundle = tmp_path / "evil.tar"
    with tarfile.open(bundle, "w") as tar:
        manifest = json.dumps({"database": connection.vendor, "created": "x"}).encode()
        for name, data in (("manifest.json", manifest), ("../../thoat.txt", b"x")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="Unexpected entry"):
        call_command("restore", str(bundle), force=True)
    assert not (tmp_path.parent / "thoat.txt").exists()
