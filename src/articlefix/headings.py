"""Which short lines of plain text are headings: a title's shape, and what follows it.

Two kinds of article meet here. In a blog post nearly every short line before text is a
heading; scraped news puts bylines, dates, captions, credits, dialogue, links and cut sentences
on short lines of their own. So a heading needs a title's shape (short, no sentence ending, not
page furniture: ``furniture.not_a_title`` names why not) and text after it that it introduces
(one of :data:`EVIDENCE`, whose name goes into the report).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from articlefix.furniture import CUT_WORDS, not_a_title
from articlefix.patterns import compiled

_SENTENCE_END = (".", ",", ";", ":", "…", "!", "。", "，", "；", "：", "！")
_OPENERS = "\"“„«»‘’'¿¡$€£(["
# CJK scripts write no spaces: there a character stands for about half a word. Compiled on
# first use: its three wide ranges take the compiler about 1.5 ms, a tenth of a one-file run's
# budget, and only text with a character from U+3040 up can hold one.
_CJK = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
_CJK_FIRST = "\u3040"
#: Most words a title has. Measured (dev news / Julia posts heading F1): 12 gave 0.738 / 0.880,
#: 15 0.748 / 0.878, 18 0.754 / 0.876, 22 0.750 / 0.874: news subheads run longer than blogs'.
TITLE_WORDS = 18
#: Fewest letters of a lower-case first word that names a section ("rustup", "cargo fix"):
#: Go posts' heading F1 0.945 at 2 and 3; Julia's 0.876 at 3, 0.876 at 4 (one more "a ..." line).
_NAME_CHARS = 3
#: Most words of such a line: names are short ("cargo install updates packages when outdated").
#: Rust posts' heading F1 0.948 at 4, 0.953 at 6, 0.954 at 8; the others unchanged.
_NAME_WORDS = 6
#: Most characters a title has: a bound beside :data:`TITLE_WORDS` for scripts without spaces
#: and glued text. Flat where measured (dev news heading F1 0.752 at 100, 0.754 at 140, 0.756
#: at 180; the blogs within 0.003).
TITLE_CHARS = 140
#: Words from which a paragraph is "long": before one, a short line is a heading two times in
#: three on news (measured on the dev set when the rule was written). Measured since (dev news /
#: Julia posts heading F1): 18 gave 0.753 / 0.875, 24 0.754 / 0.876, 30 0.746 / 0.876.
LONG_WORDS = 24
# Characters of a line sampled for CJK: as many as 24 words of four letters, enough for "long".
_CJK_SAMPLE = 4 * LONG_WORDS
#: Share of a headline's words that may start in lower case ("Why Monitor Your Systems").
#: Measured (dev news / Julia posts heading F1): 0.10 gave 0.755 / 0.876, 0.15 0.754 / 0.876,
#: 0.25 0.746 / 0.876: lower-case words let sentences in.
HEADLINE_LOWER = 0.15
#: Most words a title may have when the only evidence is a longer sentence after it: blog
#: subheads are short (a plain "<= 12 words, next line longer" rule got F1 0.805 on them).
#: Measured (dev news / Julia posts heading F1): 8 gave 0.755 / 0.874, 10 0.756 / 0.875, 12
#: 0.754 / 0.876, 15 0.754 / 0.876.
SHORT_TITLE_WORDS = 12


def size(text: str) -> int:
    """Words, counted up to 26 (no rule needs more); a CJK character counts half a word."""
    words = len(text.split(None, LONG_WORDS + 1))
    head = text[:_CJK_SAMPLE]
    if words > LONG_WORDS or _no_cjk_word(head) or max(head) < _CJK_FIRST:
        return words
    return words + len(compiled(_CJK).findall(head)) // 2


#: What two CJK characters add to a text's UTF-8 beyond a byte a character (three bytes each).
_TWO_CJK_EXTRA = 4


def _no_cjk_word(head: str) -> bool:
    """Fewer than two CJK characters, which make no word: ASCII, or UTF-8 fewer than 4 bytes
    longer than the characters (accented Latin text: 0.1 µs, where ``max`` takes 0.8)."""
    return head.isascii() or len(head.encode("utf-8", "surrogatepass")) - len(head) < _TWO_CJK_EXTRA


def long(text: str) -> bool:
    """24 words or more. Printable text has no blank but the space, so a line with fewer than
    23 spaces is told without splitting it (most lines of template-like text)."""
    if text.count(" ") < LONG_WORDS - 1 and text.isprintable() and _no_cjk_word(text[:_CJK_SAMPLE]):
        return False
    return size(text) >= LONG_WORDS


def headline_case(text: str) -> bool:
    """Most words capitalised, as headline style writes them ("Why Monitor Your Systems")."""
    tokens = text.split()
    if len(tokens) < 2:
        return False
    allowed = HEADLINE_LOWER * len(tokens)  # most lines fail within a few words
    for token in tokens:
        if not token[0].isupper():
            allowed -= 1
            if allowed <= 0:
                return False
    return True


def _starts_like_a_title(text: str) -> bool:
    """Not a continuation: the first word is capitalised somewhere ("iPhone", "„Die …"), or
    starts with a digit, or with a letter of a script without case (Chinese, Arabic)."""
    first = text.lstrip(_OPENERS).split(maxsplit=1)
    if not first:
        return False
    head = first[0][0]
    caseless = head.isalpha() and head.lower() == head.upper()
    return head.isdigit() or caseless or any(map(str.isupper, first[0]))


def _named_after(text: str, after: str) -> bool:
    """A lower-case line whose first word the text after it uses: the name of what that text
    is about ("cargo fix", then "Cargo has a new subcommand: cargo fix."), not a cut sentence
    going on (a function word, or a word the next paragraph does not take up)."""
    words = text.split(maxsplit=_NAME_WORDS)
    word = words[0]
    if len(words) > _NAME_WORDS or len(word) < _NAME_CHARS or word in CUT_WORDS:
        return False
    return f" {word}" in f" {after}"


def title_shape(text: str, after: str = "") -> bool:
    """Short, no sentence ending, a title's start (or, lower-case, the name of what ``after``
    is about), and none of :func:`not_a_title`'s kinds."""
    return (
        len(text) <= TITLE_CHARS
        and not text.endswith(_SENTENCE_END)
        and 0 < size(text) <= TITLE_WORDS
        and (_starts_like_a_title(text) or _named_after(text, after))
        and not_a_title(text) is None
    )


def heads(text: str, after: str, before: str) -> str | None:
    """The name of the first of :data:`EVIDENCE` that shows ``text``, a title's shape, heads
    ``after``; None if it does not. The same decision as :func:`title_shape` and then the
    evidence, in the order that costs least: a title's bounds, then the evidence, then the
    rest of its shape, which on lines that all look alike (a list of results, where no
    evidence holds) would be most of the tagging's time."""
    if len(text) > TITLE_CHARS or text.endswith(_SENTENCE_END):
        return None
    # :data:`EVIDENCE` written out, in its order (a property test holds the two together):
    # its loop and wrappers were a fifth of the time on such lines. The two tests on the
    # neighbours' ends first rule out their evidence without a call.
    if long(after):
        name = _BEFORE_LONG
    elif headline_case(text):
        name = _IN_HEADLINE_CASE
    elif after.rstrip().endswith(_BODY_END) and _before_sentence(text, after, before):
        name = _BEFORE_SENTENCE
    elif before.rstrip().endswith(_BODY_END) and _between_paragraphs(text, after, before):
        name = _BETWEEN_PARAGRAPHS
    else:
        return None
    return name if title_shape(text, after) else None


def short_title(text: str) -> bool:
    """Short enough to be a title when what follows it says little."""
    return size(text) <= SHORT_TITLE_WORDS


def _before_long(text: str, after: str, before: str) -> bool:
    return long(after)


def _in_headline_case(text: str, after: str, before: str) -> bool:
    return headline_case(text)


def _before_sentence(text: str, after: str, before: str) -> bool:
    """A short line that a longer sentence follows: how a blog post's subheads stand."""
    return (
        after.rstrip().endswith(_BODY_END)
        and (words := size(text)) <= SHORT_TITLE_WORDS
        and size(after) > words
        and _starts_like_a_title(after)
    )


#: How much longer than a title the unpunctuated line below it must be: a list's items are of a
#: length. Measured: 1.0x, 1.5x, 2.0x gave dev news heading F1 0.753, 0.754, 0.754; the Julia
#: blog posts 0.876, 0.875, 0.873; at 1.0x the first items of a list of short lines are tagged.
CLEARLY_LONGER = 1.5


def _between_paragraphs(text: str, after: str, before: str) -> bool:
    """A short line after a sentence's end and before a clearly longer line, however that one
    ends (a scraper that drops a code block, a formula or a link leaves it without its stop):
    how a blog post's subheads stand. Not in a list: there the line above is an item, or a
    lead-in that ends with a colon (measured at 1.0x: dev news 0.747 without the colon test,
    0.749 with it; Julia posts 0.878 and 0.876)."""
    return (
        (end := before.rstrip()).endswith(_BODY_END)
        and not end.endswith(":")
        and (words := size(text)) <= SHORT_TITLE_WORDS
        and size(after) >= CLEARLY_LONGER * words
        and _starts_like_a_title(after)
    )


def introduces(text: str, after: str) -> bool:
    """``text`` is a title that ``after`` follows as body text: the evidence beside its case."""
    return title_shape(text, after) and (long(after) or _before_sentence(text, after, ""))


# How a sentence ends; not ")", which ends list items ("Small plants (from a nursery)").
_BODY_END = (".", "!", "?", "…", ":", '"', "”", "»", "“", "。", "！", "？", "：")


class Evidence(NamedTuple):
    """What shows that a title-shaped line heads the text after it: ``test(text, after,
    before)`` on the line, the block after it and the block before it."""

    name: str
    test: Callable[[str, str, str], bool]


_BEFORE_LONG = "short line before a long paragraph"
_IN_HEADLINE_CASE = "short line in headline case before text"
_BEFORE_SENTENCE = "short line before a longer sentence"
_BETWEEN_PARAGRAPHS = "short line between paragraphs, before a longer line"

#: What may follow a heading, tried in order; the name goes into the report.
EVIDENCE: tuple[Evidence, ...] = (
    Evidence(_BEFORE_LONG, _before_long),
    Evidence(_IN_HEADLINE_CASE, _in_headline_case),
    Evidence(_BEFORE_SENTENCE, _before_sentence),
    Evidence(_BETWEEN_PARAGRAPHS, _between_paragraphs),
)
