"""A site's titles, and the lines of its pages that link to them: the title word for word, a
short lead-in before it ("Read also: …"), or its first words cut off with an ellipsis.

Keys are of words (:attr:`PageLine.spoken`): a title and a link to it differ in punctuation.
The first and last words of the titles rule most lines out before any key is made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from articlefix.sitelines import KEPT_WORDS, LEAD_WORDS, TITLE_WORDS, PageLine, key_of

#: Words at least in a title or lede cut off with an ellipsis ("Minister resigns after …").
CUT_TITLE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Titles:
    """What links to a site's pages look like."""

    pages: dict[int, int]  # a title's key -> the pages it is the title of
    cut: dict[int, frozenset[str]]  # the key of a title's first CUT_TITLE_WORDS words -> the
    # most of it a cut-off link can show: all but its last word, TITLE_WORDS words at most
    ends: frozenset[str]  # the titles' last words: a line that ends otherwise links to none
    starts: frozenset[str]  # the first words of titles long enough to be cut off

    def bare(self, line: PageLine) -> bool:
        """Whether ``line`` is, word for word, another page's title (nothing before, not cut)."""
        if line.cut or line.size > TITLE_WORDS or (line.words and line.words[-1] not in self.ends):
            return False
        return line.spoken in self.pages

    def linked(self, line: PageLine) -> int | None:
        """The pages whose title ``line`` links to: the title, a lead-in before it, or its
        first words cut off with an ellipsis."""
        if line.size > KEPT_WORDS or not line.words:  # longer than any title with a lead-in
            return None
        words = line.words
        leads = range(min(LEAD_WORDS, line.size - 1) + 1)
        cut = line.cut and any(words[lead] in self.starts for lead in leads)
        if not cut and words[-1] not in self.ends:
            return None
        for lead in leads:
            tail = " ".join(words[lead:])
            if (key := key_of(tail)) in self.pages:
                return self.pages[key]
            if cut and line.size - lead >= CUT_TITLE_WORDS and self._cut_off(words[lead:], tail):
                return 1
        return None

    def _cut_off(self, words: Sequence[str], text: str) -> bool:
        """Whether ``words`` (``text``) are the first words of a title, cut off."""
        starts = self.cut.get(key_of(" ".join(words[:CUT_TITLE_WORDS])), ())
        return any(start == text or start.startswith(text + " ") for start in starts)


@dataclass(slots=True)
class TitleCounts:
    """Titles counted over a site's pages, one a page."""

    pages: Counter[int] = field(default_factory=Counter)
    cut: dict[int, set[str]] = field(default_factory=dict)
    ends: set[str] = field(default_factory=set)
    starts: set[str] = field(default_factory=set)

    def add(self, words: Sequence[str], size: int) -> None:
        """A page's title: its first TITLE_WORDS ``words`` of ``size`` in all."""
        if size <= TITLE_WORDS:
            self.pages[key_of(" ".join(words))] += 1
            self.ends.update(words[-1:])
        start = words[: min(size - 1, TITLE_WORDS)]
        if len(start) >= CUT_TITLE_WORDS:
            key = key_of(" ".join(start[:CUT_TITLE_WORDS]))
            self.cut.setdefault(key, set()).add(" ".join(start))
            self.starts.add(start[0])

    def finished(self) -> Titles:
        cut = {key: frozenset(starts) for key, starts in self.cut.items()}
        return Titles(dict(self.pages), cut, frozenset(self.ends), frozenset(self.starts))
