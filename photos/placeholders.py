"""Neutral placeholder pictures, as portals show them where a photo is missing (issue 20): the
35-NQ/TW report's photos and map (fixtures/make_placeholders.py) and the demo data's photos.
Their alt text always says they are placeholders."""

from PIL import Image, ImageDraw

# Muted tints, so a gallery of placeholders is not a row of identical tiles.
TINTS = [(226, 221, 214), (216, 222, 228), (218, 226, 218), (229, 224, 212), (224, 219, 228)]


def _shade(color, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in color)


def _gradient(size, top, bottom):
    w, h = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(h):
        t = y / max(1, h - 1)
        draw.line(
            [(0, y), (w, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image, draw


def photo(tint, size=(800, 533)):
    """A neutral photo placeholder, as portals show one: a soft gradient and, in the middle, the
    usual picture pictogram (a frame, hills and a sun) in a slightly darker tone."""
    w, h = size
    image, draw = _gradient(size, _shade(tint, 1.04), _shade(tint, 0.92))
    ink = _shade(tint, 0.72)
    cx, cy, fw, fh = w // 2, h // 2, w // 6, h // 6
    box = [cx - fw, cy - fh, cx + fw, cy + fh]
    draw.rounded_rectangle(box, radius=14, outline=ink, width=8)
    draw.ellipse([cx + fw // 3, cy - fh // 2 - 14, cx + fw // 3 + 28, cy - fh // 2 + 14], fill=ink)
    draw.polygon([(box[0] + 12, box[3] - 10), (cx - fw // 3, cy - 6), (cx + 4, box[3] - 10)],
                 fill=ink)  # fmt: skip
    draw.polygon([(cx - 20, box[3] - 10), (cx + fw // 2, cy + 4), (box[2] - 12, box[3] - 10)],
                 fill=ink)  # fmt: skip
    return image


def map_image(size=(600, 450)):
    """A neutral map placeholder: a faint grid, one outlined area and a pin."""
    w, h = size
    image, draw = _gradient(size, (236, 238, 232), (224, 228, 220))
    for x in range(0, w, 50):
        draw.line([(x, 0), (x, h)], fill=(214, 218, 210), width=1)
    for y in range(0, h, 50):
        draw.line([(0, y), (w, y)], fill=(214, 218, 210), width=1)
    outline = [(110, 110), (270, 70), (450, 100), (500, 220), (440, 350), (260, 380), (120, 310)]
    draw.polygon(outline, fill=(214, 224, 206), outline=(150, 165, 140), width=3)
    draw.line([(60, 420), (560, 40)], fill=(190, 208, 226), width=8)  # a river
    draw.ellipse([282, 180, 318, 216], fill=(120, 120, 120))  # a map pin
    draw.polygon([(286, 206), (314, 206), (300, 240)], fill=(120, 120, 120))
    draw.ellipse([293, 191, 307, 205], fill=(236, 238, 232))
    return image
