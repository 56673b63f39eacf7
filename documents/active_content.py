"""Active content in uploaded documents: what would run when a reader opens the file.

A PDF's viewer runs JavaScript (Chromium's does, sandboxed) and may offer to launch a program; a
Word file may carry macros (a .docm renamed .docx opens with its macros) or ActiveX controls.
The library publishes resolutions: none of them needs any of that, so such files are refused.

PDF: the names of the actions that run (/JavaScript, /JS, /Launch) are looked for in the file's
objects, with PDF's #xx escapes in names undone, and also inside its compressed streams (object
streams hide dictionaries there), decompressed up to a budget so that a zip bomb costs little.
Text mentioning JavaScript is not a name ("(JavaScript)" is not "/JavaScript"). A string that
holds such a name, slash included, is refused too: telling strings apart needs a full parser,
and a false refusal costs an editor one re-export, a miss costs readers a script.
"""

import re
import zipfile
import zlib

# PDF names that make a viewer run something. /JS is the script of a JavaScript action.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)(?![A-Za-z0-9#_.-])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")
# What the decompressed streams of one file may add up to (a 30 MB PDF of scans holds images,
# which are not Flate streams worth reading; text and object streams are small).
STREAM_BUDGET = 64 * 1024 * 1024

# OOXML parts that hold macros or ActiveX controls (the content types name them too).
_OOXML_ACTIVE_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)activeX/", re.I)
_OOXML_ACTIVE_TYPES = ("vbaProject", "macroEnabled", "activeX")
# Word 97-2003: the macro project's storage, as the OLE2 directory writes names (UTF-16LE).
_OLE_MACROS = "_VBA_PROJECT".encode("utf-16-le")


def _unescape_names(data):
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _pdf_streams(data):
    """The decompressed content of each stream that inflates, within STREAM_BUDGET in all."""
    budget, view = STREAM_BUDGET, memoryview(data)  # slices of a memoryview copy nothing
    for match in _PDF_STREAM.finditer(data):
        if budget <= 0:
            return
        inflater = zlib.decompressobj()
        try:
            chunk = inflater.decompress(view[match.end() :], budget)
        except zlib.error:
            continue  # not Flate (an image, a font): nothing an action can hide in
        budget -= len(chunk)
        yield chunk


def pdf_is_active(data):
    """Whether a PDF holds a JavaScript or launch action, anywhere."""
    if _PDF_ACTIVE.search(_unescape_names(data)):
        return True
    return any(_PDF_ACTIVE.search(_unescape_names(chunk)) for chunk in _pdf_streams(data))


def ooxml_is_active(file):
    """Whether a DOCX (a ZIP) holds macros or ActiveX controls, whatever its name says."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if any(_OOXML_ACTIVE_PARTS.search(name) for name in names):
                return True
            types = archive.read("[Content_Types].xml")[: 1024 * 1024].decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False  # not readable as OOXML: the content check refuses it anyway
    finally:
        file.seek(0)
    return any(word.lower() in types.lower() for word in _OOXML_ACTIVE_TYPES)


def ole_is_active(data):
    """Whether a Word 97-2003 file holds a macro project."""
    return _OLE_MACROS in data
