"""Markdown mode: someone's file, edited where it must change and nowhere else (DESIGN.md rule 7).

A real CommonMark parser (markdown-it-py, with tables, strikethrough and definition lists) reads
the file; each top-level block is known by its source lines. Only top-level paragraphs can
repeat; a removal deletes its lines and the blank lines after them, and every other byte of the
file (trailing spaces, indentation, code, HTML, tables, template tags, link definitions, line
endings) is the file's own. Before an edit is returned it is parsed again: if the rendered
blocks are not the original's with the removed ones taken out (a paragraph whose removal lets
a list swallow the code after it), that removal is not made.

The one case where a file is read again as text is scraped text saved as ``.md``, and the file
has to show it: no Markdown that only people write (headings, links, code, HTML, tables,
quotes), and either paragraphs glued one per line (as CommonMark joins a scraped article that
has no blank lines: :attr:`Document.glued`) or, read as text, a paste (the pipeline decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from articlefix.blocks import Block
from articlefix.layout import TERMINAL

if TYPE_CHECKING:
    from collections.abc import Iterable

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# What people write and a scraper never does. A list, an indented line (code to CommonMark),
# trailing spaces (a hard break), a rule or emphasis from a stray ``*`` all come out of scraped
# text too, so they do not count.
_AUTHORED_BLOCKS = frozenset(
    {"heading_open", "fence", "html_block", "table_open", "blockquote_open", "dl_open"}
)
_AUTHORED_INLINE = frozenset({"link_open", "image", "code_inline", "html_inline", "s_open"})
# Template tags (Hugo shortcodes, Liquid, kramdown attributes) are paragraphs to CommonMark; a
# paired one removed breaks the site, so none is ever a candidate, and no scraper writes them.
_TEMPLATE = re.compile(r"\{\{|\{%|\{:")
# Container elements that hold Markdown: a paragraph quoted again inside one is no paste.
_CONTAINERS = "details|blockquote|div|section|aside|article|table|td|li|ul|ol|figure|summary"
_OPEN_TAG = re.compile(rf"<(?:{_CONTAINERS})\b", re.IGNORECASE)
_CLOSE_TAG = re.compile(rf"</(?:{_CONTAINERS})\s*>", re.IGNORECASE)
_FRONT_ENDS = {"---": ("---", "..."), "+++": ("+++",)}
#: Glued paragraphs: CommonMark joins a scraped article written one paragraph per line into one
#: paragraph. Measured with ``python benchmarks/markdown_repeats.py``: none of the 1,262
#: hand-written files of eval-md is glued (their paragraphs whose breaks mostly end sentences
#: have at most 4 lines and 17 words a line); 52 of the 118 news dev cases are.
GLUED_LINES = 6
GLUED_WORDS = 20
#: Removals tried one at a time when all at once would change what stays: each try parses the
#: whole file again, so hostile input (thousands of pasted paragraphs that each let a list
#: swallow what follows) must not make the cost grow with their number; the rest stay.
CHECKED_ONE_BY_ONE = 64
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


@dataclass(frozen=True, slots=True)
class Part:
    """A top-level block: its source lines ``start`` to ``end`` (0-based, end excluded)."""

    start: int
    end: int
    candidate: bool  # a plain top-level paragraph, which alone may repeat


@dataclass(frozen=True, slots=True)
class Document:
    """The file as parsed: its lines with their own endings, front matter, top-level blocks."""

    lines: tuple[str, ...]
    front: int  # lines of front matter at the top (0: none)
    parts: tuple[Part, ...]
    authored: bool  # holds Markdown that only people write
    glued: bool  # CommonMark glued scraped paragraphs, one per line, into one


@cache
def _parser() -> MarkdownIt:
    """Built once per process: rules compiled once. Parsing keeps no state between files."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(deflist_plugin)


def read(text: str) -> Document:
    """Parse ``text``; its front matter is set aside, byte for byte."""
    lines = _lines(text)
    front = _front_matter(lines)
    parts, authored, glued = [], False, False
    inside = 0  # raw HTML elements open around this point (``<details>``, ``<blockquote>``)
    for token in _tokens(lines, front):
        if token.level == 0 and token.map is not None and token.nesting >= 0:
            start, end = token.map
            paragraph = token.type == "paragraph_open"
            source = lines[start:end]
            template = any(_TEMPLATE.search(line) for line in source)
            parts.append(Part(start, end, paragraph and not template and not inside))
            glued = glued or (paragraph and _paragraphs_per_line(source))
            authored = authored or template
            if token.type == "html_block":
                inside = max(0, inside + _opened(token.content))
        authored = authored or _authored(token)
    return Document(lines, front, tuple(parts), authored, glued)


def words(doc: Document, line: int, lines: int) -> int:
    """Words on ``lines`` source lines from ``line`` (1-based)."""
    return _words_on(doc.lines[line - 1 : line - 1 + lines])


def _words_on(lines: Iterable[str]) -> int:
    """Words as a reader counts them in the source: whatever stands between blanks."""
    return sum(len(text.split()) for text in lines)


def body(doc: Document) -> str:
    """The text after the front matter, with blank lines in its place (line numbers hold)."""
    return "\n" * doc.front + "".join(doc.lines[doc.front :])


def front_matter(doc: Document) -> str:
    return "".join(doc.lines[: doc.front])


def with_front_matter(doc: Document, markdown: str) -> str:
    """``markdown`` under the file's front matter, one blank line between, as text mode
    separates blocks."""
    front = front_matter(doc)
    return f"{front}\n{markdown}" if front and markdown else front + markdown


def blocks(doc: Document) -> list[Block]:
    """One block per top-level part; a part that is no candidate has no text, so never repeats."""
    return [
        Block(
            " ".join(line.strip() for line in doc.lines[p.start : p.end]) if p.candidate else "",
            p.start + 1,
            p.end - p.start,
        )
        for p in doc.parts
    ]


def without(doc: Document, drop: set[int]) -> tuple[str, set[int]]:
    """The file without the parts in ``drop``, and the parts actually removed.

    The result is checked by parsing it: if what stays would render otherwise, the removals
    are tried one at a time, and one that changes the meaning of what stays is not made.
    """
    if not drop:
        return "".join(doc.lines), drop
    before = _rendered("".join(doc.lines))

    def safe(trial: set[int]) -> bool:
        return _rendered(_cut(doc, trial)) == [b for k, b in enumerate(before) if k not in trial]

    if safe(drop):
        return _cut(doc, drop), drop
    done: set[int] = set()
    for n in sorted(drop)[:CHECKED_ONE_BY_ONE]:
        if safe(done | {n}):
            done |= {n}
    return _cut(doc, done), done


def _cut(doc: Document, drop: set[int]) -> str:
    gone: set[int] = set()
    for n in drop:
        part = doc.parts[n]
        gone.update(range(part.start, part.end))
        if n + 1 < len(doc.parts):  # the blank lines after it go too, one gap stays
            gone.update(range(part.end, doc.parts[n + 1].start))
        else:  # the last block: the blank lines before it, so the file ends as it did
            k = part.start
            while k > doc.front and not doc.lines[k - 1].strip():
                k -= 1
                gone.add(k)
    return "".join(line for k, line in enumerate(doc.lines) if k not in gone)


def _lines(text: str) -> tuple[str, ...]:
    """Lines with their endings, split where CommonMark splits them (LF, CRLF, CR)."""
    return tuple(line for line in _LINE_END.split(text) if line)


def _tokens(lines: tuple[str, ...], front: int) -> list[Token]:
    """The parse of the lines after the front matter, numbered as in the whole file."""
    return _parser().parse("\n" * front + "".join(lines[front:]))


def _rendered(text: str) -> list[str]:
    """The HTML of each top-level block after the front matter: what a reader gets."""
    parser = _parser()
    lines = _lines(text)
    tokens = _tokens(lines, _front_matter(lines))
    out, start, depth = [], 0, 0
    for k, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0:
            out.append(parser.renderer.render(tokens[start : k + 1], parser.options, {}))
            start = k + 1
    return out


def _authored(token: Token) -> bool:
    if token.type in _AUTHORED_BLOCKS:
        return True
    return token.type == "inline" and any(
        child.type in _AUTHORED_INLINE for child in token.children or ()
    )


def _opened(html: str) -> int:
    """Elements a raw HTML block opens, less those it closes: Markdown between ``<details>``
    and ``</details>`` is inside it, though CommonMark reads it as top-level paragraphs."""
    return len(_OPEN_TAG.findall(html)) - len(_CLOSE_TAG.findall(html))


def _paragraphs_per_line(source: tuple[str, ...]) -> bool:
    """Paragraphs one per line: many long lines, nearly every break after a sentence."""
    if len(source) < GLUED_LINES:
        return False
    words = _words_on(source)
    ends = sum(
        a.rstrip().endswith(TERMINAL) and b.lstrip()[:1].isupper() for a, b in pairwise(source)
    )
    return words >= GLUED_WORDS * len(source) and ends * 2 > len(source) - 1


def _front_matter(lines: tuple[str, ...]) -> int:
    """Lines of YAML (``---``) or TOML (``+++``) front matter at the top, blank lines before
    it included; 0 when there is none.

    mdit-py-plugins' front matter rule knows only YAML on the first line; Hugo writes TOML, and
    editors leave blank lines above, so one rule serves both, as ``mdsafe`` reads them.
    """
    top = next((k for k, line in enumerate(lines) if line.strip()), len(lines))
    ends = _FRONT_ENDS.get(lines[top].strip()) if top < len(lines) else None
    if ends:
        for k in range(top + 1, len(lines)):
            if lines[k].strip() in ends:
                return k + 1
    return 0
