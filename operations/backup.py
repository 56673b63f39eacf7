"""Backups: one tar file holding the database (a PostgreSQL custom-format dump, or a SQLite copy
made through its backup API, since SQLite runs in WAL mode and `cp` could tear it) and the media.

Used by the `backup` and `restore` commands (make backup / make restore FILE=...).
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA_DIR = "media"
# Files citizens send (citizens/), kept outside the public media: backed up beside it.
PRIVATE_DIR = "private"
FORMAT_VERSION = 1


def pg_environment():
    """libpq's variables for pg_dump/pg_restore, so the password never shows in `ps`."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db["USER"] or ""}
    for key, var in (("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def dump_database(target):
    if connection.vendor == "postgresql":
        run(["pg_dump", "--format=custom", "--file", str(target)], pg_environment())
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
    else:
        raise CommandError(f"Backups of {connection.vendor} are not supported.")


def load_database(source):
    if connection.vendor == "postgresql":
        run(
            ["pg_restore", "--no-owner", "--no-acl", "--clean", "--if-exists", "--exit-on-error",
             "--dbname", connection.settings_dict["NAME"], str(source)],
            pg_environment(),
        )  # fmt: skip
        connection.close()  # the schema changed under this connection
    else:
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            src.backup(connection.connection)
        finally:
            src.close()


def run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


def create_backup(output_dir):
    """Writes chauthanh-<time>.tar in output_dir and returns its path. The file appears only
    when complete (written under a temporary name, then renamed)."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    # A backup holds every account's password hash and every unpublished draft: its owner only.
    output_dir.chmod(0o700)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    final = output_dir / f"chauthanh-{stamp}.tar"
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(dir=output_dir) as work:
        dump = Path(work) / DUMPS.get(vendor, "database")
        dump_database(dump)
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as tar:
            manifest = {
                "format": FORMAT_VERSION,
                "created": timezone.now().isoformat(),
                "database": vendor,
            }
            add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            tar.add(dump, arcname=dump.name)
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                tar.add(media_root, arcname=MEDIA_DIR)
            private_root = Path(settings.PRIVATE_MEDIA_ROOT)
            if private_root.is_dir():
                tar.add(private_root, arcname=PRIVATE_DIR)
        partial.chmod(0o600)
        os.replace(partial, final)
    return final


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def restore_backup(path, force=False):
    """Loads a backup into the configured database and MEDIA_ROOT. Refuses a database that
    already has tables unless `force` (then the backup's tables replace them)."""
    if not force and connection.introspection.table_names():
        raise CommandError(
            "The database is not empty. Restore into an empty database, or pass --force "
            "to replace its content with the backup's."
        )
    with tarfile.open(path, "r") as tar, tempfile.TemporaryDirectory() as work:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
        if manifest["database"] != connection.vendor:
            raise CommandError(
                f"This backup holds a {manifest['database']} database; the configured database "
                f"is {connection.vendor}."
            )
        members = [m for m in tar.getmembers() if m.name != MANIFEST]
        check_members(members)
        # Python >= 3.11.4 also applies its own "data" filter.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(work, members=members, **safe)  # noqa: S202 (members checked above)
        load_database(Path(work) / DUMPS[manifest["database"]])
        media = Path(work) / MEDIA_DIR
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        private = Path(work) / PRIVATE_DIR
        if private.is_dir():
            shutil.copytree(private, settings.PRIVATE_MEDIA_ROOT, dirs_exist_ok=True)
    return manifest


def check_members(members):
    """Only plain files and folders under relative names: a crafted archive writes nowhere else."""
    for member in members:
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise CommandError(f"Unexpected entry in the backup: {member.name!r}")


def prune(output_dir, keep):
    """Deletes all but the `keep` newest backups in output_dir."""
    backups = sorted(Path(output_dir).glob("chauthanh-*.tar"))
    for old in backups[: max(len(backups) - keep, 0)]:
        old.unlink()
