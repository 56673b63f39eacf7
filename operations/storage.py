"""Where uploads go: under names nobody can guess, and a clear error when the disk is full."""

import errno
import re
import secrets
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage
from slugify import slugify

# Enough randomness that listing a folder by guessing names is hopeless (128 bits).
TOKEN_BYTES = 16
ALREADY_UNGUESSABLE = re.compile(r"[0-9a-f]{32}")


class InsufficientStorage(OSError):
    """The disk (or quota) is full: the upload was not stored."""


def unguessable_name(filename):
    """`news/2026/11/Ảnh Hội nghị.JPG` -> `news/2026/11/anh-hoi-nghi-<random>.jpg`.

    The readable stem helps editors recognise their files; the token makes the address
    unguessable, so an unpublished article's photos cannot be found by trying names.
    """
    path = PurePosixPath(filename)
    if ALREADY_UNGUESSABLE.fullmatch(path.stem):  # the photo pipeline names files by uuid4
        return filename
    stem = slugify(path.stem, max_length=40, word_boundary=True) or "tep"
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return str(path.with_name(f"{stem}-{token}{path.suffix.lower()}"))


class UnguessableNamesMixin:
    # A model field calls generate_filename() for an upload; `storage.save(name)` called
    # directly (news' loaddata copying fixture photos) keeps the name it is given.
    def generate_filename(self, filename):
        return super().generate_filename(unguessable_name(filename))


class MediaStorage(UnguessableNamesMixin, FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            # Leave no truncated file behind.
            self.delete(name)
            raise InsufficientStorage(exc.errno, "Máy chủ hết dung lượng lưu trữ") from exc
