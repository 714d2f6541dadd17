"""Stage 5: kept blocks -> headings, pull quotes with their attribution, paragraphs.

Plain text carries no markup, so each tag needs evidence a reader could point at. The rules are
data (:data:`RULES`), tried in order; the first that matches names the block's kind, and its
name goes into the report. A quote needs an attribution line after it: a paragraph wrongly shown
as a quote misleads more than a quote left as a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

from articlefix.blocks import DASHES, LEADING_DASH, Block
from articlefix.headings import EVIDENCE, introduces, short_title, size, title_shape

TypedKind = Literal["heading", "quote", "attribution", "paragraph", "item"]
_PARAGRAPH: TypedKind = "paragraph"

# A name starts with a capital, or with digits and a letter ("9to5Mac.com").
_CAP = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ]|\d+[^\W\d_])[\w'’.-]*"
_PARTICLE = r"(?:de|da|di|del|van|von|der|den|le|la|du|bin|al|ibn|ten|ter|zu)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{1,3}}"
# "Mark Cancian, Center for Strategic and International Studies (CSIS)"
_NAME_ORG = re.compile(rf"{_NAME},\s+[A-ZÀ-Þ][^.!?\d]{{1,120}}")
# "— Jane Doe", "— Jane Doe (@jane) 18 November 2019", "– Jane Doe, spokeswoman"
_DASH_STARTS = tuple(DASHES)  # what ``_DASH_NAME`` starts with
_DASH_NAME = re.compile(rf"[{DASHES}]\s*(?:{_NAME}|{_CAP}\w)(?:\s*\(@\w+\))?(?:[ ,].{{0,100}})?")
# "— jane (@jane_doe) March 3, 2020": a post's author line, whatever the case of the name.
_TWEET = re.compile(rf"[{DASHES}]\s*[^\s()][^()]{{0,80}}\(@\w{{1,30}}\)(?:\s.{{0,60}})?")
# "By Jane Doe", "Von Hans Müller, dpa": who wrote the article, not who said a paragraph.
_BYLINE = re.compile(rf"[{DASHES}-]*\s*(?:by|von|par|por)\s+(?-i:[A-ZÀ-Þ])", re.IGNORECASE)
_QUOTE_END = (".", "!", "?", "…", '"', "”", "»", "“")


Test = Callable[[str, "TypedKind | None", Block | None], "str | None"]


class TypedBlock(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """A kept block with its kind for rendering and the rule that chose it, for the report."""

    text: str
    kind: TypedKind
    rule: str
    level: int = 2
    marker: str = ""  # a list item's, as blocks.py found it


def _taggable(block: Block | None) -> bool:
    """Untyped text on one line: an author's multi-line Markdown paragraph is never re-tagged."""
    return block is not None and block.kind == "text" and "\n" not in block.text


def _attribution_line(text: str, quote: str) -> bool:
    """A dash-led name after any paragraph; ``Name, Organisation`` only after a full sentence.

    Cheap tests first: this runs on every block, and nearly every block fails the first one
    (each pattern needs its dash or its comma).
    """
    if text.endswith("."):
        return False
    if text.startswith(_DASH_STARTS):
        shaped = bool(_DASH_NAME.fullmatch(text) or _TWEET.fullmatch(text))
    else:
        shaped = "," in text and quote.rstrip().endswith(_QUOTE_END)
        shaped = shaped and bool(_NAME_ORG.fullmatch(text))
    return shaped and size(text) <= 24 and not _BYLINE.match(text)


#: Fewest words of a quoted paragraph: shorter lines before a name are captions and labels.
#: A post before its ``— Name (@handle) Date`` line is quoted however short it is.
QUOTE_WORDS = 6


def closes_quote(text: str, before: str) -> bool:
    """``text`` is the attribution line of the paragraph ``before`` (the quote rule's test).

    Public because dedup needs it too: the same speaker quoted twice repeats this line, and it
    must stay with its quote unless the quote itself went as a copy.
    """
    return (
        _attribution_line(text, before)
        and "\n" not in before
        and (size(before) >= QUOTE_WORDS or bool(_TWEET.fullmatch(text)))
    )


_ATTRIBUTION_RULE = "attribution line after a pull quote"
_QUOTE_RULE = "paragraph followed by an attribution line"


def _is_attribution(text: str, before: TypedKind | None, after: Block | None) -> str | None:
    return _ATTRIBUTION_RULE if before == "quote" else None


def _is_quote(text: str, before: TypedKind | None, after: Block | None) -> str | None:
    quoted = after is not None and _taggable(after) and closes_quote(after.text, text)
    return _QUOTE_RULE if quoted else None


def _is_heading(text: str, before: TypedKind | None, after: Block | None) -> str | None:
    """A title's shape, then the first of :data:`EVIDENCE` that ``after`` is text it heads.

    Not before a line that would attribute it as a quote.
    """
    following = "" if after is None else after.text
    if after is None or not title_shape(text, following):
        return None
    for name, evidence in EVIDENCE:
        if evidence(text, following):
            quoted = _reads_as_text(after) and _attribution_line(following, text)
            return None if quoted else name
    return None


def _reads_as_text(block: Block) -> bool:
    """One line of text or a heading: what this pass may have tagged, a rerun reads as marked."""
    return block.kind in ("text", "heading") and "\n" not in block.text


#: Tried in order; the first test that names a rule decides the kind. Blocks the input already
#: marked (``##``, ``>``, verbatim Markdown) keep their kind and never reach these rules.
RULES: tuple[tuple[TypedKind, Test], ...] = (
    ("attribution", _is_attribution),
    ("quote", _is_quote),
    ("heading", _is_heading),
)


def classify(blocks: Sequence[Block], *, tag: bool) -> list[TypedBlock]:
    """Kinds for the kept blocks, in order."""
    blocks = _unpaired(blocks)
    out: list[TypedBlock] = []
    for k, block in enumerate(blocks):
        if block.kind != "text":  # list items: lists.py says why
            rule = block.note or "marked in the input"
            level = block.level or 2
            out.append(TypedBlock(block.text, block.kind, rule, level, block.marker))
            continue
        name, kind = _PLAIN, _PARAGRAPH
        if tag and _taggable(block):
            text = block.text
            before = out[-1].kind if out else None
            after = blocks[k + 1] if k + 1 < len(blocks) else None
            for rule_kind, test in RULES:
                if (found := test(text, before, after)) is not None:
                    name, kind = found, rule_kind
                    break
        text = LEADING_DASH.sub("", block.text) if kind == "attribution" else block.text
        out.append(TypedBlock(text, kind, name))  # attribution: dash is written
    return _over_headings(out) if tag else out


_PLAIN = "plain paragraph"
_OVER_HEADING = "short line before a heading"
_NUMBERED = re.compile(r"\(?\d+[.)]?\s")


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
            and below.kind == "heading"
            and _title_line(block)
            and introduces(below.text, out[k + 2].text)
            and not (k and out[k - 1].rule == _PLAIN and _title_line(out[k - 1]))
            and not (_NUMBERED.match(block.text) and _NUMBERED.match(below.text))
        ):
            out[k] = TypedBlock(block.text, "heading", _OVER_HEADING)
    return out


def _title_line(block: TypedBlock) -> bool:
    return "\n" not in block.text and title_shape(text := block.text) and short_title(text)


def _unpaired(blocks: Sequence[Block]) -> list[Block]:
    """A quote and its attribution stand together or not at all.

    Dedup may keep one of a pair the input marked and drop the other (a re-pasted quote with
    another speaker line); alone, each is text again, judged by the rules as a second run will
    judge what this one writes (an attribution keeps its dash).
    """
    out = list(blocks)
    for k, block in enumerate(blocks):
        before = blocks[k - 1].kind if k else None
        after = blocks[k + 1].kind if k + 1 < len(blocks) else None
        if block.kind == "quote" and after != "attribution":
            out[k] = block._replace(kind="text")
        elif block.kind == "attribution" and before != "quote":
            out[k] = block._replace(kind="text", text=f"— {block.text}".rstrip())
    return out
