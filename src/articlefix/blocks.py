"""Stage 2: text -> blocks (paragraphs), for both layouts scraped text comes in.

Scrapers write either one paragraph per line, or paragraphs separated by blank lines and
hard-wrapped. A blank-line chunk is joined into one paragraph only when its lines are exactly
what greedy wrapping at some width produces; otherwise each line stays a paragraph, so a
paragraph-per-line article that happens to contain a blank line is never glued together.

The Markdown articlefix writes (``##`` headings, ``>`` quotes, backslash escapes) is read back as
such, which is what makes a second run a no-op. In Markdown mode the file is someone's Markdown:
front matter, lists, code, tables and HTML are kept verbatim, and paragraphs keep their own line
breaks and inline markup (``raw``), so only repeats and tags change the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from articlefix.lists import listed

Kind = Literal["text", "heading", "quote", "attribution", "verbatim", "item"]

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_DASH = re.compile("[\u2014\u2013\u2015-]+\\s*")  # em, en, horizontal bar, hyphen
_FRONT = {"---": ("---", "..."), "+++": ("+++",)}
_BLANK = re.compile(r"\s*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Lines that make a chunk Markdown structure rather than prose (in Markdown mode only).
_STRUCTURE = re.compile(
    r" {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|\||>|<[A-Za-z!/?]|\[[^\]]+\]:|[-=_*]{3,}[ \t]*$)"
    r"| {4}|\t"
)
# The link a wiki writes after each section title ("Examples[edit]", "Geschichte[Bearbeiten |
# Quelltext bearbeiten]"), in the languages of the articles scraped most.
_WIKI_EDIT = re.compile(
    r"\s*\[(?:edit|edit source|modifier|modifier le code|bearbeiten|editar|modifica)"
    r"(?:\s*\|\s*[\w -]{1,30})?\]$",
    re.IGNORECASE,
)
#: A title before "[edit]" has at most this many words (the heading rule's own limit).
WIKI_HEADING_WORDS = 18
_OPENING = tuple('"“„«‘—–')  # a new paragraph may start with a quote mark or a dash
_TERMINAL = tuple('.!?…:;"”»)')
#: Votes on either side of a chunk that decide its layout (chunks with line breaks vote).
LAYOUT_VOTES = 8


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the input; ``kind`` is ``text`` unless the input's markup said more."""

    text: str
    line: int  # 1-based first line in the decoded text
    lines: int
    kind: Kind = "text"
    level: int = 0  # heading level, for headings the input marked with ``#``
    raw: bool = False  # ``text`` is Markdown source, to be written back as it is
    note: str = ""  # why this stage gave the block its kind (a wiki heading, a list item)
    marker: str = ""  # a list item's marker as written out: ``-``, ``3.`` or ``3)``


def split_blocks(text: str, *, markdown: bool) -> list[Block]:
    """Paragraphs of ``text`` in order; blank and whitespace-only lines separate nothing else."""
    raw = _lines(text)
    blocks: list[Block] = []
    top, start = _front_matter(raw) if markdown else (0, 0)
    if start:  # byte for byte, trailing spaces included
        blocks.append(Block("\n".join(raw[top:start]), top + 1, start - top, "verbatim"))
    lines = [line.rstrip() for line in raw]
    chunks = list(_chunks(lines, start, markdown=markdown))
    # Without blank lines the layout is one paragraph per line, however alike the lines look.
    many = len(chunks) > 1
    # In Markdown mode a paragraph keeps its line breaks, so a second run meets it again, and
    # its layout must not hang on neighbours that dedup may remove: it decides alone, and
    # only from three lines on (scraped text saved as .md), never an author's two-line one.
    if markdown:
        layout = _breaks_at_sentences(chunks, around=0, least=2)
    else:  # a list's line breaks are its items', no sign of a layout: as one line, no vote
        voting = [(n, chunk[:1] if listed(chunk) else chunk) for n, chunk in chunks]
        layout = _breaks_at_sentences(voting, around=LAYOUT_VOTES, least=1)
    for (first, chunk), per_line in zip(chunks, layout, strict=True):
        join = many and not per_line
        blocks.extend(_chunk_blocks(first, chunk, markdown=markdown, join=join, per_line=per_line))
    return blocks


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def has_front_matter(text: str) -> bool:
    """A closed ``---`` or ``+++`` block at the top, blank lines before it allowed (as in
    Markdown mode, which drops them): the file is Markdown."""
    blank = _BLANK.match(text)  # unlike ``lstrip``, copies nothing of a long text
    start = blank.end() if blank else 0
    head = text[start : start + 65536]
    return head.startswith(("---", "+++")) and _front_matter(_lines(head))[1] > 0


def _front_matter(lines: list[str]) -> tuple[int, int]:
    """First line and end of YAML (``---``) or TOML (``+++``) front matter at the top, or 0, 0.

    Blank lines may come first: the output drops them, and a second run must find the same
    front matter as the first did.
    """
    top = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    # Markers are compared without surrounding blanks, as the rest of the file is written.
    ends = _FRONT.get(lines[top].strip()) if top < len(lines) else None
    if ends:
        for i in range(top + 1, len(lines)):
            if lines[i].strip() in ends:
                return top, i + 1
    return 0, 0


def _chunks(lines: list[str], start: int, *, markdown: bool) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines with their 1-based first line; a fenced code block is one run."""
    chunk: list[str] = []
    fence = ""
    for i in range(start, len(lines)):
        line = lines[i]
        if fence:
            chunk.append(line)
            if line.lstrip().startswith(fence):
                fence = ""
            continue
        opening = _FENCE.match(line) if markdown else None
        if opening and not chunk:
            fence = opening.group(1)
            chunk.append(line)
        elif line.strip():
            chunk.append(line)
        elif chunk:
            yield i - len(chunk) + 1, chunk
            chunk = []
    if chunk:
        first = len(lines) - len(chunk) + 1
        while not chunk[-1].strip():  # an unclosed fence ends with the text, not its blank tail
            chunk.pop()
        yield first, chunk


def _chunk_blocks(
    first: int, chunk: list[str], *, markdown: bool, join: bool, per_line: bool
) -> list[Block]:
    if all(line.lstrip().startswith(">") for line in chunk):
        quote = _quote(first, chunk, markdown=markdown)
        if quote is not None:
            return quote
    # A fence line anywhere: CommonMark lets it interrupt a paragraph, and written on a line of
    # its own (one paragraph per line) it would open a code block on the next run.
    if markdown and any(_STRUCTURE.match(line) or _FENCE.match(line) for line in chunk):
        return [Block("\n".join(chunk), first, len(chunk), "verbatim")]
    if markdown:  # the author's paragraph: own line breaks and inline markup, unless the
        # document is scraped text saved as .md, one paragraph per line
        parts = [[line] for line in chunk] if per_line else [chunk]
        return [_markdown_prose(first + k, part) for k, part in enumerate(parts)]
    stripped = [line.strip() for line in chunk]
    if join and len(stripped) > 1 and not listed(stripped) and _wrapped(stripped):
        return [_prose(" ".join(stripped), first, len(chunk))]
    return [_prose(line, first + k, 1) for k, line in enumerate(stripped)]


def _prose(line: str, number: int, count: int) -> Block:
    """A heading only where the input wrote ``##``, as articlefix itself does.

    In scraped text a lone ``#`` is a hashtag or a stray character far more often than a title,
    so it stays text (and is escaped on output).
    """
    heading = _HEADING.fullmatch(line) if line.startswith("#") else None
    if heading and heading.group(2) and heading.group(1) == "##":
        return Block(unescape(heading.group(2)), number, count, "heading", 2)
    wiki = _WIKI_EDIT.search(line) if line.endswith("]") else None
    if wiki and 0 < len(line[: wiki.start()].split()) <= WIKI_HEADING_WORDS:
        title = unescape(line[: wiki.start()])
        note = f"wiki heading: its {wiki.group(0).strip()!r} link removed"
        return Block(title, number, count, "heading", 2, note=note)
    return Block(unescape(line), number, count)


def _markdown_prose(first: int, chunk: list[str]) -> Block:
    """A Markdown heading of any level, or a paragraph kept exactly as its author wrote it."""
    # Up to three leading spaces still make a heading (four are code, kept verbatim before).
    heading = _HEADING.fullmatch(chunk[0].lstrip(" ")) if len(chunk) == 1 else None
    if heading and heading.group(2):
        return Block(heading.group(2), first, 1, "heading", len(heading.group(1)), raw=True)
    # Only blanks go: a form feed before "```" kept it from opening a fence, and must stay.
    return Block("\n".join(line.lstrip(" \t") for line in chunk), first, len(chunk), raw=True)


def _quote(first: int, chunk: list[str], *, markdown: bool) -> list[Block] | None:
    """The pull-quote shape articlefix writes: ``> text``, then optionally ``>`` and ``> — who``."""
    # Markdown mode keeps other blanks, as its paragraphs do: a quote that starts with a
    # no-break space is written "> \xa0…", and must read back the same.
    inner = [re.sub(r"^\s*> ?", "", line).strip(" \t" if markdown else None) for line in chunk]
    if "" in inner:
        cut = inner.index("")
        body, rest = inner[:cut], inner[cut + 1 :]
    else:
        body, rest = inner, []
    # Without its attribution a ``>`` line is not a pull quote: plain text escapes it, and
    # Markdown mode keeps the blockquote verbatim.
    if not body or any(line.startswith(">") for line in inner) or len(rest) != 1:
        return None
    dash = _DASH.match(rest[0])
    who = rest[0][dash.end() :] if dash else ""
    if not who:  # no dash, or nobody after it: "> —" would be written "> — "
        return None
    if markdown:
        return [
            Block("\n".join(body), first, len(body), "quote", raw=True),
            Block(who, first + len(chunk) - 1, 1, "attribution", raw=True),
        ]
    return [
        Block(unescape(" ".join(body)), first, len(body), "quote"),
        Block(unescape(who), first + len(chunk) - 1, 1, "attribution"),
    ]


def _breaks_at_sentences(
    chunks: list[tuple[int, list[str]]], *, around: int, least: int
) -> list[bool]:
    """Per chunk: True when the line breaks around it mostly fall between sentences.

    Wrapping breaks a line wherever the width runs out, so only a few breaks follow a sentence
    end; in a one-paragraph-per-line article nearly all of them do, blank line or not. A chunk
    of two similar lines alone could be either, so each chunk with ``least`` breaks or more
    casts one vote, and the ``around`` nearest votes on either side decide with its own: a
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
        if breaks >= least:
            voters.append(n)
            votes.append(votes[-1] + (ends * 2 > breaks))
    layout = []
    for n in range(len(chunks)):
        at = bisect_left(voters, n)  # this chunk's own vote, if it has one, is at ``at``
        low = max(0, at - around)
        high = min(len(voters), at + around + (at < len(voters) and voters[at] == n))
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
