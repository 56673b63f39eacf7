"""Every photo's way in: validated with Pillow, oriented, re-encoded, stripped, with renditions.

Whatever brings a photo (a gallery, a cover, CKEditor's upload, a fixture), it passes here once,
when it is saved. Pages only print the names worked out by `rendition_name`: a page view never
opens, resizes or writes an image.

Renditions sit beside the master file, named by their width: `<stem>_<width>.<ext>` in the
master's format (JPEG or PNG) and `<stem>_<width>.webp`. Their widths follow from the master's
width alone (see `rendition_widths`), so templates need no query and no file system access.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
# WebP's limit on a side (JPEG's is 65,535): a longer photo (a 1080 × 17000 infographic) is
# scaled to fit, so that every rendition can be made.
MAX_SIDE = 16_383
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Thumbnail, medium and large; never wider than the photo itself.
RENDITION_WIDTHS = (320, 800, 1600)
THUMBNAIL, MEDIUM, LARGE = RENDITION_WIDTHS
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

MESSAGES = {
    "invalid": "Hãy tải lên một hình ảnh hợp lệ. Tệp này không phải là ảnh JPEG, PNG, WebP hoặc "
    "GIF, hoặc đã bị hỏng.",
    "svg": "Hãy tải lên một hình ảnh hợp lệ: không nhận ảnh SVG (SVG có thể chứa mã chạy trên "
    "trang); hãy dùng ảnh JPEG, PNG, WebP hoặc GIF.",
    "too_big": "Tệp ảnh quá lớn: tối đa 20 MB.",
    "too_many_pixels": "Ảnh quá lớn: tối đa 50 megapixel (ví dụ 8000 × 6000 điểm ảnh).",
    "empty": "Tệp ảnh rỗng.",
}


def refuse(code):
    return ValidationError(MESSAGES[code], code=code)


@dataclass
class Processed:
    """A photo ready to store: the clean image, its re-encoded bytes and its renditions'.

    Everything is encoded before anything is written: an encoder's refusal is a form error,
    and storing is only writing (see `store`).
    """

    image: Image.Image
    format: str  # "JPEG" or "PNG"
    data: bytes
    renditions: dict  # (width, extension) -> bytes

    @property
    def extension(self):
        return EXTENSIONS[self.format]


def _size(fileobj):
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
    return size


def _looks_like_svg(fileobj):
    fileobj.seek(0)
    head = fileobj.read(512).lstrip().lower()
    fileobj.seek(0)
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def open_checked(fileobj):
    """The decoded image, or a ValidationError in Vietnamese. Limits come before decoding."""
    size = _size(fileobj)
    if size == 0:
        raise refuse("empty")
    if size > MAX_BYTES:
        raise refuse("too_big")
    name = (getattr(fileobj, "name", "") or "").lower()
    if name.endswith((".svg", ".svgz")) or _looks_like_svg(fileobj):
        raise refuse("svg")
    fileobj.seek(0)
    with warnings.catch_warnings():
        # Pillow warns past 89 megapixels and refuses past 179: both are refusals here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only the four formats' decoders are tried: a BMP, TIFF or PSD is not "an image".
            image = Image.open(fileobj, formats=ALLOWED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise refuse("too_many_pixels") from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise refuse("invalid") from exc
        # Only the header has been read so far: check the pixels before decoding them.
        width, height = image.size
        if width < 1 or height < 1:
            raise refuse("invalid")
        if width * height > MAX_PIXELS:
            raise refuse("too_many_pixels")
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise refuse("too_many_pixels") from exc
        except Exception as exc:  # a truncated or corrupt file: Pillow raises many kinds
            raise refuse("invalid") from exc
    return image


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def encode(image, fmt, icc_profile=None):
    buffer = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True, **options)
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=80, method=4, **options)
    else:
        image.save(buffer, "PNG", compress_level=7, **options)
    return buffer.getvalue()


def clean_image(image):
    """Orientation applied; every piece of metadata dropped (EXIF, GPS, XMP, comments)."""
    source_format = image.format
    icc_profile = image.info.get("icc_profile")
    try:
        image = ImageOps.exif_transpose(image)
        alpha = _has_alpha(image)
        image = image.convert("RGBA" if alpha else "RGB")
    except Exception as exc:  # odd modes (I;16, CMYK without profile...) that do not convert
        raise refuse("invalid") from exc
    image.info = {"icc_profile": icc_profile} if icc_profile else {}
    # Graphics (PNG, GIF) stay lossless; photographs (JPEG, WebP) become JPEG.
    fmt = "PNG" if alpha or source_format in ("PNG", "GIF") else "JPEG"
    return image, fmt


def fit(image):
    """The image, scaled down (shape kept) if a side is longer than MAX_SIDE."""
    if max(image.size) <= MAX_SIDE:
        return image
    info = image.info
    image = image.copy()
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.LANCZOS)
    image.info = info
    return image


def process(fileobj):
    """Validate and re-encode an uploaded photo: a Processed, or a ValidationError."""
    image, fmt = clean_image(open_checked(fileobj))
    image = fit(image)
    icc_profile = image.info.get("icc_profile")
    try:
        data = encode(image, fmt, icc_profile)
        renditions = dict(encode_renditions(image, fmt))
    except (OSError, ValueError) as exc:  # an encoder's own limit: the editor is told
        raise refuse("invalid") from exc
    return Processed(image=image, format=fmt, data=data, renditions=renditions)


def rendition_widths(width):
    """The widths made for a photo `width` pixels wide: 320, 800 and 1600, capped at `width`."""
    return sorted({min(w, width) for w in RENDITION_WIDTHS})


def rendition_name(name, width, extension=None):
    stem, _, ext = name.rpartition(".")
    return f"{stem}_{width}.{extension or ext}"


def rendition_names(name, width):
    webp = [rendition_name(name, w, "webp") for w in rendition_widths(width)]
    return [rendition_name(name, w) for w in rendition_widths(width)] + webp


def encode_renditions(image, fmt, wanted=None):
    """((width, extension), bytes) of each rendition (or of those in `wanted`), lazily."""
    icc_profile = image.info.get("icc_profile")
    for width in rendition_widths(image.width):
        formats = [(e, f) for e, f in ((EXTENSIONS[fmt], fmt), ("webp", "WEBP"))]
        formats = [(e, f) for e, f in formats if wanted is None or (width, e) in wanted]
        if not formats:
            continue
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for extension, rendition_format in formats:
            yield (width, extension), encode(resized, rendition_format, icc_profile)


def store(storage, name, renditions, save_master=None):
    """Write a photo's files: the master if `save_master` is given (it writes and returns the
    stored name), then `renditions` ((width, extension) -> bytes) beside `name`. All or nothing:
    when a write fails (a full disk), whatever this call wrote is deleted and the error goes
    on, so no file is left without a row."""
    written = []
    try:
        if save_master is not None:
            name = save_master()
            written.append(name)
        for (width, extension), data in renditions.items():
            target = rendition_name(name, width, extension)
            if storage.exists(target):
                storage.delete(target)
            stored = storage.save(target, ContentFile(data))
            written.append(stored)
            if stored != target:  # pages find renditions by name: it must be exact
                raise RuntimeError(f"Storage renamed rendition {target!r} to {stored!r}")
    except BaseException:
        for written_name in written:
            storage.delete(written_name)
        raise
    return name


def write_renditions(storage, name, image, fmt, only_missing=False):
    """Write the renditions of the stored master `name`; returns how many were written."""
    wanted = {
        (width, extension)
        for width in rendition_widths(image.width)
        for extension in (EXTENSIONS[fmt], "webp")
        if not (only_missing and storage.exists(rendition_name(name, width, extension)))
    }
    renditions = dict(encode_renditions(image, fmt, wanted))
    store(storage, name, renditions)
    return len(renditions)


def ensure_renditions(storage, name):
    """Make the missing renditions of a stored JPEG or PNG master (fixtures, older photos)."""
    with storage.open(name, "rb") as fh:
        image, _ = clean_image(open_checked(fh))
    if all(storage.exists(n) for n in rendition_names(name, image.width)):
        return 0
    fmt = "PNG" if name.lower().endswith(".png") else "JPEG"
    return write_renditions(storage, name, image, fmt, only_missing=True)
