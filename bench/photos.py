"""What the photo pipeline costs when a photo is saved, and what it saves a reader's phone.

    DEBUG=true .venv/bin/python bench/photos.py

Makes camera-like JPEGs (noise over gradients, so they compress like photographs), runs them
through photos.pipeline as an upload would (validate, orient, re-encode, renditions) into a
temporary storage, and prints the time per photo and the bytes of each file a page may pick.
"""

import io
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chauthanh.settings")
django.setup()

from django.core.files.storage import FileSystemStorage  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from photos import pipeline  # noqa: E402


def camera_photo(width, height):
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image = Image.blend(noise, gradient, 0.6).filter(ImageFilter.GaussianBlur(1))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    buffer.name = "anh.jpg"
    return buffer


def main():
    storage = FileSystemStorage(location=tempfile.mkdtemp(prefix="bench-photos-"))
    for width, height in ((1600, 1200), (4000, 3000), (6000, 4000)):
        upload = camera_photo(width, height)
        size = upload.getbuffer().nbytes
        runs = []
        for n in range(3):
            start = time.perf_counter()
            processed = pipeline.process(upload)
            name = f"p{width}-{n}.{processed.extension}"
            master = io.BytesIO(processed.data)
            pipeline.store(storage, name, processed.renditions, partial(storage.save, name, master))
            runs.append(time.perf_counter() - start)
        files = {n: storage.size(n) for n in pipeline.rendition_names(name, width)}
        print(
            f"{width}x{height} ({width * height / 1e6:.0f} MP), upload {size / 1024:.0f} KB: "
            f"{min(runs) * 1000:.0f} ms best of 3 to validate, clean and make renditions"
        )
        print(f"  master {storage.size(name) / 1024:.0f} KB; " + ", ".join(
            f"{n.rpartition('_')[2]} {b / 1024:.0f} KB" for n, b in files.items()))  # fmt: skip


if __name__ == "__main__":
    main()
