"""Files an attacker (or an unlucky editor) uploads as photos, made on the fly."""

import functools
import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def decompression_bomb_bytes(side=30_000, bit_depth=1):
    """A real PNG bomb: `side`² pixels of zeros (900 megapixels: 112 MB decoded) in ~110 KB."""
    row = b"\x00" * (1 + (side * bit_depth + 7) // 8)  # filter byte + the row's zero bits
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row * 500) for _ in range(side // 500))
    body += compressor.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, bit_depth, 0, 0, 0, 0)  # grayscale
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", body)
    return png + _png_chunk(b"IEND", b"")


def decompression_bomb(name="bom.png", side=30_000):
    return SimpleUploadedFile(name, decompression_bomb_bytes(side), "image/png")


def not_an_image(name="anh.jpg"):
    """A PDF renamed .jpg."""
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" * 20, "image/jpeg"
    )


def svg_with_script(name="anh.svg"):
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" '
        b'onload="alert(1)"><script>alert(document.cookie)</script><rect width="100" '
        b'height="100"/></svg>'
    )
    return SimpleUploadedFile(name, svg, "image/svg+xml")


def html_as_png(name="anh.png"):
    html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
    return SimpleUploadedFile(name, html, "image/png")


GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (9.0, 52.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (106.0, 24.0, 10.0),
}


def photo_with_gps(name="dien-thoai.jpg", size=(1200, 900), orientation=6):
    """A phone photo: GPS position in its EXIF, stored sideways with an Orientation tag."""
    image = Image.new("RGB", size, "#3d7a4a")
    image.paste((200, 30, 30), (0, 0, size[0] // 2, size[1] // 4))  # a mark to find the top
    exif = image.getexif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Dien thoai"
    exif[ExifTags.IFD.GPSInfo] = GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def has_gps(fileobj):
    image = Image.open(fileobj)
    return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


HOSTILE = {
    "decompression bomb": (decompression_bomb, "50 megapixel"),
    "non-image renamed .jpg": (not_an_image, "Hãy tải lên một hình ảnh hợp lệ"),
    "SVG with a script": (svg_with_script, "không nhận ảnh SVG"),
    "HTML renamed .png": (html_as_png, "Hãy tải lên một hình ảnh hợp lệ"),
}
