"""PhotoField: an ImageField whose every new file goes through photos.pipeline when it is saved."""

import uuid

from django import forms
from django.core.files.base import ContentFile
from django.db import models

from . import pipeline

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class PhotoFormField(forms.ImageField):
    """Validates by content (pipeline.process) and keeps the result for the model field."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        # The processed photo rides on the upload, so saving does not decode it a second time.
        upload.processed_photo = pipeline.process(upload)
        upload.seek(0)
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT
        return attrs


class PhotoField(models.ImageField):
    """A photo stored re-encoded under an unguessable name, with its renditions beside it.

    The work happens in pre_save, so it covers the admin, the shell and any form: a new file is
    validated and cleaned (pipeline.process; a bad one raises ValidationError), stored as
    `<upload_to>/<uuid>.jpg|png`, and its renditions are written. Files already stored (and
    fixtures, which loaddata writes without save()) are left alone here; news' loaddata makes
    the fixtures' renditions.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            upload = file.file
            processed = getattr(upload, "processed_photo", None) or pipeline.process(upload)
            name = f"{uuid.uuid4().hex}.{processed.extension}"  # unguessable

            def save_master():
                # Named, so that ImageField reads the new dimensions from the content given.
                file.save(name, ContentFile(processed.data, name=name), save=False)
                return file.name

            pipeline.store(file.storage, name, processed.renditions, save_master)
        return file
