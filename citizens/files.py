"""Attachments: images and PDF only, small, checked by the project's upload validation.

An image goes through the photo pipeline (decoded, re-encoded, every piece of metadata dropped,
the GPS position included); a PDF must be one (documents.validators) and carry no active content.
The person's own file name is not kept (it often holds a name): the stored name is random.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat

from documents.validators import content_matches, has_active_content
from photos.pipeline import process

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}
WRONG_TYPE = "Chỉ nhận ảnh (JPEG, PNG, WebP, GIF) hoặc tệp PDF."


def checked(upload):
    """(ContentFile with a random name, content type) for an upload, or a ValidationError."""
    limit = settings.CITIZENS_MAX_FILE_BYTES
    if upload.size > limit:
        raise ValidationError(
            "Tệp “%(name)s” quá lớn (%(size)s); tối đa %(limit)s một tệp.",
            params={
                "name": upload.name[:80],
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    stem = uuid.uuid4().hex
    if extension in IMAGE_EXTENSIONS:
        photo = process(upload)
        return ContentFile(photo.data, name=f"{stem}.{photo.extension}"), (
            f"image/{'jpeg' if photo.extension == 'jpg' else photo.extension}"
        )
    if extension == "pdf":
        if not content_matches(upload, "pdf"):
            raise ValidationError("Tệp “%(name)s” không phải là PDF hợp lệ.", params={
                "name": upload.name[:80]
            })  # fmt: skip
        if has_active_content(upload, "pdf"):
            raise ValidationError(
                "Tệp PDF “%(name)s” chứa mã chạy được; hãy xuất lại thành PDF thường.",
                params={"name": upload.name[:80]},
            )
        upload.seek(0)
        return ContentFile(upload.read(), name=f"{stem}.pdf"), "application/pdf"
    raise ValidationError(WRONG_TYPE)
