"""How a model with a photo field uses the library: pick a library photo, or add an upload to it.

A model (a gallery image, an article's cover) keeps its own PhotoField, which pages read with
no join, and a foreign key to the library photo it came from. Picking a library photo copies its
file name (the file and its renditions are shared, never copied); a new upload is processed by
its PhotoField and then joins the library, so an editor finds it there next time.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError

from .models import Photo

MISSING_PHOTO = "Hãy tải ảnh lên hoặc chọn một ảnh trong thư viện."
MISSING_ALT = "Hãy nhập mô tả ảnh (alt) cho người không xem được ảnh."


def pickable_photos(user):
    """The library photos `user` may attach (a cover, a gallery row): what the pickers offer and
    what the forms accept, on the server. The one home of that policy.

    The library is shared by the editorial board (issue 14, editorial/roles.py): every member
    who may browse it picks any of its photos; anyone else picks none.
    """
    from editorial.permissions import can  # editorial and news import this module

    if not can(user, "photo.view"):
        return Photo.objects.none()
    return Photo.objects.all()


def clean_linked(instance, file_field, library_field, alt, caption, required=True):
    """Model.clean: fill alt text and caption from the library; require a photo and its alt."""
    photo = getattr(instance, library_field)
    has_file = bool(getattr(instance, file_field))
    if photo is not None:
        if not getattr(instance, alt):
            setattr(instance, alt, photo.alt)
        if not getattr(instance, caption):
            setattr(instance, caption, photo.caption)
    elif not has_file:
        if required:
            raise ValidationError({file_field: MISSING_PHOTO})
        return
    if not getattr(instance, alt):
        raise ValidationError({alt: MISSING_ALT})


@contextmanager
def linked(instance, file_field, library_field, alt, caption):
    """Wrap Model.save(): before it, show the picked library photo; after it, file a new upload."""
    file = getattr(instance, file_field)
    photo = getattr(instance, library_field)
    new_upload = bool(file) and not file._committed
    if new_upload:
        setattr(instance, library_field, None)  # the editor chose to upload: the upload wins
    elif photo is not None and file.name != photo.image.name:
        setattr(instance, file_field, photo.image.name)
    yield
    if new_upload:
        field = instance._meta.get_field(file_field)
        photo = Photo.objects.create(
            image=getattr(instance, file_field).name,
            width=getattr(instance, field.width_field),
            height=getattr(instance, field.height_field),
            alt=getattr(instance, alt),
            caption=getattr(instance, caption),
        )
        setattr(instance, library_field, photo)
        type(instance)._default_manager.filter(pk=instance.pk).update(**{library_field: photo})
