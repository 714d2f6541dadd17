"""Stage 2: text -> blocks (paragraphs), for both layouts scraped text comes in.

Scrapers write either one paragraph per line, or paragraphs separated by blank lines and
hard-wrapped. A blank-line chunk is joined into one paragraph only when its lines are exactly
what greedy wrapping at some width produces; otherwise each line stays a paragraph, so a
paragraph-per-line article that happens to contain a blank line is never glued together.

The Markdown articlefix writes (``##`` headings, ``>`` quotes, backslash escapes) is read back as
such, which is what makes a second run a no-op. Someone's Markdown is not read here at all:
Markdown mode edits the file itself (``mdedit.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

from articlefix.lists import LIST_MIN, listed
from articlefix.mojibake import Edit, pieces
from articlefix.patterns import compiled

Kind = Literal["text", "heading", "quote", "attribution", "item"]

# A Markdown heading and an escape in text mode: compiled on first use (0.16 ms of every start).
_HEADING = r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*"
_ESCAPE = r"\\([!-/:-@\[-`{-~])"
#: The dashes that lead an attribution ("— Name"): em, en, horizontal bar; a hyphen too, below.
DASHES = "\u2014\u2013\u2015"
#: An attribution's leading dash and the space after it, as written or as scraped.
LEADING_DASH = re.compile(f"^[{DASHES}-]+\\s*")
_OPENING = tuple('"“„«‘—–')  # a new paragraph may start with a quote mark or a dash
#: What a line that ends a sentence ends with (layout votes here, glued paragraphs in mdedit).
TERMINAL = tuple('.!?…:;"”»)')
#: Votes on either side of a chunk that decide its layout (chunks with line breaks vote).
LAYOUT_VOTES = 8


class Block(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """One paragraph of the input; ``kind`` is ``text`` unless the input's markup said more."""

    text: str
    line: int  # 1-based first line in the decoded text
    lines: int
    kind: Kind = "text"
    level: int = 0  # heading level, for headings the input marked with ``#``
    note: str = ""  # why a stage gave the block its kind (a list item)
    marker: str = ""  # a list item's marker as written out: ``-``, ``3.`` or ``3)``
    # Identical one-line blocks on consecutive lines, between a run's first and last: this
    # block stands for all of them (stage 4 judges them as one; the report lists each).
    copies: int = 1


def split_blocks(text: str, edits: Sequence[Edit] = ()) -> list[Block]:
    """Paragraphs of ``text`` with ``edits`` made (the lines decode.py repaired), in order;
    blank and whitespace-only lines separate nothing else.

    A run of three or more identical lines is its first line, one block for the lines between
    (``copies``) and its last: a million repeated lines cost what three do.
    """
    chunks = list(_blank_separated(_lines(text, edits)))
    # Without blank lines the layout is one paragraph per line, however alike the lines look.
    many = len(chunks) > 1
    # A list's line breaks are its items', no sign of a layout: as one line, no vote.
    voting = [None if chunk.listed() else chunk for chunk in chunks]
    blocks: list[Block] = []
    for chunk, per_line in zip(chunks, _breaks_at_sentences(voting), strict=True):
        blocks.extend(_chunk_blocks(chunk, join=many and not per_line))
    return blocks


def expanded(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each block that stands for several lines as one block per line."""
    if all(b.copies == 1 for b in blocks):
        return blocks
    return [b._replace(line=b.line + k, copies=1) for b in blocks for k in range(b.copies)]


def _lines(text: str, edits: Sequence[Edit]) -> Iterator[str]:
    """The lines of ``text`` with ``edits`` made (any line ending), without trailing blanks, a
    slice at a time (a line that a slice or an edit cuts is held until its end comes): the lines
    of a whole document never exist at once as strings (a run of identical lines is kept once
    with its count: 16,000 "Photo" lines as strings are 10x the input, a million "a" lines 4x)."""
    held: list[str] = []
    for piece in pieces(text, edits):
        # Up to the last line break, but not a CR that ends the piece: a CRLF's first half?
        cut = max(piece.rfind("\n"), piece.rfind("\r", 0, len(piece) - 1)) + 1
        if not cut:
            held.append(piece)
            continue
        held.append(piece[:cut])
        lines = _broken("".join(held))
        lines.pop()  # empty: the part ends with a line break
        yield from lines
        held = [piece[cut:]]
    yield from _broken("".join(held))


def _broken(part: str) -> list[str]:
    if "\r" in part:
        part = part.replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in part.split("\n")]


class _Chunk:
    """Consecutive non-blank lines from line ``first`` on; a run of identical lines is held
    once, with how many times it stands (``counts``, None while there is no run)."""

    __slots__ = ("counts", "first", "lines")

    def __init__(self, first: int, lines: list[str], counts: list[int] | None) -> None:
        self.first, self.lines, self.counts = first, lines, counts

    def add(self, line: str) -> None:
        lines = self.lines
        if lines and line == lines[-1]:
            if self.counts is None:
                self.counts = [1] * len(lines)
            self.counts[-1] += 1
            return
        lines.append(line)
        if self.counts is not None:
            self.counts.append(1)

    @property
    def size(self) -> int:
        return len(self.lines) if self.counts is None else sum(self.counts)

    def pairs(self) -> Iterator[tuple[str, str, int]]:
        """Each line and the next, with how many times that pair stands."""
        if self.counts is None:
            for line, after in pairwise(self.lines):
                yield line, after, 1
            return
        for (line, count), (after, _) in pairwise(zip(self.lines, self.counts, strict=True)):
            if count > 1:
                yield line, line, count - 1
            yield line, after, 1
        if self.counts[-1] > 1:
            yield self.lines[-1], self.lines[-1], self.counts[-1] - 1

    def expanded(self, most: int | None = None) -> list[str]:
        """Every line, a run's at most ``most`` times."""
        if self.counts is None:
            return self.lines
        return [line for line, n in zip(self.lines, self.counts, strict=True)
                for _ in range(n if most is None else min(n, most))]  # fmt: skip

    def listed(self) -> bool:
        return listed(self.expanded(LIST_MIN))  # it counts items up to LIST_MIN

    def stripped(self) -> _Chunk:
        counts = None if self.counts is None else self.counts[:]
        return _Chunk(self.first, [line.strip() for line in self.lines], counts)

    def blocks(self) -> list[Block]:
        """One block per line; a run as its first line, the lines between, and its last."""
        if self.counts is None:
            return [_text_block(line, self.first + k, 1) for k, line in enumerate(self.lines)]
        out, number = [], self.first
        for line, count in zip(self.lines, self.counts, strict=True):
            block = _text_block(line, number, 1)
            out.append(block)
            if count > 2:
                out.append(block._replace(line=number + 1, copies=count - 2))
            if count > 1:
                out.append(block._replace(line=number + count - 1))
            number += count
        return out


def _blank_separated(lines: Iterable[str]) -> Iterator[_Chunk]:
    """Runs of non-blank lines (lines come without trailing blanks: a blank one is empty)."""
    chunk: _Chunk | None = None
    for number, line in enumerate(lines, 1):
        if line:
            if chunk is None:
                chunk = _Chunk(number, [], None)
            chunk.add(line)
        elif chunk is not None:
            yield chunk
            chunk = None
    if chunk is not None:
        yield chunk


def _chunk_blocks(chunk: _Chunk, *, join: bool) -> list[Block]:
    if all(line.lstrip().startswith(">") for line in chunk.lines):
        quote = _quote(chunk.first, chunk.expanded())
        if quote is not None:
            return quote
    stripped = chunk.stripped()
    if join and stripped.size > 1 and not stripped.listed() and _wrapped(stripped):
        return [_text_block(" ".join(stripped.expanded()), chunk.first, chunk.size)]
    return stripped.blocks()


def _text_block(line: str, number: int, count: int) -> Block:
    """A heading only where the input wrote ``##``, as articlefix itself does.

    In scraped text a lone ``#`` is a hashtag or a stray character far more often than a title,
    so it stays text (and is escaped on output).
    """
    heading = compiled(_HEADING).fullmatch(line) if line.startswith("#") else None
    if heading and heading.group(2) and heading.group(1) == "##":
        return Block(unescape(heading.group(2)), number, count, "heading", 2)
    return Block(unescape(line), number, count)


def _quote(first: int, chunk: list[str]) -> list[Block] | None:
    """The pull-quote shape articlefix writes: ``> text``, then optionally ``>`` and ``> — who``."""
    inner = [compiled(r"^\s*> ?").sub("", line).strip() for line in chunk]
    if "" in inner:
        cut = inner.index("")
        body, rest = inner[:cut], inner[cut + 1 :]
    else:
        body, rest = inner, []
    # Without its attribution a ``>`` line is not a pull quote: plain text escapes it, and
    # Markdown mode keeps the blockquote verbatim.
    if not body or any(line.startswith(">") for line in inner) or len(rest) != 1:
        return None
    dash = LEADING_DASH.match(rest[0])
    who = rest[0][dash.end() :] if dash else ""
    if not who:  # no dash, or nobody after it: "> —" would be written "> — "
        return None
    return [
        Block(unescape(" ".join(body)), first, len(body), "quote"),
        Block(unescape(who), first + len(chunk) - 1, 1, "attribution"),
    ]


def _breaks_at_sentences(chunks: list[_Chunk | None]) -> list[bool]:
    """Per chunk: True when the line breaks around it mostly fall between sentences.

    Wrapping breaks a line wherever the width runs out, so only a few breaks follow a sentence
    end; in a one-paragraph-per-line article nearly all of them do, blank line or not. A chunk
    of two similar lines alone could be either, so each chunk with line breaks
    casts one vote, and the ``LAYOUT_VOTES`` nearest votes on either side decide with its own: a
    whole article's worth (a list of one-line chunks casts none), yet in a dump of articles
    concatenated, each article's own paragraphs decide for it.
    """
    voters: list[int] = []  # chunks with line breaks, in order
    votes = [0]  # running sum of their votes for "one paragraph per line"
    for n, chunk in enumerate(chunks):
        breaks = ends = 0
        for line, after, count in chunk.pairs() if chunk else ():
            breaks += count
            after = after.lstrip()
            if line.endswith(TERMINAL) and (after[:1].isupper() or after[:1] in _OPENING):
                ends += count
        if breaks:
            voters.append(n)
            votes.append(votes[-1] + (ends * 2 > breaks))
    layout = []
    at = 0  # the first voter from chunk n on: this chunk's own vote, if it has one, is at ``at``
    for n in range(len(chunks)):
        while at < len(voters) and voters[at] < n:  # voters are in order: a walk, no bisect
            at += 1
        low = max(0, at - LAYOUT_VOTES)
        high = min(len(voters), at + LAYOUT_VOTES + (at < len(voters) and voters[at] == n))
        layout.append((votes[high] - votes[low]) * 2 > high - low)
    return layout


def _wrapped(chunk: _Chunk) -> bool:
    """True when the breaks look like hard wrapping rather than one paragraph per line.

    Greedy wrapping breaks a line only when the next word would not fit, so every line but the
    last is nearly as long as the widest (slack for spacing). Beyond 120 columns, lines that end
    sentences are paragraphs of their own, whatever their length.
    """
    widths = [len(line) for line in chunk.lines if " " in line]
    if not widths:
        return True
    width = max(widths)
    for line, after, _ in chunk.pairs():
        if " " in line and len(line) + 1 + len(after.split(" ", 1)[0]) < 0.75 * width:
            return False
    if width > 120:
        ends = sum(count for line, _, count in chunk.pairs() if line.endswith(TERMINAL))
        return ends * 2 < chunk.size - 1
    return True


def unescape(text: str) -> str:
    """Undo CommonMark backslash escapes, as a Markdown reader would."""
    return compiled(_ESCAPE).sub(r"\1", text) if "\\" in text else text
