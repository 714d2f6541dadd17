"""Bytes that are neither UTF-8 nor marked by a BOM: which encoding they are in.

UTF-16 saved without a BOM, UTF-8 with a few invalid bytes, and otherwise chardet (slow to
import, so imported only here, only then). Part of stage 1 (``decode.py``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from articlefix.errors import ArticlefixError

# Latin single-byte names chardet may give for what is, in practice, the Windows superset.
_LATIN = {"ascii", "iso-8859-1", "iso-8859-15", "latin-1", "windows-1252"}
# cp1252 leaves five bytes undefined; browsers show them as C1 controls, and so do we, since
# they are the second byte of mojibake such as "â€\x9d" for a closing quote.
_CP1252_HOLES = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
# UTF-16 without a BOM: the first 4 KiB decide. English or French text in UTF-16LE has a NUL
# in 0.99-1.0 of its odd bytes, Russian 0.2 (its spaces, digits and line breaks), Chinese news
# about 0.1 (line breaks, digits); binary data has them on both sides alike. Characters such
# as U+4E00 (一) put some on the other side: up to half as many is still UTF-16.
_UTF16_SAMPLE, _UTF16_NULS, _UTF16_STRAYS = 4096, 0.05, 0.5
# Invalid bytes allowed per valid UTF-8 byte of non-ASCII characters: below it a file is UTF-8
# with a few bad bytes; above it (a cp1252 file, where nearly every accent is an invalid
# byte) detection decides.
_MOSTLY_UTF8 = 1.0
# Detection's confidence for such a file: its valid bytes are certain, the rest a best guess.
_MOSTLY_UTF8_CONFIDENCE = 0.99
# Beyond ASCII, what French, German, Spanish and English text in cp1252 holds: their accented
# letters and typographic marks (no-break space, quotes, dashes, ellipsis, euro, degree).
_WESTERN_LETTERS = "àâäáçèéêëîïíñôöóùûüúÿßœÀÂÄÁÇÈÉÊËÎÏÍÑÔÖÓÙÛÜÚŸŒ"
_NOT_WESTERN = re.compile(f"[^\x00-\x7f{_WESTERN_LETTERS}\xa0«»‘’‚“”„…–—•€°ºª¡¿§©®™·]")
_LETTER_RUN = re.compile(f"[{_WESTERN_LETTERS}]{{3}}")
#: The confidence reported for that guess: a character-set test, not a detector's model.
WESTERN_CONFIDENCE = 0.9
_ASCII = bytes(range(128))
_ESCAPED = re.compile("[\udc80-\udcff]")
# Bytes that only a single-byte encoding reads, with fewer ASCII bytes than this share, are
# binary or random data, not text: in text those encodings write, spaces, digits and line breaks
# are ASCII (cp1252 articles of the dev set 0.94-1.0 of their bytes, Polish and Turkish in
# cp1250/cp1254 0.94, Russian in cp1251 0.44: gnupg's help texts). Text in a multi-byte
# encoding may have almost none: CPython's Chinese sample in GB2312 (test/cjkencodings) 0.04,
# EUC-JP 0.12, EUC-KR 0.15; it is told apart by being read as fewer characters than bytes.
_MIN_ASCII_SHARE = 0.1
# The share is counted on this many first bytes: a text settles it within a few lines.
_ASCII_SAMPLE = 1 << 16


class Guess(NamedTuple):
    """Text decoded by a guess, and what the report says of it."""

    text: str
    encoding: str
    confidence: float
    note: str = ""  # a warning for the report, when part of the guess is uncertain


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` for UTF-16 saved without a BOM (Windows tools do), else None.

    Its ASCII characters put a NUL in every other byte, on one side only; binary data has NULs
    on both sides. A few on the other side are allowed: U+4E00 (一) is ``00 4E`` in UTF-16LE.
    """
    sample = data[:_UTF16_SAMPLE]
    half = len(sample) // 2
    if len(data) % 2 or not half:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    few, many = sorted((even, odd))
    if many < _UTF16_NULS * half or few > _UTF16_STRAYS * many:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def mostly_utf8(data: bytes, first: int) -> Guess | None:
    """UTF-8 with a few invalid bytes (a cut sequence, a latin-1 paste), or None.

    The invalid bytes are read as cp1252, the rest as UTF-8. Before, one invalid byte sent a
    whole document to detection as cp1252, where every accent became mojibake for ftfy to
    repair line by line: 50 MB took 36.6 s instead of 5.2 s.
    """
    text = data.decode("utf-8", "surrogateescape")
    invalid = len(text) - len(data.decode("utf-8", "ignore"))
    high = len(data.translate(None, _ASCII))  # bytes of non-ASCII characters
    if invalid > (high - invalid) * _MOSTLY_UTF8:
        return None
    text = _ESCAPED.sub(_as_cp1252, text)
    note = f"{invalid} byte(s) not valid UTF-8 read as cp1252, first at byte {first}"
    return Guess(text, "utf-8", _MOSTLY_UTF8_CONFIDENCE, note)


def _as_cp1252(match: re.Match[str]) -> str:
    byte = bytes([ord(match[0]) - 0xDC00])
    return byte.decode("cp1252", "surrogateescape").translate(_CP1252_HOLES)


def western(data: bytes) -> Guess | None:
    """``data`` as cp1252 when it can only be Western European text in it, else None.

    chardet costs a cp1252 article about 80 ms (its import and its first model load), twice
    what cleaning it does. cp1252 is the usual 8-bit encoding of the web, and its text shows
    it: every character beyond ASCII is one of the accented letters of French, German,
    Spanish and English, or typographic punctuation, and never three letters of them in a row.
    The same bytes in another single-byte encoding break that: Central European (cp1250) gives
    ``ì ø ³ ¹ õ`` among them, Turkish ``ð þ ý``, Cyrillic and Greek runs of accented letters;
    those, and anything else unsure, go to chardet.
    """
    try:
        text = data.decode("cp1252")  # its five undefined bytes fail: not cp1252
    except UnicodeDecodeError:
        return None
    if _NOT_WESTERN.search(text) or _LETTER_RUN.search(text):
        return None
    return Guess(text, "cp1252", WESTERN_CONFIDENCE)


def detect(data: bytes) -> Guess:
    """chardet's reading of ``data``; :class:`ArticlefixError` when no encoding makes it text."""
    import chardet  # slow to import: only for input that is not UTF-8 nor plain cp1252

    guess = chardet.detect(data, prefer_superset=True)
    name = (guess["encoding"] or "").lower()
    if not name:
        raise ArticlefixError(f"not text ({guess.get('mime_type') or 'unknown binary data'})")
    sample = data[:_ASCII_SAMPLE]
    sparse = len(sample.translate(None, _ASCII)) > (1 - _MIN_ASCII_SHARE) * len(sample)
    found = None if name in _LATIN else _read(data, name)
    if sparse and (found is None or len(found) == len(data)):  # one byte, one character
        raise ArticlefixError("not text (almost no ASCII bytes: binary or random data)")
    if found is not None:
        return Guess(found, name, float(guess["confidence"]))
    # The Windows superset of latin-1, the usual 8-bit encoding of the web; never fails.
    text = data.decode("cp1252", "surrogateescape").translate(_CP1252_HOLES)
    return Guess(text, "cp1252", float(guess["confidence"]))


def _read(data: bytes, name: str) -> str | None:
    """``data`` in the encoding chardet named, or None if Python has no such codec or the bytes
    break it."""
    try:
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
