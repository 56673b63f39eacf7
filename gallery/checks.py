"""What a video and its subtitles are, read from their bytes (never from the file name).

A video is kept only in the two containers every browser plays with <video> and no plug-in:
MP4 (an ISO base media file: its first box is `ftyp` with an MP4 brand) and WebM (an EBML
document whose DocType is "webm"; a Matroska .mkv shares the EBML header but not the
DocType, and browsers do not promise to play it). Subtitles are WebVTT: UTF-8 text that starts
with "WEBVTT". Everything else is refused with a Vietnamese message, as a form error.
"""

from django.conf import settings
from django.core.exceptions import ValidationError

HEADER_BYTES = 64  # the ftyp box's brands, or the EBML header with its DocType
MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
    b"M4V ", b"dash", b"mmp4", b"MSNV",
}  # fmt: skip
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
DOCTYPE_ID = 0x4282
SUBTITLES_MAX_BYTES = 1024 * 1024
EXTENSIONS = {"mp4": "mp4", "webm": "webm"}
CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}

MESSAGES = {
    "not_video": "Tệp này không phải là video MP4 hoặc WebM (kiểm tra theo nội dung tệp, không "
    "theo phần mở rộng). Hãy xuất video ra định dạng MP4 (H.264) hoặc WebM rồi tải lên lại.",
    "too_big": "Tệp video quá lớn: tối đa %(limit)d MB.",
    "empty": "Tệp rỗng.",
    "not_vtt": "Tệp phụ đề phải là WebVTT (.vtt): dòng đầu tiên là “WEBVTT”.",
    "vtt_encoding": "Tệp phụ đề phải được lưu với bảng mã UTF-8.",
    "vtt_too_big": "Tệp phụ đề quá lớn: tối đa 1 MB.",
}


def _head(fileobj, size=HEADER_BYTES):
    fileobj.seek(0)
    data = fileobj.read(size)
    fileobj.seek(0)
    return data


def _mp4(head):
    """An ISO base media file whose first box is `ftyp` naming an MP4 brand."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    box_size = int.from_bytes(head[0:4], "big")
    if box_size < 16 and box_size != 1:  # 1: a 64-bit size follows (never for ftyp in practice)
        return False
    end = min(len(head), box_size) if box_size >= 16 else len(head)
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    return bool(brands & MP4_BRANDS)


def _vint(data, pos, keep_marker):
    """An EBML variable-length integer at `pos`: (value, next position), or None."""
    if pos >= len(data) or data[pos] == 0:
        return None
    first = data[pos]
    length = 8 - first.bit_length() + 1
    if pos + length > len(data):
        return None
    value = first if keep_marker else first & ((1 << (8 - length)) - 1)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    return value, pos + length


def _webm(head):
    """An EBML header whose DocType element says "webm"."""
    if not head.startswith(EBML_MAGIC):
        return False
    size = _vint(head, 4, keep_marker=False)
    if size is None:
        return False
    header_size, pos = size
    end = min(len(head), pos + header_size)
    while pos < end:
        element = _vint(head, pos, keep_marker=True)
        length = element and _vint(head, element[1], keep_marker=False)
        if not length:
            return False
        (element_id, _), (value_size, pos) = element, length
        if element_id == DOCTYPE_ID:
            return head[pos : pos + value_size].rstrip(b"\x00") == b"webm"
        pos += value_size
    return False


def _size(fileobj):
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(0)
    return size


def video_kind(fileobj):
    """ "mp4" or "webm" from the file's first bytes, or a ValidationError."""
    size = _size(fileobj)
    if not size:
        raise ValidationError(MESSAGES["empty"], code="empty")
    limit = settings.VIDEO_MAX_UPLOAD_MB
    if size > limit * 1024 * 1024:
        raise ValidationError(MESSAGES["too_big"], code="too_big", params={"limit": limit})
    head = _head(fileobj)
    if _mp4(head):
        return "mp4"
    if _webm(head):
        return "webm"
    raise ValidationError(MESSAGES["not_video"], code="not_video")


def check_video(fileobj):
    """Field validator: the model field's pre_save asks video_kind again for the extension."""
    if fileobj is not None and not getattr(fileobj, "_committed", False):
        video_kind(fileobj)


def check_subtitles(fileobj):
    """Field validator: WebVTT in UTF-8 (a BOM allowed), at most SUBTITLES_MAX_BYTES."""
    if fileobj is None or getattr(fileobj, "_committed", False):
        return
    if _size(fileobj) > SUBTITLES_MAX_BYTES:
        raise ValidationError(MESSAGES["vtt_too_big"], code="vtt_too_big")
    data = _head(fileobj, SUBTITLES_MAX_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(MESSAGES["vtt_encoding"], code="vtt_encoding") from exc
    # "WEBVTT" alone on its line, or followed by a space or tab and a header text (the spec).
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not (first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(MESSAGES["not_vtt"], code="not_vtt")
