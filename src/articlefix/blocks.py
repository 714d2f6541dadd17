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
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, NamedTuple, overload

from articlefix.layout import Chunk, blank_separated, breaks_at_sentences, wrapped
from articlefix.mojibake import Part, pieces
from articlefix.patterns import compiled

Kind = Literal["text", "heading", "quote", "attribution", "item"]

# A Markdown heading and an escape in text mode: compiled on first use (0.16 ms of every start).
_HEADING = r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*"
_ESCAPE = r"\\([!-/:-@\[-`{-~])"
#: The dashes that lead an attribution ("— Name"): em, en, horizontal bar; a hyphen too, below.
DASHES = "\u2014\u2013\u2015"
#: An attribution's leading dash and the space after it, as written or as scraped.
LEADING_DASH = re.compile(f"^[{DASHES}-]+\\s*")


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


class Blocks(Sequence[Block]):
    """The blocks of a document in columns: each block's text, first line and line count, and
    whole only the few that are more than plain text on its own (a heading, a quote, a run).

    Not a list of blocks: the cyclic collector never untracks a tuple subclass, so each full
    collection walked every live block (mixed 100 MB: 320,000 of them, 8 collections). Reading
    a block builds it (``blocks[n]``); stages that need one column read it (``texts``).
    """

    __slots__ = ("_lines", "_marked", "_spans", "texts")

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        self.texts: list[str] = []
        self._lines, self._spans = array("l"), array("l")  # first line, lines
        self._marked: dict[int, Block] = {}  # the blocks that are not plain text
        for block in blocks:
            self.append(block)

    def append(self, block: Block) -> None:
        if block.kind != "text" or block.copies != 1 or block.level or block.note or block.marker:
            self._marked[len(self.texts)] = block
        self.texts.append(block.text)
        self._lines.append(block.line)
        self._spans.append(block.lines)

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, n: int) -> Block: ...
    @overload
    def __getitem__(self, n: slice) -> Blocks: ...
    def __getitem__(self, n: int | slice) -> Block | Blocks:
        if isinstance(n, slice):
            return Blocks(self[k] for k in range(*n.indices(len(self))))
        text = self.texts[n]  # raises IndexError as a list would
        n %= len(self.texts)
        if (block := self._marked.get(n)) is None:
            return Block(text, self._lines[n], self._spans[n])
        return block if block.text is text else block._replace(text=text)

    def picked(self, places: Iterable[int]) -> list[Block]:
        """The blocks at ``places`` in one pass (0.34 µs a block, 0.46 by ``self[n]``)."""
        texts, lines, spans, marked = self.texts, self._lines, self._spans, self._marked
        return [Block(texts[n], lines[n], spans[n]) if n not in marked else self[n] for n in places]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Blocks) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def retext(self, n: int, text: str) -> None:
        """Block ``n`` reads ``text`` from now on."""
        self.texts[n] = text

    def copies(self, n: int) -> int:
        block = self._marked.get(n)
        return 1 if block is None else block.copies

    def runs(self) -> list[int]:
        """The blocks that stand for several lines, in order."""
        return sorted(n for n, block in self._marked.items() if block.copies > 1)


def split_blocks(text: str | Sequence[Part]) -> Blocks:
    """Paragraphs of ``text`` (a string, or the parts decode.py read, with the lines it
    repaired as edits), in order; blank and whitespace-only lines separate nothing else.

    A run of three or more identical lines is its first line, one block for the lines between
    (``copies``) and its last: a million repeated lines cost what three do.
    """
    parts = (Part(text),) if isinstance(text, str) else text
    chunks = list(blank_separated(_lines(parts)))
    # Without blank lines the layout is one paragraph per line, however alike the lines look.
    many = len(chunks) > 1
    # A list's line breaks are its items', no sign of a layout: as one line, no vote.
    voting = [None if chunk.listed() else chunk for chunk in chunks]
    blocks = Blocks()
    for chunk, per_line in zip(chunks, breaks_at_sentences(voting), strict=True):
        for block in _chunk_blocks(chunk, join=many and not per_line):
            blocks.append(block)
    return blocks


def expanded(blocks: Blocks) -> Blocks:
    """``blocks`` with each block that stands for several lines as one block per line."""
    if not blocks.runs():
        return blocks
    return Blocks(b._replace(line=b.line + k, copies=1) for b in blocks for k in range(b.copies))


def _lines(parts: Sequence[Part]) -> Iterator[str]:
    """The lines of ``parts``, edits made (any line ending), without trailing blanks, a slice
    at a time (a line that a slice or an edit cuts is held until its end comes): the lines
    of a whole document never exist at once as strings (a run of identical lines is kept once
    with its count: 16,000 "Photo" lines as strings are 10x the input, a million "a" lines 4x)."""
    held: list[str] = []
    for piece in pieces(parts):
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


def _chunk_blocks(chunk: Chunk, *, join: bool) -> list[Block]:
    if all(line.lstrip().startswith(">") for line in chunk.lines):
        quote = _quote(chunk.first, chunk.expanded())
        if quote is not None:
            return quote
    stripped = chunk.stripped()
    if join and stripped.size > 1 and not stripped.listed() and wrapped(stripped):
        return [_text_block(" ".join(stripped.expanded()), chunk.first, chunk.size)]
    return _line_blocks(stripped)


def _line_blocks(chunk: Chunk) -> list[Block]:
    """One block per line; a run as its first line, the lines between, and its last."""
    if chunk.counts is None:
        return [_text_block(line, chunk.first + k, 1) for k, line in enumerate(chunk.lines)]
    out, number = [], chunk.first
    for line, count in zip(chunk.lines, chunk.counts, strict=True):
        block = _text_block(line, number, 1)
        out.append(block)
        if count > 2:
            out.append(block._replace(line=number + 1, copies=count - 2))
        if count > 1:
            out.append(block._replace(line=number + count - 1))
        number += count
    return out


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


def unescape(text: str) -> str:
    """Undo CommonMark backslash escapes, as a Markdown reader would."""
    return compiled(_ESCAPE).sub(r"\1", text) if "\\" in text else text
