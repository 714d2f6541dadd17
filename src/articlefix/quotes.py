"""Which lines name who said the paragraph before them: the pull quote's one rule.

A pull quote is a paragraph and the line after it that attributes it ("— Jane Doe, Reuters").
Two stages need to know such a line: dedup (the same speaker quoted twice repeats the line, and
it must stay with its second quote) and classify (which writes the pair as one unit). Both read
:func:`pairing` of their list of blocks, a value: either stage asks it whether two of its
blocks pair, and it works out a line's shape as a speaker line, and the quoted paragraph's, for
the few pairs where they can matter. The rule itself lives here only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from articlefix.blocks import DASHES
from articlefix.headings import size
from articlefix.patterns import compiled

# A name starts with a capital, or with digits and a letter ("9to5Mac.com").
_CAP = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ]|\d+[^\W\d_])[\w'’.-]*"
_PARTICLE = r"(?:de|da|di|del|van|von|der|den|le|la|du|bin|al|ibn|ten|ter|zu)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{1,3}}"
# "Mark Cancian, Center for Strategic and International Studies (CSIS)": an organisation of up
# to 120 characters, with no sentence end or figure (a bound, not fitted: the seed's, the
# longest in the dev sets, has 54).
_NAME_ORG = re.compile(rf"{_NAME},\s+[A-ZÀ-Þ][^.!?\d]{{1,120}}")
# "— Jane Doe", "— Jane Doe (@jane) 18 November 2019", "– Jane Doe, spokeswoman". This and the
# next compile on first use (``re`` keeps them): only a line that starts with a dash meets them
# (2 of the 118 dev cases have one), and compiling them takes 0.8 ms of a one-file run. After
# the name, a role or an organisation of up to 100 characters (a bound, not fitted).
_DASH_STARTS = tuple(DASHES)  # what ``_DASH_NAME`` starts with
_DASH_NAME = rf"[{DASHES}]\s*(?:{_NAME}|{_CAP}\w)(?:\s*\(@\w+\))?(?:[ ,].{{0,100}})?"
# "— jane (@jane_doe) March 3, 2020": a post's author line, whatever the case of the name
# (a handle has at most 30 characters on the sites that use them, 15 on Twitter; bounds, not
# fitted: a name of up to 80 characters before it, a date of up to 60 after it).
_TWEET = rf"[{DASHES}]\s*[^\s()][^()]{{0,80}}\(@\w{{1,30}}\)(?:\s.{{0,60}})?"
# "By Jane Doe", "Von Hans Müller, dpa": who wrote the article, not who said a paragraph.
_BYLINE = re.compile(rf"[{DASHES}-]*\s*(?:by|von|par|por)\s+(?-i:[A-ZÀ-Þ])", re.IGNORECASE)
_QUOTE_END = (".", "!", "?", "…", '"', "”", "»", "“")

#: Most words of a speaker line: a name, a role and an organisation. A bound, not fitted: it is
#: where a paragraph counts as long (``headings.LONG_WORDS``); the longest speaker lines in the
#: dev sets have 9 words (the seed's) and 7 (the dev news set's one, a post's with its date).
SPEAKER_WORDS = 24
#: Fewest words of a quoted paragraph: shorter lines before a name are captions and labels.
#: A post before its ``— Name (@handle) Date`` line is quoted however short it is. Not fitted:
#: 4 and 8 give the dev news set and the seed the same quotes as 6.
QUOTE_WORDS = 6

# A block's shape as a speaker line (one of these) ...
_NONE, _DASH_LINE, _POST_LINE, _ORG_LINE = 0, 1, 2, 3
# ... and as a quoted paragraph (any of these bits).
_ENDS, _ONE_LINE, _QUOTABLE = 1, 2, 4
# What each speaker line needs of the paragraph it closes as a pull quote.
_CLOSES = {
    _DASH_LINE: _ONE_LINE | _QUOTABLE,
    _POST_LINE: _ONE_LINE,
    _ORG_LINE: _ONE_LINE | _QUOTABLE | _ENDS,
}
# What it needs of a line to read as its attribution at all: a line before one is no heading.
_ATTRIBUTES = {_DASH_LINE: 0, _POST_LINE: 0, _ORG_LINE: _ENDS}


def _speaker(text: str) -> int:
    """A dash-led name after any paragraph; ``Name, Organisation`` only after a full sentence.

    Cheap tests first: this runs on every block, and nearly every block fails the first one
    (each pattern needs its dash or its comma).
    """
    if text.endswith("."):
        return _NONE
    if text.startswith(_DASH_STARTS):
        dashed = _DASH_LINE if compiled(_DASH_NAME).fullmatch(text) else _NONE
        shape = _POST_LINE if compiled(_TWEET).fullmatch(text) else dashed
    else:
        shape = _ORG_LINE if _names_org(text) else _NONE
    if shape and (size(text) > SPEAKER_WORDS or _BYLINE.match(text)):
        return _NONE
    return shape


def _names_org(text: str) -> bool:
    """``_NAME_ORG`` matches: first told by what follows the first comma, which a name cannot
    hold, so it is the one after the name: blanks, then a capital (template lines with a comma,
    "Ligue 1, 12e journée : …", fail there without the regex, a third of their pairing)."""
    comma = text.find(",")
    if comma < 0:
        return False
    org = text[comma + 1 :].lstrip()[:1]
    return ("A" <= org <= "Z" or "À" <= org <= "Þ") and _NAME_ORG.fullmatch(text) is not None


def _quoted(text: str) -> int:
    shape = _ENDS if text.rstrip().endswith(_QUOTE_END) else 0
    if "\n" not in text:
        shape |= _ONE_LINE
    return shape | _QUOTABLE if size(text) >= QUOTE_WORDS else shape


class Pairing(NamedTuple):
    """Whether two of the blocks ``texts`` pair as a pull quote and its attribution."""

    texts: Sequence[str]

    def closes(self, line: int, quote: int, needs: Mapping[int, int] = _CLOSES) -> bool:
        """Block ``line`` attributes block ``quote``, closing it as a pull quote (``needs``:
        what each shape of line needs of the quote; :meth:`attributes` passes its own)."""
        text, quoted = self.texts[line], self.texts[quote]
        # A line that ends a sentence is none (``_speaker``'s first test); one that no dash
        # leads can only be ``Name, Organisation``, which needs a quote that ends a sentence:
        # most pairs are told here, before either shape is worked out (on template lines with
        # commas, the speaker pattern's test was a tenth of the time). ``rstrip`` returns the
        # text itself when it ends in no blank: no copy.
        if text.endswith(".") or not (
            text.startswith(_DASH_STARTS) or quoted.rstrip().endswith(_QUOTE_END)
        ):
            return False
        need = needs.get(_speaker(text))
        return need is not None and _quoted(quoted) & need == need

    def attributes(self, line: int, quote: int) -> bool:
        """Block ``line`` reads as the attribution of block ``quote``, however short that is."""
        return self.closes(line, quote, _ATTRIBUTES)


def pairing(texts: Sequence[str]) -> Pairing:
    """The pull-quote pairs among ``texts``, each worked out when a stage asks for it."""
    return Pairing(texts)
