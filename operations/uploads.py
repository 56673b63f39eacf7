"""Refuse an upload the disk cannot hold, with a form error instead of a failed write."""

import shutil
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

DISK_FULL_MESSAGE = (
    "Máy chủ không còn đủ dung lượng để lưu tệp này. Vui lòng báo quản trị hệ thống "
    "giải phóng dung lượng rồi thử lại."
)


def check_disk_space(upload):
    """Validator of every form file field: keeps MEDIA_MIN_FREE_BYTES free after the upload."""
    size = getattr(upload, "size", None)
    if not size or not hasattr(default_storage, "location"):
        return  # nothing uploaded now, or media not on a local disk (S3)
    # MEDIA_ROOT may not exist yet: the storage will create it on its parent's disk.
    where = Path(default_storage.location)
    while not where.exists() and where != where.parent:
        where = where.parent
    free = shutil.disk_usage(where).free
    if free - size < settings.MEDIA_MIN_FREE_BYTES:
        raise ValidationError(DISK_FULL_MESSAGE, code="disk_full")


def install_disk_space_check():
    """Every upload form, the admin's included, checks the disk, without each app having to
    remember it: the validator joins the default validators of Django's file form fields."""
    for field_class in (forms.FileField, forms.ImageField):
        if check_disk_space not in field_class.default_validators:
            field_class.default_validators = [*field_class.default_validators, check_disk_space]
