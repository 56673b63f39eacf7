"""CKEditor's image upload, through the same pipeline as every other photo (staff only)."""

from django import forms
from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from editorial.permissions import can
from operations.storage import InsufficientStorage
from operations.uploads import DISK_FULL_MESSAGE

from . import pipeline
from .fields import PhotoFormField
from .models import Photo


class EditorUploadForm(forms.Form):
    upload = PhotoFormField(error_messages={"required": "Chưa chọn tệp ảnh."})


def upload_error(message, status=200):
    # CKEditor shows error.message only from a 200 answer; other statuses get a generic text.
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@require_POST
def editor_upload(request):
    """Answer CKEditor's fileTools (filebrowser XHR and pasted images) with JSON."""
    user = request.user
    if not can(user, "photo.add"):
        return upload_error("Bạn không có quyền tải ảnh lên.", status=403)
    form = EditorUploadForm(files=request.FILES)
    if not form.is_valid():
        return upload_error(" ".join(form.errors["upload"]))
    try:
        with transaction.atomic():  # a savepoint: the failed insert leaves the request usable
            photo = Photo.objects.create(image=form.cleaned_data["upload"], uploaded_by=user)
    except InsufficientStorage:  # the disk filled during the write; no file was kept
        return upload_error(DISK_FULL_MESSAGE)
    width = min(pipeline.LARGE, photo.width)
    return JsonResponse({
        "uploaded": 1,
        "fileName": photo.image.name.rpartition("/")[2],
        "url": photo.rendition_url(width),
        "width": width,
        "height": max(1, round(photo.height * width / photo.width)),
    })  # fmt: skip
