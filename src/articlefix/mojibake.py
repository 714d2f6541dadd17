"""Part of stage 1: mojibake undone, for a whole document at once or line by line.

Lines repaired one by one come back as edits of the text (:class:`Edit`), not as a repaired
copy: joining one would hold the text, its parts and their join at once, three times a text
that is itself twice the input (mojibake in some copies of a 10 MB dump: 6.6x the input at the
peak). ftfy loads only for a text that shows mojibake.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import NamedTuple

from articlefix.patterns import compiled

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
#: Control characters that never occur in text: binary data to decode.py, and no repair.
CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
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
# Characters of a text handed on at a time (``pieces``): stage 2 splits a slice into lines.
_SLICE = 1 << 13
# Characters searched at a time (``holds_any``): a slice the CPU's cache keeps while each
# character is looked for in it. The 25 searches of a 100 MB text (its rare line breaks, the
# hidden characters) took 0.56 s over the whole, 19x those of 10 MB, a text the cache holds
# whole; 0.20 s a slice at a time (slices of 16K to 256K characters alike, 4K 0.24 s).
_SCAN = 1 << 16


class Edit(NamedTuple):
    """One line repaired: ``text[start:stop]`` reads ``fixed`` (its trailing blanks and line
    break are the text's own)."""

    start: int
    stop: int
    fixed: str


class Part(NamedTuple):
    """A stretch of a text that ends with a line break (or ends the text), with its repaired
    lines as edits: a long text is read a part at a time (decode.py says why)."""

    text: str
    edits: tuple[Edit, ...] = ()

    def holds(self, chars: str) -> bool:
        """Whether the part, its edits made, holds any of ``chars``, without joining it."""
        source, at = self.text, 0
        if not holds_any(source, chars):  # then only a repaired line may hold one
            fixed = "".join(edit.fixed for edit in self.edits)
            return any(ch in fixed for ch in chars)
        for edit in self.edits:
            if any(ch in edit.fixed for ch in chars) or holds_any(source, chars, at, edit.start):
                return True
            at = edit.stop
        return holds_any(source, chars, at)


class Repaired(NamedTuple):
    """A text repaired: its ``parts``; ``suspect`` when it still holds a sequence that looks
    like mojibake, which ftfy left alone; ``changed`` when a repair was made."""

    parts: tuple[Part, ...]
    suspect: bool
    changed: bool


def repair_mojibake(text: str) -> str:
    """Mojibake undone, again while something changes.

    One pass may peel one layer of a multiple encoding and bare the next, which a second run
    would otherwise repair (not idempotent). The pipeline calls this once more on paragraphs
    joined from wrapped lines, where a sequence may have been cut by a line break.
    """
    return joined(repaired((text,)).parts)


def holds_any(text: str, chars: str, start: int = 0, stop: int | None = None) -> bool:
    """Whether ``text[start:stop]`` holds any of ``chars``, searched a slice at a time."""
    stop = len(text) if stop is None else stop
    return any(
        text.find(ch, at, min(at + _SCAN, stop)) >= 0
        for at in range(start, stop, _SCAN)
        for ch in chars
    )


def joined(parts: Sequence[Part]) -> str:
    """The parts, their edits made, as one string (a copy, unless one part without edits)."""
    return "".join(applied(*part) for part in parts) if len(parts) != 1 else applied(*parts[0])


def applied(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` made, as one string (a copy, when there are edits)."""
    if not edits:
        return text
    parts: list[str] = []
    at = 0
    for edit in edits:
        parts += (text[at : edit.start], edit.fixed)
        at = edit.stop
    parts.append(text[at:])
    return "".join(parts)


def pieces(parts: Sequence[Part]) -> Iterator[str]:
    """The parts, their edits made, a slice at a time: slices of about ``_SLICE`` characters
    that end at a line break where the text has one, and a piece per edit."""
    for text, edits in parts:
        at = 0
        for edit in edits:
            yield from _slices(text, at, edit.start)
            yield edit.fixed
            at = edit.stop
        yield from _slices(text, at, len(text))


def _slices(text: str, at: int, stop: int) -> Iterator[str]:
    while at < stop:
        cut = text.find("\n", at + _SLICE, stop)
        end = stop if cut < 0 else cut + 1
        yield text[at:end]
        at = end


def repaired(chunks: Sequence[str]) -> Repaired:
    """Mojibake undone in a text given in ``chunks`` that end at line breaks: a whole
    document at once, or line by line.

    Each scan of a long text costs as much as the rest of the decoding: the text is scanned
    again only when a repaired line still looks like mojibake (another layer, on the text
    joined, as rare as mojibake of mojibake).
    """
    memo: dict[str, str] = {}  # line -> ftfy's answer: later passes meet the same lines again
    if not any(_SUSPECT.search(chunk) for chunk in chunks):
        return Repaired(tuple(map(Part, chunks)), False, False)
    fixed = _undo_whole(chunks)
    if fixed is None:
        parts, again, left = [], False, False
        for chunk in chunks:  # no line goes on across chunks: each ends with a line break
            edits, more, rest = _undo_lines(chunk, memo)
            parts.append(Part(chunk, edits))
            again, left = again or more, left or rest
        if not again:
            return Repaired(tuple(parts), left, any(part.edits for part in parts))
        fixed = joined(parts)
    elif fixed == "".join(chunks):
        return Repaired(tuple(map(Part, chunks)), True, False)
    text, edits, left = _layers(fixed, memo)
    return Repaired((Part(text, edits),), left, applied(text, edits) != "".join(chunks))


def _layers(text: str, memo: dict[str, str]) -> tuple[str, tuple[Edit, ...], bool]:
    """The layers after the first, peeled on the whole text: the text, its edits, and
    whether it still holds a suspect sequence."""
    for _ in range(_MAX_LAYERS - 1):
        if not _SUSPECT.search(text):
            return text, (), False
        fixed = _undo_whole((text,))
        if fixed is None:
            edits, again, left = _undo_lines(text, memo)
            if not edits or not again:
                return text, edits, left
            fixed = applied(text, edits)
        elif fixed == text:
            return text, (), True
        text = fixed
    return text, (), True


def _undo_whole(chunks: Sequence[str]) -> str | None:
    """A whole document of UTF-8 read as cp1252 is reversed exactly, byte for byte.

    Done first because some sequences (``â„‚`` for ``ℂ``) are beyond ftfy's per-segment rules.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    high = _cp1252_high()
    parts = []
    try:
        for text in chunks:
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


def _undo_lines(text: str, memo: dict[str, str]) -> tuple[tuple[Edit, ...], bool, bool]:
    """Mojibake in some copies only: ftfy's ``fix_encoding`` on just the lines that show it.

    Lines are those of ``str.splitlines`` (line ends kept), found around each suspect match
    rather than by splitting the whole text: most lines are clean, and stay uncopied. The edits
    come with two flags: whether a repaired line still looks like mojibake (another layer to
    peel), and whether any line does (ftfy may have left it alone).
    """
    from ftfy import fix_encoding  # never ``fix_text``: its defaults straighten curly quotes

    edits: list[Edit] = []
    done = 0  # lines up to ``done`` are handled
    again = left = False
    rare = holds_any(text, _RARE_BREAKS)
    while found := _SUSPECT.search(text, done):
        start, done = _line_bounds(text, found.start(), done, rare=rare)
        # ftfy reads a line as it is written out, without trailing blanks: they can change its
        # verdict ("â€”ç   "), and a second run would meet the line without them.
        line = text[start:done].rstrip()
        fixed = memo.get(line)
        if fixed is None:
            fixed = fix_encoding(line)
            # ftfy reads some junk ("Ã€€") as an overlong NUL: no repair makes control characters
            fixed = memo[line] = line if CONTROL.search(fixed) else fixed
        if fixed == line:
            left = True
            continue
        edits.append(Edit(start, start + len(line), fixed))
        if _SUSPECT.search(fixed):
            again = left = True
    return tuple(edits), again, left


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
