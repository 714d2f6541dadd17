"""Stage 1: bytes in any encoding -> text, with mojibake undone.

Order matters for speed and correctness: a BOM is certain, strict UTF-8 is cheap and almost
never wrong, and only what fails both goes to sniff.py's guesses and chardet. What only that
path or mojibake needs (sniff.py, the cp1252 codec, ftfy, chardet) loads only then: a UTF-8
article does without it.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import NamedTuple

from articlefix.errors import ArticlefixError
from articlefix.patterns import compiled

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
# A UTF-8 lead byte read as cp1252/latin-1, followed by the continuation bytes read the same
# way: one after a two-byte lead, two after a longer one. Counting them keeps ftfy off lines of
# ordinary French, where "liberté”" is a three-byte lead and one continuation.
_LEAD2 = "\u00c2-\u00df"
_LEAD3 = "\u00e0-\u00f4"
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_C1 = "\u0080-\u009f"
# Lines worth ftfy's time: mojibake, or C1 controls (cp1252 bytes read as latin-1), which
# ``fix_encoding`` turns into their cp1252 characters wherever it meets them. Both count, so a
# line holding only a C1 control is repaired now, not later when a re-wrap joins it to mojibake.
# The match is the last continuation, found first: continuations are rarer than leads in text
# with accents (every "é" is a lead), and the lookbehinds then check what comes before.
_SUSPECT = re.compile(
    f"{_CONTINUATION}(?:(?<=[{_C1}])|(?<=[{_LEAD2}].)|(?<=[{_LEAD3}]{_CONTINUATION}.))"
)
_NOT_TEXT = "binary data (control characters), not text"
# UTF-16 told by where its NULs are: strong evidence (see sniff.py), not the proof a BOM is.
_NO_BOM_CONFIDENCE = 0.9
# What may come before the first visible character of a text: blanks and BOMs.
_HEAD = re.compile("[ \t\n\r\f\v\ufeff]*")
# Control characters that never occur in text: their presence means binary data.
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# The same test on UTF-8 bytes, where these characters are single bytes: a byte translation
# (each of them to NUL) and a search for NUL run four times faster than the regex on text. By
# chunks: a whole translated copy, freed at once, would stay in the process as heap.
_BINARY_BYTES = bytes(0 if b < 9 or 13 < b < 27 or 27 < b < 32 else 1 for b in range(256))
# Bytes translated at a time: 10 MB take 4.3 ms in chunks of 64 KiB, 4.6 in 16 KiB, 5.4 in 4 KiB
# or in one piece.
_BINARY_CHUNK = 1 << 16
# Invisible characters named in the report; one ``in`` test per character is many times
# faster than a regex over a long text, which is then searched (and compiled, as are the
# other regexes of rare cases: compiling costs start-up) only when it holds one.
_HIDDEN = (
    (
        "bidirectional control",
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    ),
    ("zero-width", "\u200b\u200c\u200d\u2060\ufeff"),
)
#: All of them, for pages that show where they are (review.py).
HIDDEN_CHARACTERS = "".join(chars for _, chars in _HIDDEN)
# Whole-document reversal converts this much text at a time, so that a document with a genuine
# accent near its start (nearly all of them) fails after one chunk: 0.2 ms in 4 KiB, 3.4 ms in
# 64 KiB, 0.5 s for 10 MB in one piece (the seed's French); a document that is all mojibake
# takes the same at any size (10 MB: 0.53 s).
_UNDO_CHUNK = 1 << 12
# Layers of whole-document misreading peeled, one per pass (ftfy peels a line's in one): each
# makes the text 1.5-2 times longer. The dev set's 118 cases and the samples need one pass at
# most, the tests two (UTF-8 read as cp1252 twice); a text left with a suspect after four is
# reported as such.
_MAX_LAYERS = 4
# Line breaks as ``str.splitlines`` knows them; text without the rare ones takes a fast path.
_RARE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = f"\r\n|[\n\r{_RARE_BREAKS}]"
_LAST_BREAK = f"(?s:.*(?:{_BREAK}))"


class Decoded(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """Text plus how it was obtained, for the report."""

    text: str
    encoding: str
    confidence: float
    bom: bool
    repaired: bool
    warnings: tuple[str, ...] = ()
    suspect: bool = False  # mojibake-like sequences left that another context might repair


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
        return _decoded(data, "unicode", 1.0, bom=False, repair=repair)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decoded(_strict(data, name), name, 1.0, bom=True, repair=repair)
    if b"\x00" in data:
        from articlefix.sniff import utf16_without_bom

        utf16 = utf16_without_bom(data)
        if utf16 is None:
            raise ArticlefixError("binary data (NUL bytes), not text")
        text = _strict(data, utf16, "without a BOM")
        return _decoded(text, utf16, _NO_BOM_CONFIDENCE, bom=False, repair=repair)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from articlefix.sniff import detect, mostly_utf8, western

        guess = mostly_utf8(data, exc.start) or western(data) or detect(data)
        notes = (guess.note,) if guess.note else ()
        return _decoded(guess.text, guess.encoding, guess.confidence, bom=False, repair=repair,
                        notes=notes)  # fmt: skip
    if any(
        b"\x00" in data[at : at + _BINARY_CHUNK].translate(_BINARY_BYTES)
        for at in range(0, len(data), _BINARY_CHUNK)
    ):
        raise ArticlefixError(_NOT_TEXT)
    return _decoded(text, "utf-8", 1.0, bom=False, repair=repair, checked=True)


def _strict(data: bytes, name: str, why: str = "") -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        after = why or f"after a {name} BOM"
        raise ArticlefixError(f"invalid {name} at byte {exc.start} {after}") from None


def _decoded(
    text: str,
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
    blank = _HEAD.match(text)  # unlike ``lstrip``, copies nothing of a long text
    head = blank.end() if blank else 0
    if "\ufeff" in text[:head]:
        text = text[:head].replace("\ufeff", "") + text[head:]
    if not checked and _BINARY.search(text):
        raise ArticlefixError(_NOT_TEXT)
    fixed, suspect = _repair(text) if repair else (text, False)
    warnings = notes + _hidden(fixed)
    return Decoded(fixed, name, confidence, bom, fixed != text, warnings, suspect)


def repair_mojibake(text: str) -> str:
    """Mojibake undone, again while something changes.

    One pass may peel one layer of a multiple encoding and bare the next, which a second run
    would otherwise repair (not idempotent). The pipeline calls this once more on paragraphs
    joined from wrapped lines, where a sequence may have been cut by a line break.
    """
    return _repair(text)[0]


def _repair(text: str) -> tuple[str, bool]:
    """The repaired text, and whether it still holds a suspect sequence that ftfy left alone.

    Each scan of a long text costs as much as the rest of the decoding: the text is scanned
    again only when a repaired line still looks like mojibake (another layer).
    """
    memo: dict[str, str] = {}  # line -> ftfy's answer: later passes meet the same lines again
    for _ in range(_MAX_LAYERS):
        if not _SUSPECT.search(text):
            return text, False
        fixed = _undo_whole(text)
        again = left = True
        if fixed is None:
            fixed, again, left = _undo_lines(text, memo)
        if fixed == text or not again:
            return fixed, left
        text = fixed
    return text, True


def _hidden(text: str) -> tuple[str, ...]:
    """Invisible characters that can make text read differently from what it says.

    Bidirectional overrides reorder what a reader sees ("Trojan Source"), zero-width characters
    hide inside words; both are kept as written but named in the report.
    """
    warnings = []
    for kind, chars in _HIDDEN:
        if not any(ch in text for ch in chars):
            continue
        pattern = compiled(f"[{chars}]")
        if first := pattern.search(text):
            found = pattern.findall(text, first.start())
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
            line = text.count("\n", 0, first.start()) + 1
            warnings.append(f"{len(found)} {kind} character(s) ({codes}), first on line {line}")
    return tuple(warnings)


def _undo_whole(text: str) -> str | None:
    """A whole document of UTF-8 read as cp1252 is reversed exactly, byte for byte.

    Done first because some sequences (``â„‚`` for ``ℂ``) are beyond ftfy's per-segment rules.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    high = _cp1252_high()
    parts = []
    try:
        for at in range(0, len(text), _UNDO_CHUNK):
            raw = text[at : at + _UNDO_CHUNK].translate(high).encode("latin-1")
            parts.append(decoder.decode(raw))
        parts.append(decoder.decode(b"", final=True))
    except UnicodeError:  # a character beyond cp1252, or bytes that are not UTF-8
        return None
    return "".join(parts)


@cache
def _cp1252_high() -> dict[int, int]:
    """cp1252's characters beyond latin-1, mapped to their byte read as latin-1: after this
    translation, encoding to latin-1 gives back the bytes that were misread. Built on first use
    (its codec is loaded only then)."""
    decoded = ((b, bytes([b]).decode("cp1252", "ignore")) for b in range(128, 256))
    return {ord(ch): b for b, ch in decoded if ch > "\xff"}


def _undo_lines(text: str, memo: dict[str, str]) -> tuple[str, bool, bool]:
    """Mojibake in some copies only: ftfy's ``fix_encoding`` on just the lines that show it.

    Lines are those of ``str.splitlines`` (line ends kept), found around each suspect match
    rather than by splitting the whole text: most lines are clean, and stay uncopied. The flags
    tell whether a repaired line still looks like mojibake (another layer to peel), and whether
    any line does (ftfy may have left it alone).
    """
    from ftfy import fix_encoding  # never ``fix_text``: its defaults straighten curly quotes

    parts: list[str] = []
    copied = done = 0  # text up to ``copied`` is in ``parts``; lines up to ``done`` are handled
    again = left = False
    rare = any(ch in text for ch in _RARE_BREAKS)
    while found := _SUSPECT.search(text, done):
        start, done = _line_bounds(text, found.start(), done, rare=rare)
        # ftfy reads a line as it is written out, without trailing blanks: they can change its
        # verdict ("â€”ç   "), and a second run would meet the line without them.
        line = text[start:done].rstrip()
        fixed = memo.get(line)
        if fixed is None:
            fixed = fix_encoding(line)
            # ftfy reads some junk ("Ã€€") as an overlong NUL: no repair makes control characters
            fixed = memo[line] = line if _BINARY.search(fixed) else fixed
        if fixed == line:
            left = True
            continue
        parts += (text[copied:start], fixed, text[start + len(line) : done])
        copied = done
        if _SUSPECT.search(fixed):
            again = left = True
    if not parts:
        return text, False, left
    parts.append(text[copied:])
    return "".join(parts), again, left


def _line_bounds(text: str, at: int, done: int, *, rare: bool) -> tuple[int, int]:
    """Start and end (line break included) of the line holding ``at``; none starts before ``done``.

    ``str.find`` runs at memory speed, a regex over the same span many times slower: regexes
    are for text that holds one of the rare line breaks.
    """
    if rare:
        last = compiled(_LAST_BREAK).match(text, max(done, text.rfind("\n", done, at)), at)
        brk = compiled(_BREAK).search(text, at)
        return last.end() if last else done, brk.end() if brk else len(text)
    start = max(text.rfind("\n", done, at), text.rfind("\r", done, at), done - 1) + 1
    newline = text.find("\n", at)
    end = len(text) if newline < 0 else newline + 1
    cr = text.find("\r", at, end)
    if cr >= 0:
        end = cr + 2 if text.startswith("\n", cr + 1) else cr + 1
    return start, end
