"""Recognising references to party and state documents in Vietnamese text.

Two forms of symbol (số ký hiệu) are in use:
- party:  number-TYPE/BODY        35-NQ/TW, 4051-QĐ/TU, 08-QĐi/TW, 263-TB/TU
- state:  number/[year/]TYPE-BODY 4051/QĐ-UBND, 42/2022/NĐ-CP, 22/2023/TT-BTTTT, 86/2015/QH13

Text is normalised to NFC first (decomposed diacritics come from Word and PDF copies), and
editors type en dashes, spaces and "số" freely: "35 – NQ/TW", "Nghị quyết số 35-NQ /TW".
A date right after the symbol ("35-NQ/TW ngày 22/10/2018") tells apart documents that share a
symbol: party numbering restarts every term.

Plain dates ("22/10/2018"), phone numbers ("02943.872072") and street names ("đường 2/9")
carry no letters where a symbol has its type and body, so they never match.
"""

import re
from dataclasses import dataclass
from datetime import date

from core.text import nfc, words

# Vietnamese capitals that appear in symbols (QĐ, NĐ, ĐU, TƯ ...).
_UP = "A-ZĐƯƠÂĂÊÔ"
_LOW = "a-zđươâăêô"
_DASH = "\\-\u2010-\u2015\u2212"  # hyphen, the Unicode dashes, minus sign
_SP = "[ \t\u00a0]"  # spaces inside one line (a symbol never spans lines)

# A type code: capitals, optionally one or two lower-case letters (QĐi, CTr, TTr).
_TYPE = rf"[{_UP}]{{1,5}}[{_LOW}]{{0,2}}"
# An issuing body: a capital, then capitals, digits and the odd lower-case letter (TTg, BCĐ35).
_BODY = rf"[{_UP}][{_UP}{_LOW}0-9]{{0,11}}"

_END = r"(?![\w/])"

# Both forms in one pattern, scanned once. It starts with a plain digit class and no group
# or look-behind, which lets the regex engine skip quickly to the digits: the scan of an
# article costs about a third of what two separate patterns cost.
REFERENCE = re.compile(
    r"[0-9]{1,5}(?:"
    # party: 35-NQ/TW, 08-QĐi/TW, 05-KH/BCĐ35
    rf"{_SP}*(?:[{_DASH}]{_SP}*|{_SP})"
    rf"(?P<ptype>{_TYPE}){_SP}*/{_SP}*(?P<pbody>{_BODY}(?:[{_DASH}]{_BODY})?)"
    # state: 4051/QĐ-UBND, 42/2022/NĐ-CP, 86/2015/QH13
    rf"|{_SP}*/{_SP}*(?:(?P<year>(?:19|20)\d\d){_SP}*/{_SP}*)?"
    rf"(?:(?P<stype>{_TYPE}){_SP}*[{_DASH}]{_SP}*(?P<sbody>{_BODY}(?:[{_DASH}]{_BODY})*)"
    rf"|(?P<assembly>QH\d{{1,2}}))"
    rf"){_END}"
)
_NUMBER = re.compile(r"[0-9]+")
# "ngày 22/10/2018", "ngày 22-10-2018", ", ngày 22 tháng 10 năm 2018", "(22/10/2018)".
DATE_AFTER = re.compile(
    rf"{_SP}*[,(]?{_SP}*(?:ban hành{_SP}*)?(?:ngày{_SP}*)?"
    r"(?P<day>\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)\s*(?P<month>\d{1,2})"
    r"\s*(?:[/.\-]|\s+năm\s+)\s*(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
DATE_LOOKAHEAD = 40  # characters after a symbol in which its date may stand


@dataclass(frozen=True)
class Reference:
    """One reference found in a text: where it is, its symbol and, if given, its date."""

    start: int
    end: int
    symbol: str  # as written, spaces and dashes tidied: "35-NQ/TW"
    key: str  # normalised for matching: normalize_symbol
    kind: str  # "party" or "state"
    issued_on: date | None = None


_GLUE = re.compile(r"[\w./\-–]")


def _glued(text, start):
    """A symbol glued to a word, a number or another symbol is not one ("abc35-NQ/TW"), but
    "số35-NQ/TW", a common typo, is. (Checked here rather than by a look-behind at the start
    of the patterns: a pattern that starts with a digit is scanned several times faster.)"""
    if start == 0 or not _GLUE.match(text[start - 1]):
        return False
    return text[max(0, start - 2) : start].lower() != "số"


def _date_after(text, pos):
    match = DATE_AFTER.match(text, pos, min(len(text), pos + DATE_LOOKAHEAD))
    if not match:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:  # 31/02/2020 is no date
        return None


def _parse(match):
    """(kind, symbol, type code, body) of a REFERENCE match, dashes made plain."""
    number = _NUMBER.match(match.group()).group()
    if match["ptype"]:
        kind, code, body = "party", match["ptype"], match["pbody"]
        symbol = f"{number}-{code}/{body}"
    else:
        kind, code = "state", match["stype"] or ""
        body = match["sbody"] or match["assembly"]
        tail = match["assembly"] or f"{code}-{body}"
        symbol = "/".join([number, *([match["year"]] if match["year"] else []), tail])
    return kind, re.sub(f"[{_DASH}]", "-", symbol), code, body


def find_references(text):
    """Every reference in `text`, in reading order, with the date written right after it.

    Offsets refer to the NFC form of the text (what `nfc(text)` returns).
    """
    text = nfc(text)
    found = []
    if "/" not in text:  # every symbol has one; most sentences have none
        return found
    for match in REFERENCE.finditer(text):
        if _glued(text, match.start()):
            continue
        kind, symbol, _code, _body = _parse(match)
        found.append(
            Reference(
                start=match.start(),
                end=match.end(),
                symbol=symbol,
                key=normalize_symbol(symbol),
                kind=kind,
                issued_on=_date_after(text, match.end()),
            )
        )
    return found


def with_inferred_dates(references):
    """A bare "35-NQ/TW" takes the date the same text gives it elsewhere, if it gives one.

    Articles cite a document in full once ("Nghị quyết số 35-NQ/TW ngày 22/10/2018") and then
    by symbol alone; when the text names a single date for that symbol, the bare mentions
    mean the same document.
    """
    dates = {}
    for ref in references:
        if ref.issued_on:
            dates.setdefault(ref.key, set()).add(ref.issued_on)
    result = []
    for ref in references:
        known = dates.get(ref.key, ())
        if ref.issued_on is None and len(known) == 1:
            ref = Reference(ref.start, ref.end, ref.symbol, ref.key, ref.kind, next(iter(known)))
        result.append(ref)
    return result


def symbol_kind(symbol):
    """ "party" for 35-NQ/TW, "state" for 4051/QĐ-UBND, None for anything else."""
    match = REFERENCE.fullmatch(nfc(symbol).strip())
    return _parse(match)[0] if match else None


# --- Lookup of a symbol however a reader types it: "35 nq tw", "35-NQ/TW", "4051 qd tu" ---


def lookup_key(text):
    """Symbol as its folded words, upper case: "35-NQ/TW" and "35 nq tw" -> "35 NQ TW"."""
    return " ".join(words(text)).upper()


_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SLASH = re.compile(r"\s*/\s*")
_SPACES = re.compile(r"\s+")


def normalize_symbol(symbol):
    """Matching key of a document symbol: NFC, one kind of dash, no spaces, upper case.

    "35 – NQ / tw" -> "35-NQ/TW". Used to compare symbols however they were typed.
    """
    text = nfc(symbol).strip()
    text = _DASHES.sub("-", text)
    text = _SLASH.sub("/", text)
    text = _SPACES.sub("-", text)
    return text.upper()


# --- What a symbol says about its document: used to prefill a new document ---

TYPE_CODES = {
    "NQ": "nghi-quyet",
    "KL": "ket-luan",
    "CT": "chi-thi",
    "QĐ": "quyet-dinh",
    "QĐI": "quy-dinh",
    "HD": "huong-dan",
    "TB": "thong-bao",
    "KH": "ke-hoach",
    "CV": "cong-van",
    "NĐ": "nghi-dinh",
    "TT": "thong-tu",
}
PARTY_LEVELS = {"TW": "trung-uong", "TU": "tinh", "HU": "huyen"}
STATE_CENTRAL_BODIES = {"CP", "TTG", "QH"}


def describe_symbol(symbol):
    """Type, kind and level that a symbol's own letters state, for a new document's form.

    Only what the symbol says for certain: "NQ/TW" is a central party resolution; "QĐ-UBND"
    is a state decision whose level (province, district or commune) the symbol does not say.
    """
    match = REFERENCE.fullmatch(nfc(symbol).strip())
    if not match:
        return {}
    kind, _symbol, code, body = _parse(match)
    info = {"kind": kind}
    if code.upper() in TYPE_CODES:
        info["doc_type"] = TYPE_CODES[code.upper()]
    body = body.upper()
    if kind == "party" and body in PARTY_LEVELS:
        info["level"] = PARTY_LEVELS[body]
    elif kind == "state" and re.sub(r"\d+$", "", body) in STATE_CENTRAL_BODIES:
        info["level"] = "trung-uong"
    return info
