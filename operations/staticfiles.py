"""Static files: what collectstatic gathers, and WhiteNoise's storage compressing only what
changed since the last collectstatic.

django.contrib.staticfiles is installed through PortalStaticFilesConfig below, without the
third-party HTML that nobody loads. (An AppConfig of its own module: operations/apps.py must
hold one AppConfig, or Django no longer picks OperationsConfig, and its ready(), by itself.)

With the `brotli` package WhiteNoise writes a .br beside each .gz, at Brotli's best (and slowest)
quality: measured here, 18 s of CPU for the ~2,300 collected files (CKEditor's, mostly) against
2 s for gzip alone. The systemd unit collects static files on every start, and Django rewrites
every hashed CSS and JS file each time, so every restart would pay it again. A compressed copy
that still decompresses to its file is kept instead (decompressing is fast).
"""

import gzip
import os
import zlib

import brotli
from django.contrib.staticfiles.apps import StaticFilesConfig
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class IncrementalCompressor(Compressor):
    def compress(self, path):
        with open(path, "rb") as f:
            data = f.read()
        br, gz = path + ".br", path + ".gz"
        br_ok = _holds(br, data, brotli.decompress)
        gz_ok = _holds(gz, data, gzip.decompress)
        # Both copies current (or gzip judged useless last time, and so not written): kept.
        if (br_ok or not self.use_brotli) and (gz_ok or (br_ok and not os.path.exists(gz))):
            return [name for name, ok in ((br, br_ok), (gz, gz_ok)) if ok]
        return super().compress(path)


def _holds(copy, data, decompress):
    """Does the compressed `copy` exist and decompress to `data`?"""
    try:
        with open(copy, "rb") as f:
            return decompress(f.read()) == data
    except (FileNotFoundError, brotli.error, OSError, EOFError, zlib.error):
        return False


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        return IncrementalCompressor(**kwargs)


class PortalStaticFilesConfig(StaticFilesConfig):
    """collectstatic without CKEditor's HTML pages (its plugins' samples and manual tests, which
    the editor never loads and which would be pages of this site with no CSP of ours)."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "ckeditor/*.html", "ckeditor/*/tests"]
