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

from articlefix.blocks import Block

TypedKind = Literal["heading", "quote", "attribution", "paragraph", "item"]
_PARAGRAPH: TypedKind = "paragraph"

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*"
_PARTICLE = r"(?:de|da|di|del|van|von|der|den|le|la|du|bin|al|ibn|ten|ter|zu)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{1,3}}"
# "Mark Cancian, Center for Strategic and International Studies (CSIS)"
_NAME_ORG = re.compile(rf"{_NAME},\s+[A-ZÀ-Þ][^.!?\d]{{1,120}}")
# "— Jane Doe", "— Jane Doe (@jane) 18 November 2019", "– Jane Doe, spokeswoman"
_DASHES = ("—", "–", "―")  # what ``_DASH_NAME`` starts with
_DASH_NAME = re.compile(rf"[—–―]\s*(?:{_NAME}|[A-ZÀ-Þ][\w.-]+)(?:\s*\(@\w+\))?(?:[ ,].{{0,100}})?")
_LEADING_DASH = re.compile(r"^[—–―-]+\s*")
_SENTENCE_END = (".", ",", ";", ":", "…", "!")
_QUOTE_END = (".", "!", "?", "…", '"', "”", "»", "“")
_OPENERS = "\"“„«»‘’'¿¡$€£(["
# Not a title: a byline, credit, list bullet, date or time, a bracketed note or credit. Matched
# at the start only; the two tests that look elsewhere are cheap string tests in
# ``_not_heading``, as an unanchored regex would try every position of every short line.
_NOT_HEADING = re.compile(
    r"(?:by|von|par|por|photo|foto|bild|image|credit|source|quelle|lire aussi|read more|"
    r"advertisement|anzeige|werbung)\b|[•*·▪►–—-]|\W*$|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d{2}\b|"
    r"[(\[]",  # a bracketed note or credit
    re.IGNORECASE,
)
# A question put to someone ("Herr Teuber, was ...?"): an interview, not a title.
_QUESTION = re.compile(r",.*\?$")


class TypedBlock(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """A kept block with its kind for rendering and the rule that chose it, for the report."""

    text: str
    kind: TypedKind
    rule: str
    level: int = 2
    marker: str = ""  # a list item's, as blocks.py found it


def _words(text: str) -> int:
    """Words, counted up to 26: no rule needs more, and long paragraphs are not split whole."""
    return len(text.split(None, 25))


def _long(text: str) -> bool:
    """24 words or more. Printable text has no blank but the space, so a line with fewer than
    23 spaces is told without splitting it (most lines of template-like text)."""
    return (text.count(" ") >= 23 or not text.isprintable()) and _words(text) >= 24


def _prose(block: Block | None) -> bool:
    """Untyped text on one line: an author's multi-line Markdown paragraph is never re-tagged."""
    return block is not None and block.kind == "text" and "\n" not in block.text


def _attribution_line(text: str, quote: str) -> bool:
    """A dash-led name after any paragraph; ``Name, Organisation`` only after a full sentence.

    Cheap tests first: this runs on every block, and nearly every block fails the first one
    (each pattern needs its dash or its comma).
    """
    if text.endswith("."):
        return False
    if text.startswith(_DASHES):
        shaped = bool(_DASH_NAME.fullmatch(text))
    else:
        shaped = "," in text and quote.rstrip().endswith(_QUOTE_END)
        shaped = shaped and bool(_NAME_ORG.fullmatch(text))
    return shaped and _words(text) <= 24


def closes_quote(text: str, before: str) -> bool:
    """``text`` is the attribution line of the paragraph ``before`` (the quote rule's test).

    Public because dedup needs it too: the same speaker quoted twice repeats this line, and it
    must stay with its quote unless the quote itself went as a copy.
    """
    return _attribution_line(text, before) and "\n" not in before and _words(before) >= 6


def _is_attribution(text: str, before: TypedKind | None, after: Block | None) -> bool:
    return before == "quote"


def _is_quote(text: str, before: TypedKind | None, after: Block | None) -> bool:
    return after is not None and _prose(after) and closes_quote(after.text, text)


def _headline_case(text: str) -> bool:
    """Most words capitalised, as headline style writes them ("Why Monitor Your Systems")."""
    tokens = text.split()
    if len(tokens) < 2:
        return False
    allowed = 0.15 * len(tokens)  # lower-case words allowed: most lines fail within a few words
    for token in tokens:
        if not token[0].isupper():
            allowed -= 1
            if allowed <= 0:
                return False
    return True


def _starts_like_a_title(text: str) -> bool:
    """Not a continuation: the first word is capitalised somewhere ("iPhone", "„Die …")."""
    first = text.lstrip(_OPENERS).split(maxsplit=1)
    return bool(first) and (first[0][0].isdigit() or any(ch.isupper() for ch in first[0]))


def _not_heading(text: str) -> bool:
    if _NOT_HEADING.match(text) or "©" in text or "(c)" in text or "(C)" in text:
        return True
    return text.endswith(("?", "?\n")) and bool(_QUESTION.search(text))


def _is_heading(text: str, before: TypedKind | None, after: Block | None) -> bool:
    """A short line, no sentence ending, that introduces a long paragraph or is in headline case.

    Measured on real articles: before a long paragraph (24 words or more) a short line is a
    heading two times in three; before a short one, only when written in headline case. The
    tests that rule out most lines come first: long paragraphs, then runs of short lines.
    """
    return (
        len(text) <= 140
        and not text.endswith(_SENTENCE_END)
        and after is not None
        and (_long(after.text) or _headline_case(text))
        and _starts_like_a_title(text)
        and 0 < _words(text) <= 18
        and not _not_heading(text)
        and not (_reads_as_text(after) and _attribution_line(after.text, text))
    )


def _reads_as_text(block: Block) -> bool:
    """One line of text or a heading: what this pass may have tagged, a rerun reads as marked."""
    return block.kind in ("text", "heading") and "\n" not in block.text


Rule = tuple[str, TypedKind, Callable[[str, TypedKind | None, Block | None], bool]]

#: Tried in order; the first rule whose test passes decides. Blocks the input already marked
#: (``##``, ``>``, verbatim Markdown) keep their kind and never reach these rules.
RULES: tuple[Rule, ...] = (
    ("attribution line after a pull quote", "attribution", _is_attribution),
    ("paragraph followed by an attribution line", "quote", _is_quote),
    ("short line without final punctuation before body text", "heading", _is_heading),
)


def classify(blocks: Sequence[Block], *, tag: bool) -> list[TypedBlock]:
    """Kinds for the kept blocks, in order."""
    out = []
    for k, block in enumerate(blocks):
        if block.kind != "text":  # list items and wiki headings: blocks.py says why
            rule = block.note or "marked in the input"
            level = block.level or 2
            out.append(TypedBlock(block.text, block.kind, rule, level, block.marker))
            continue
        name, kind = "plain paragraph", _PARAGRAPH
        if tag and _prose(block):
            text = block.text
            before = out[-1].kind if out else None
            after = blocks[k + 1] if k + 1 < len(blocks) else None
            for rule, rule_kind, test in RULES:
                if test(text, before, after):
                    name, kind = rule, rule_kind
                    break
        text = _LEADING_DASH.sub("", block.text) if kind == "attribution" else block.text
        out.append(TypedBlock(text, kind, name))  # attribution: dash is written
    return _paired(out)


def _paired(out: list[TypedBlock]) -> list[TypedBlock]:
    """A quote and its attribution stand together or not at all.

    Dedup may keep one of a pair the input marked and drop the other (a re-pasted quote with
    another speaker line); alone, each is written as a paragraph, which reads back the same.
    """
    for k, block in enumerate(out):
        before = out[k - 1].kind if k else None
        after = out[k + 1].kind if k + 1 < len(out) else None
        # A plain paragraph now stands before an attribution: a second run would quote it.
        previous = out[k - 1] if k else None
        # The same test as the quote rule's, on the same text (one line, escapes read).
        if (
            block.kind == "attribution"
            and previous is not None
            and previous.kind == "paragraph"
            and "\n" not in previous.text
            and closes_quote(f"— {block.text}", previous.text)
        ):
            out[k - 1] = TypedBlock(previous.text, "quote", RULES[1][0])
            continue
        if (block.kind == "quote" and after != "attribution") or (
            block.kind == "attribution" and before != "quote"
        ):
            # An attribution of only a dash must not leave "— " for a second run to strip.
            text = f"— {block.text}".rstrip() if block.kind == "attribution" else block.text
            out[k] = TypedBlock(text, "paragraph", f"{block.kind} without its pair")
    return out
