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
from bisect import bisect_left
from collections.abc import Iterator
from itertools import pairwise
from typing import Literal, NamedTuple

from articlefix.lists import listed

Kind = Literal["text", "heading", "quote", "attribution", "item"]

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: The dashes that lead an attribution ("— Name"): em, en, horizontal bar; a hyphen too, below.
DASHES = "\u2014\u2013\u2015"
#: An attribution's leading dash and the space after it, as written or as scraped.
LEADING_DASH = re.compile(f"^[{DASHES}-]+\\s*")
_OPENING = tuple('"“„«‘—–')  # a new paragraph may start with a quote mark or a dash
_TERMINAL = tuple('.!?…:;"”»)')
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


def split_blocks(text: str) -> list[Block]:
    """Paragraphs of ``text`` in order; blank and whitespace-only lines separate nothing else."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    chunks = list(_blank_separated(lines))
    # Without blank lines the layout is one paragraph per line, however alike the lines look.
    many = len(chunks) > 1
    # A list's line breaks are its items', no sign of a layout: as one line, no vote.
    voting = [(n, chunk[:1] if listed(chunk) else chunk) for n, chunk in chunks]
    blocks: list[Block] = []
    for (first, chunk), per_line in zip(chunks, _breaks_at_sentences(voting), strict=True):
        blocks.extend(_chunk_blocks(first, chunk, join=many and not per_line))
    return blocks


def _blank_separated(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines with their 1-based first line."""
    chunk: list[str] = []
    for i, line in enumerate(lines):
        if line.strip():
            chunk.append(line)
        elif chunk:
            yield i - len(chunk) + 1, chunk
            chunk = []
    if chunk:
        yield len(lines) - len(chunk) + 1, chunk


def _chunk_blocks(first: int, chunk: list[str], *, join: bool) -> list[Block]:
    if all(line.lstrip().startswith(">") for line in chunk):
        quote = _quote(first, chunk)
        if quote is not None:
            return quote
    stripped = [line.strip() for line in chunk]
    if join and len(stripped) > 1 and not listed(stripped) and _wrapped(stripped):
        return [_text_block(" ".join(stripped), first, len(chunk))]
    return [_text_block(line, first + k, 1) for k, line in enumerate(stripped)]


def _text_block(line: str, number: int, count: int) -> Block:
    """A heading only where the input wrote ``##``, as articlefix itself does.

    In scraped text a lone ``#`` is a hashtag or a stray character far more often than a title,
    so it stays text (and is escaped on output).
    """
    heading = _HEADING.fullmatch(line) if line.startswith("#") else None
    if heading and heading.group(2) and heading.group(1) == "##":
        return Block(unescape(heading.group(2)), number, count, "heading", 2)
    return Block(unescape(line), number, count)


def _quote(first: int, chunk: list[str]) -> list[Block] | None:
    """The pull-quote shape articlefix writes: ``> text``, then optionally ``>`` and ``> — who``."""
    inner = [re.sub(r"^\s*> ?", "", line).strip() for line in chunk]
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


def _breaks_at_sentences(chunks: list[tuple[int, list[str]]]) -> list[bool]:
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
    for n, (_, chunk) in enumerate(chunks):
        breaks = ends = 0
        for line, after in pairwise(chunk):
            breaks += 1
            after = after.lstrip()
            ends += line.endswith(_TERMINAL) and (after[:1].isupper() or after[:1] in _OPENING)
        if breaks:
            voters.append(n)
            votes.append(votes[-1] + (ends * 2 > breaks))
    layout = []
    for n in range(len(chunks)):
        at = bisect_left(voters, n)  # this chunk's own vote, if it has one, is at ``at``
        low = max(0, at - LAYOUT_VOTES)
        high = min(len(voters), at + LAYOUT_VOTES + (at < len(voters) and voters[at] == n))
        layout.append((votes[high] - votes[low]) * 2 > high - low)
    return layout


def _wrapped(lines: list[str]) -> bool:
    """True when the breaks look like hard wrapping rather than one paragraph per line.

    Greedy wrapping breaks a line only when the next word would not fit, so every line but the
    last is nearly as long as the widest (slack for spacing). Beyond 120 columns, lines that end
    sentences are paragraphs of their own, whatever their length.
    """
    widths = [len(line) for line in lines if " " in line]
    if not widths:
        return True
    width = max(widths)
    for line, after in pairwise(lines):
        if " " in line and len(line) + 1 + len(after.split(" ", 1)[0]) < 0.75 * width:
            return False
    if width > 120:
        ends = sum(line.endswith(_TERMINAL) for line in lines[:-1])
        return ends * 2 < len(lines) - 1
    return True


def unescape(text: str) -> str:
    """Undo CommonMark backslash escapes, as a Markdown reader would."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text
