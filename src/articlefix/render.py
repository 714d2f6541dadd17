"""Stage 6: typed blocks -> CommonMark, following the output contract in DESIGN.md.

Scraped text must never turn into Markdown structure or live HTML by accident: anything that
would change meaning (a leading ``#`` or ``1.``, ``<script>``, ``[x](javascript:...)``) is
backslash-escaped, so a renderer shows exactly the characters of the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from articlefix.classify import TagKind, TypedBlock
from articlefix.patterns import compiled

# The patterns of what only some paragraphs hold compile when one does (``re`` keeps them):
# each is tried after a plain test for its character, and the five took 0.25 ms of every start.
_BACKSLASH = r"\\(?=[!-/:-@\[-`{-~])"
_UNDERSCORE = r"(?<![^\W_])_|_(?![^\W_])"  # not inside a word: could emphasise
_ENTITY = r"&(?=#?\w+;)"
_MARKUP = "`*[]<"
_BLOCK_START = r"(?:#{1,6}|[-+])(?=[ \t]|$)|>|-{3,}|~{3,}"
_BLOCK_FIRST = ("#", "-", "+", ">", "~")
_ORDERED = r"(\d{1,9})([.)])(?=[ \t]|$)"
# A heading's closing sequence: trailing '#'s after a blank (an escaped '#' is not one).
_CLOSING = re.compile(r"(?:^|[ \t])#+$")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup in a paragraph of plain text.

    Plain ``str.replace`` for the characters that always need it, regexes only for those that
    depend on context: this runs on every paragraph of a 100 MB dump.
    """
    if "\\" in text:
        text = compiled(_BACKSLASH).sub(r"\\\\", text)
    for ch in _MARKUP:
        if ch in text:
            text = text.replace(ch, "\\" + ch)
    if "_" in text:
        text = compiled(_UNDERSCORE).sub(r"\\_", text)
    if "&" in text:
        text = compiled(_ENTITY).sub(r"\\&", text)
    # Each pattern can only start with its first characters: tested before the regex runs.
    if text.startswith(_BLOCK_FIRST) and compiled(_BLOCK_START).match(text):
        return "\\" + text
    if text[:1].isdecimal() and compiled(_ORDERED).match(text):  # \d is a decimal digit, as here
        return compiled(_ORDERED).sub(r"\1\\\2", text, count=1)
    return text


def _heading(block: TypedBlock) -> str:
    text = escape(block.text)
    if _CLOSING.search(text):
        text = text[:-1] + "\\#"  # else a closing sequence, dropped by renderers
    return f"{'#' * block.level} {text}"


def _pull_quote(block: TypedBlock) -> str:
    """The quoted paragraph and, in the same blockquote after an empty ``>`` line, who said it."""
    quote = "\n".join(f"> {line}" for line in escape(block.text).split("\n"))
    return quote if block.credit is None else f"{quote}\n>\n> — {escape(block.credit.text)}"


_WRITERS: dict[TagKind, Callable[[TypedBlock], str]] = {
    TagKind.HEADING: _heading,
    TagKind.QUOTE: _pull_quote,
    TagKind.PARAGRAPH: lambda block: escape(block.text),
    TagKind.ITEM: lambda block: f"{block.marker} {escape(block.text)}",
}


def _same_list(block: TypedBlock, before: TypedBlock | None) -> bool:
    """Consecutive items of one kind of list are written one per line, as one list; another
    bullet character or delimiter starts another list, in CommonMark too."""
    return before is not None and before.kind == "item" and block.marker[-1] == before.marker[-1]


# Enum members as plain names: looking one up on its class costs as much as the test.
_PARAGRAPH, _ITEM = TagKind.PARAGRAPH, TagKind.ITEM


def render(blocks: Sequence[TypedBlock]) -> str:
    """The Markdown document: blocks one blank line apart, one final newline, no trailing space."""
    parts: list[str] = []
    before = None
    for block in blocks:
        kind = block.kind
        # A paragraph's writer is ``escape`` itself, with no call around it: most blocks.
        written = escape(block.text) if kind is _PARAGRAPH else _WRITERS[kind](block)
        if kind is _ITEM and _same_list(block, before):
            parts[-1] += "\n" + written
        else:
            parts.append(written)
        before = block
    if not parts:
        return ""
    parts[-1] += "\n"  # not ``join(...) + "\n"``: on a 100 MB dump, that copies the document
    return "\n\n".join(parts)
