"""File fields that name a stored file by what its bytes are, not by what the upload claims."""

import uuid

from django.db import models

from . import checks


class SniffedFileField(models.FileField):
    """A FileField whose new file is stored as `<upload_to>/<uuid>.<extension>`, the extension
    given by `extension_of(file)` (which refuses a bad file with a ValidationError, so the
    shell is held to the forms' rule). An "x.mp4" that is really a WebM is stored as .webm, and
    nginx serves it with the right Content-Type."""

    def __init__(self, *args, extension_of=None, **kwargs):
        self.extension_of = extension_of
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("extension_of", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            name = f"{uuid.uuid4().hex}.{self.extension_of(file.file)}"  # unguessable
            file.save(name, file.file, save=False)
        return file


def video_extension(fileobj):
    return checks.EXTENSIONS[checks.video_kind(fileobj)]


def subtitles_extension(fileobj):
    checks.check_subtitles(fileobj)
    return "vtt"
