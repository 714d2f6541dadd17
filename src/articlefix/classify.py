"""Stage 5: kept blocks -> headings, pull quotes with their attribution, paragraphs.

Plain text carries no markup, so each tag needs evidence a reader could point at. The rules are
data (:data:`RULES`), tried in order; the first that matches names the block's kind, and its
name goes into the report. A quote needs an attribution line after it: a paragraph wrongly shown
as a quote misleads more than a quote left as a paragraph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import NamedTuple

from articlefix.blocks import LEADING_DASH, Block
from articlefix.headings import heads, introduces, short_title, title_shape
from articlefix.patterns import compiled
from articlefix.quotes import Pairing, pairing


class TagKind(StrEnum):
    """How a kept block is written; the report's ``kind`` is the value."""

    HEADING = "heading"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    PARAGRAPH = "paragraph"
    ITEM = "item"


#: The kinds the report lists as tags (a paragraph is the default, not a tag).
TAGGED = frozenset(TagKind) - {TagKind.PARAGRAPH}
# As plain names for the loops over every block: looked up on the class, a member costs 60 ns.
_PARAGRAPH, _HEADING = TagKind.PARAGRAPH, TagKind.HEADING


class Credit(NamedTuple):
    """A pull quote's attribution line (without its dash) and the rule that found it."""

    text: str
    rule: str


class TypedBlock(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """A kept block with its kind for rendering and the rule that chose it, for the report.

    A pull quote is one unit: the quoted paragraph, with its attribution as ``credit``.
    """

    text: str
    kind: TagKind
    rule: str
    level: int = 2
    marker: str = ""  # a list item's, as blocks.py found it
    credit: Credit | None = None


def _taggable(block: Block | None) -> bool:
    """Untyped text on one line: an author's multi-line Markdown paragraph is never re-tagged."""
    return block is not None and block.kind == "text" and "\n" not in block.text


_ATTRIBUTION_RULE = "attribution line after a pull quote"
_AS_MARKED = "marked in the input"
_QUOTE_RULE = "paragraph followed by an attribution line"

#: A tagging rule's test: block ``k`` of the kept blocks, with their pull-quote shapes.
Test = Callable[[int, Sequence[Block], Pairing], "str | None"]


def _is_quote(k: int, blocks: Sequence[Block], pairs: Pairing) -> str | None:
    # The speaker line's shape first: nearly every block has none after it.
    quoted = k + 1 < len(blocks) and pairs.closes(k + 1, k) and _taggable(blocks[k + 1])
    return _QUOTE_RULE if quoted else None


def _is_heading(k: int, blocks: Sequence[Block], pairs: Pairing) -> str | None:
    """A title's shape and evidence that ``after`` is text it heads (:func:`headings.heads`).

    Not before a line that would attribute it as a quote.
    """
    if k + 1 >= len(blocks):
        return None
    after = blocks[k + 1]
    name = heads(blocks[k].text, after.text, blocks[k - 1].text if k else "")
    if name is None:
        return None
    quoted = _reads_as_text(after) and pairs.attributes(k + 1, k)
    return None if quoted else name


def _reads_as_text(block: Block) -> bool:
    """One line of text or a heading: what this pass may have tagged, a rerun reads as marked."""
    return block.kind in ("text", "heading") and "\n" not in block.text


class Rule(NamedTuple):
    """A tagging rule: the kind it gives and the test that names it (or not)."""

    kind: TagKind
    test: Test


#: Tried in order; the first test that names a rule decides the kind. Blocks the input already
#: marked (``##``, ``>``, verbatim Markdown) keep their kind and never reach these rules.
RULES: tuple[Rule, ...] = (Rule(TagKind.QUOTE, _is_quote), Rule(TagKind.HEADING, _is_heading))


def classify(blocks: Sequence[Block], *, tag: bool) -> list[TypedBlock]:
    """Kinds for the kept blocks, in order; a pull quote and its attribution as one unit."""
    blocks = _alone_as_text(blocks)
    pairs = pairing([b.text for b in blocks]) if tag else None
    out: list[TypedBlock] = []
    k, end = 0, len(blocks)
    while k < end:
        block = blocks[k]
        if block.kind != "text":
            typed = _marked(blocks, k)
        else:  # ``_taggable``, inlined: this runs on every block
            tagged = None if pairs is None or "\n" in block.text else _tagged(blocks, k, pairs)
            typed = tagged or TypedBlock(block.text, _PARAGRAPH, _PLAIN)
        out.append(typed)
        k += 2 if typed.credit else 1
    return _over_headings(out) if tag else out


def _marked(blocks: Sequence[Block], k: int) -> TypedBlock:
    """A block whose kind the input's markup (or lists.py) gave: a quote takes the attribution
    after it, which :func:`_alone_as_text` left there."""
    block = blocks[k]
    rule = block.note or _AS_MARKED
    if block.kind != "quote":
        return TypedBlock(block.text, TagKind(block.kind), rule, block.level or 2, block.marker)
    by = blocks[k + 1]
    credit = Credit(by.text, by.note or _AS_MARKED)
    return TypedBlock(block.text, TagKind.QUOTE, rule, credit=credit)


def _tagged(blocks: Sequence[Block], k: int, pairs: Pairing) -> TypedBlock | None:
    for kind, test in RULES:
        if (name := test(k, blocks, pairs)) is not None:
            if kind is not TagKind.QUOTE:
                return TypedBlock(blocks[k].text, kind, name)
            by = Credit(LEADING_DASH.sub("", blocks[k + 1].text), _ATTRIBUTION_RULE)
            return TypedBlock(blocks[k].text, kind, name, credit=by)
    return None


def per_block(typed: Sequence[TypedBlock]) -> Iterator[TypedBlock]:
    """One entry per kept block, as the report lists them: a pull quote, then its attribution."""
    for unit in typed:
        yield unit
        if unit.credit is not None:
            yield TypedBlock(unit.credit.text, TagKind.ATTRIBUTION, unit.credit.rule)


_PLAIN = "plain paragraph"
_OVER_HEADING = "short line before a heading"
_NUMBERED = r"\(?\d+[.)]?\s"  # compiled on first use: few blocks come this far


def _over_headings(out: list[TypedBlock]) -> list[TypedBlock]:
    """A title line right before a heading is a heading over it ("Part 2", then its first
    section), when body text, not another such line, stands before it (a list of short lines
    is not a stack of headings) and the heading below introduces text by its own evidence (a
    name in headline case over a short line is no section). Two numbered lines are siblings,
    not a heading and its section ("1. …" over "3. …"). One level only, and judged on
    texts a second run sees the same, so it decides the same.
    """
    for k in range(len(out) - 2):
        block, below = out[k], out[k + 1]
        if (
            block.rule == _PLAIN
            and below.kind is _HEADING
            and _title_line(block)
            and introduces(below.text, out[k + 2].text)
            and not (k and out[k - 1].rule == _PLAIN and _title_line(out[k - 1]))
            and not (
                compiled(_NUMBERED).match(block.text) and compiled(_NUMBERED).match(below.text)
            )
        ):
            out[k] = TypedBlock(block.text, TagKind.HEADING, _OVER_HEADING)
    return out


def _title_line(block: TypedBlock) -> bool:
    return "\n" not in block.text and title_shape(text := block.text) and short_title(text)


def _alone_as_text(blocks: Sequence[Block]) -> list[Block]:
    """A quote and its attribution stand together or not at all.

    Dedup may keep one of a pair the input marked and drop the other (a re-pasted quote with
    another speaker line); alone, each is text again, judged by the rules as a second run will
    judge what this one writes (an attribution keeps its dash).
    """
    out = list(blocks)
    for k, block in enumerate(blocks):  # the neighbours' kinds only for the two that need them
        if block.kind == "quote":
            if k + 1 == len(blocks) or blocks[k + 1].kind != "attribution":
                out[k] = block._replace(kind="text")
        elif block.kind == "attribution" and (not k or blocks[k - 1].kind != "quote"):
            out[k] = block._replace(kind="text", text=f"— {block.text}".rstrip())
    return out
