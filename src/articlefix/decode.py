"""Stage 1: bytes in any encoding -> text, with mojibake undone.

Order matters for speed and correctness: a BOM is certain, strict UTF-8 is cheap and almost
never wrong, and only what fails both goes to sniff.py's guesses and chardet. What only that
path or mojibake needs (sniff.py, the cp1252 codec, ftfy, chardet) loads only then: a UTF-8
article does without it.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from articlefix.errors import ArticlefixError
from articlefix.mojibake import CONTROL, Part, Repaired, joined, repaired
from articlefix.patterns import compiled

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NOT_TEXT = "binary data (control characters), not text"
# UTF-16 told by where its NULs are: strong evidence (see sniff.py), not the proof a BOM is.
_NO_BOM_CONFIDENCE = 0.9
# What may come before the first visible character of a text: blanks and BOMs.
_HEAD = re.compile("[ \t\n\r\f\v\ufeff]*")
# The same test on UTF-8 bytes, where these characters are single bytes: a byte translation
# (each of them to NUL) and a search for NUL run four times faster than the regex on text. By
# chunks: a whole translated copy, freed at once, would stay in the process as heap.
_BINARY_BYTES = bytes(0 if b < 9 or 13 < b < 27 or 27 < b < 32 else 1 for b in range(256))
# Bytes translated at a time: 10 MB take 4.3 ms in chunks of 64 KiB, 4.6 in 16 KiB, 5.4 in 4 KiB
# or in one piece.
_BINARY_CHUNK = 1 << 16
# UTF-8 decoded this many bytes at a time (up to the next line break), into as many strings:
# one string of a whole text is allocated by a mapping of its own, fresh pages on top of what
# the process holds (a 10 MB text decoded three times a process: 8.7x the input at the peak),
# where chunks reuse the memory freed before them (7.7x; 64 KiB chunks 8.0x).
_DECODE_CHUNK = 1 << 20
# Invisible characters named in the report; a search per character (mojibake.holds_any) is
# many times faster than a regex over a long text, which is then searched (and compiled, as
# are the other regexes of rare cases: compiling costs start-up) only when it holds one.
_HIDDEN = (
    (
        "bidirectional control",
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    ),
    ("zero-width", "\u200b\u200c\u200d\u2060\ufeff"),
)
#: All of them, for pages that show where they are (review.py).
HIDDEN_CHARACTERS = "".join(chars for _, chars in _HIDDEN)


class Decoded(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """Text plus how it was obtained, for the report.

    The text is held in parts, each with its lines repaired one by one as edits (mojibake.py
    says why): stage 2 reads them a slice at a time, and ``text`` joins them for the rest.
    """

    parts: tuple[Part, ...]  # a whole-document repair made, the line repairs as edits
    encoding: str
    confidence: float
    bom: bool
    repaired: bool
    warnings: tuple[str, ...] = ()
    suspect: bool = False  # mojibake-like sequences left that another context might repair

    @property
    def text(self) -> str:
        """The repaired text as one string (a copy, unless one part without edits)."""
        return joined(self.parts)

    def holds(self, chars: str) -> bool:
        """Whether the repaired text holds any of ``chars``, without joining it."""
        return any(part.holds(chars) for part in self.parts)


def decode(data: bytes | str, *, repair: bool = True) -> Decoded:
    """Decode ``data``; raise :class:`ArticlefixError` when it is not text.

    A ``str`` is already decoded, but may still hold mojibake or be binary junk, or lone
    surrogates (bytes smuggled through ``surrogateescape``) that no UTF-8 output could hold.
    """
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(data[exc.start])
            raise ArticlefixError(
                f"not Unicode text (lone surrogate U+{code:04X} at character {exc.start})"
            ) from None
        return _decoded([data], "unicode", 1.0, bom=False, repair=repair)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decoded([_strict(data, name)], name, 1.0, bom=True, repair=repair)
    if b"\x00" in data:
        from articlefix.sniff import utf16_without_bom

        utf16 = utf16_without_bom(data)
        if utf16 is None:
            raise ArticlefixError("binary data (NUL bytes), not text")
        text = _strict(data, utf16, "without a BOM")
        return _decoded([text], utf16, _NO_BOM_CONFIDENCE, bom=False, repair=repair)
    try:
        chunks = _utf8(data)
    except UnicodeDecodeError as exc:
        from articlefix.sniff import detect, mostly_utf8, western

        guess = mostly_utf8(data, exc.start) or western(data) or detect(data)
        notes = (guess.note,) if guess.note else ()
        return _decoded([guess.text], guess.encoding, guess.confidence, bom=False, repair=repair,
                        notes=notes)  # fmt: skip
    if any(
        b"\x00" in data[at : at + _BINARY_CHUNK].translate(_BINARY_BYTES)
        for at in range(0, len(data), _BINARY_CHUNK)
    ):
        raise ArticlefixError(_NOT_TEXT)
    return _decoded(chunks, "utf-8", 1.0, bom=False, repair=repair, checked=True)


def _utf8(data: bytes) -> list[str]:
    """Strict UTF-8, a chunk of lines at a time (see ``_DECODE_CHUNK``)."""
    chunks, at, end = [], 0, len(data)
    view = memoryview(data)
    while at < end:
        cut = data.find(b"\n", at + _DECODE_CHUNK)
        stop = end if cut < 0 else cut + 1
        try:
            chunks.append(codecs.utf_8_decode(view[at:stop], "strict", True)[0])
        except UnicodeDecodeError as exc:  # where it is in the whole, for sniff.mostly_utf8
            where = (at + exc.start, at + exc.end)
            raise UnicodeDecodeError("utf-8", data, *where, exc.reason) from None
        at = stop
    return chunks or [""]


def _strict(data: bytes, name: str, why: str = "") -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        after = why or f"after a {name} BOM"
        raise ArticlefixError(f"invalid {name} at byte {exc.start} {after}") from None


def _decoded(
    chunks: list[str],
    name: str,
    confidence: float,
    *,
    bom: bool,
    repair: bool,
    checked: bool = False,
    notes: tuple[str, ...] = (),
) -> Decoded:
    # Every BOM before the first visible character goes, not just the one a codec strips: files
    # saved twice by editors carry two, and one after a blank line would start the output, where
    # a second run removes it (not idempotent). The whitespace stays: it may be Markdown.
    for k, chunk in enumerate(chunks):  # blanks at the start may fill a chunk and go on
        head = blank.end() if (blank := _HEAD.match(chunk)) else 0
        if "\ufeff" in chunk[:head]:
            chunks[k] = chunk[:head].replace("\ufeff", "") + chunk[head:]
        if head < len(chunk):
            break
    if not checked and any(CONTROL.search(chunk) for chunk in chunks):
        raise ArticlefixError(_NOT_TEXT)
    found = repaired(chunks) if repair else Repaired(tuple(map(Part, chunks)), False, False)
    decoded = Decoded(found.parts, name, confidence, bom, found.changed, notes, found.suspect)
    hidden = _hidden(decoded)
    return decoded._replace(warnings=notes + hidden) if hidden else decoded


def _hidden(decoded: Decoded) -> tuple[str, ...]:
    """Invisible characters that can make text read differently from what it says.

    Bidirectional overrides reorder what a reader sees ("Trojan Source"), zero-width characters
    hide inside words; both are kept as written but named in the report.
    """
    warnings, text = [], ""
    for kind, chars in _HIDDEN:
        if not decoded.holds(chars):
            continue
        text = text or decoded.text
        pattern = compiled(f"[{chars}]")
        if first := pattern.search(text):
            found = pattern.findall(text, first.start())
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
            line = text.count("\n", 0, first.start()) + 1
            warnings.append(f"{len(found)} {kind} character(s) ({codes}), first on line {line}")
    return tuple(warnings)
