"""The site index: what each site repeats across its pages, built by a reduction over them.

One pass reads each page once. :meth:`Counts.add` keeps a :class:`Sketch` of the page: its
blocks' keys and sizes and the words of its short blocks and title candidates, no text.
:meth:`Counts.merge` unites partial counts in any order. Finishing a site
(:func:`articlefix.sitefinish.finished`) counts on how many of its pages each line, each word
place and each line at the top occurs, makes round one's tables (:class:`Frequent`) and round
two's (templates and titles, which need round one's), and the verdict on each of its short
lines, all from the sketches: no page is read or normalised twice, and each site is finished
on its own (on a pool's workers, or a cluster's). Every table is a function of the set of
pages: the same pages in any order give the same index.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from articlefix.fingerprint import normal_forms
from articlefix.sitelines import (
    TITLE_WORDS,
    PageLine,
    keys_of,
    line_of,
    prose_size,
    prose_start,
    prose_title,
)

if TYPE_CHECKING:
    from articlefix.sites import Judged
    from articlefix.sitetitles import Titles

#: Share of a site's pages a block must be on. Measured on the dev crawl (5 sites of 12-33
#: pages): each constant chrome item sits on 52-100 % of its site's pages, content on at most 3
#: pages (6-21 %). A third and 0.45 remove all chrome there and on two other seeds of its
#: generator; at 0.25 and below stop-word places start to count as a frame and one seed keeps
#: templated lines (0.98), at 0.55 chrome on barely half the pages stays (constant 0.97).
SHARE = 1 / 3
#: ... and never fewer pages than this: "a few pages" (a paragraph quoted again in two
#: follow-ups, a section heading two articles share) is content, however small the site.
MIN_PAGES = 4
#: Longest line (in words) that can be a template: bylines, counters and teasers are short;
#: a long paragraph whose stop words fall in the same places is prose.
TEMPLATE_WORDS = 16
#: Share of a template line's words that must sit in a place the site repeats: a byline keeps
#: "by … | … min read" (6 of 9 words); a sentence's stop words reach a third at most.
FRAME_SHARE = 0.5
#: Blocks at the top of a page that may come before its title (navigation, a cookie notice,
#: a breadcrumb): a frequent line found there on most of its pages is chrome, while a title is
#: at the top of its own page only and a link to it sits lower on the others.
TOP_BLOCKS = 4
#: Blocks a page's title is looked for in: the chrome at the top twice over. On the dev crawl
#: every title is its page's block 2 or 3; a page whose first 8 blocks are all chrome has none.
TITLE_BLOCKS = 2 * TOP_BLOCKS
Shape = tuple[str, ...]  # a template: the words in repeated places, a gap for each run of others
_GAP = "\x01"


def need_of(pages: int) -> int:
    """Pages a block must be on to be its site's boilerplate."""
    return max(MIN_PAGES, math.ceil(SHARE * pages))


@dataclass(frozen=True, slots=True)
class Frequent:
    """Round one of the index for one site: its frequent lines and word places."""

    pages: int
    lines: dict[int, int]  # key -> pages, frequent only
    places: dict[str, frozenset[int]]  # word -> its frequent places (from the end: < 0)
    top: frozenset[int]  # frequent lines found among the first blocks on most of their pages

    @property
    def need(self) -> int:
        return need_of(self.pages)

    def skeleton(self, words: Sequence[str], n: int) -> Shape | None:
        """The key of the template of a line of ``n`` words, when enough of them sit in places
        the site repeats: those words, and a gap for each run of others."""
        if not 2 <= n <= TEMPLATE_WORDS:
            return None
        places = self.places
        frame = [
            (at := places.get(w)) is not None and (i in at or i - n in at)
            for i, w in enumerate(words)
        ]
        if sum(frame) < max(2, FRAME_SHARE * n):
            return None
        shape = [w if on else _GAP for w, on in zip(words, frame, strict=True)]
        return tuple(w for i, w in enumerate(shape) if w != _GAP or i == 0 or shape[i - 1] != w)

    def title(self, keys: Sequence[int]) -> int | None:
        """The position of the page's title (or lede): its first block that is not the
        chrome at the top of the site's pages. A line the site repeats lower on its pages is a
        title that others link to; a template line there (a date) may be a title too."""
        return next((n for n, key in enumerate(keys[:TITLE_BLOCKS]) if key not in self.top), None)


@dataclass(frozen=True, slots=True)
class Site:
    """The finished index of one site: what :func:`articlefix.sites.judge` compares a page
    with, and the verdict on each line the site's pages hold, worked out once for the site."""

    frequent: Frequent
    templates: dict[Shape, int]  # pages, frequent only
    titles: Titles
    decided: dict[int, Judged] = field(default_factory=dict)  # key -> the site's, not None
    plain: array[int] = field(default_factory=lambda: array("Q"))  # the keys, sorted, of the
    # other lines of at most KEPT_WORDS words its pages hold: 8 bytes each (a set: about 70)

    def holds(self, key: int) -> bool:
        """Whether ``key`` is one of :attr:`plain`: a short line of the site's that is not
        boilerplate."""
        at = bisect_left(self.plain, key)
        return at < len(self.plain) and self.plain[at] == key


class Sketch(NamedTuple):
    """A page as the index needs it: every block's key in page order, the normal form of its
    short blocks (the words of which the finish reads, once a site) and of a long block its
    size, and the start of a long one among the first TITLE_BLOCKS, which may be its title (the
    finish reads the words of the one that is). No long text."""

    keys: array[int]
    sizes: array[int]  # a long block's words (more than KEPT_WORDS); 0: short, see texts
    texts: str  # a line per block: a short one's normal form, a long first one's start

    @classmethod
    def of(cls, norms: Sequence[str], keys: array[int]) -> Sketch:
        sizes = array("I", map(prose_size, norms))
        texts = "\n".join(
            norm if not size else prose_start(norm) if n < TITLE_BLOCKS else ""
            for n, (norm, size) in enumerate(zip(norms, sizes, strict=True))
        )
        return cls(keys, sizes, texts)

    def lines(self, known: dict[int, PageLine]) -> Iterator[PageLine]:
        """The page's lines that may be short, as :func:`line_of` makes them (each made once
        into ``known``, for the site)."""
        texts = None
        for n, key in enumerate(self.keys):
            if (line := known.get(key)) is None and not self.sizes[n]:
                texts = self.texts.split("\n") if texts is None else texts
                line = known[key] = line_of(texts[n], key)
            if line is not None:
                yield line

    def title(self, n: int, known: dict[int, PageLine]) -> tuple[list[str], int]:
        """The first TITLE_WORDS words of block ``n`` (one of the first TITLE_BLOCKS), and its
        size; ``known``: the lines :meth:`lines` made."""
        if not (size := self.sizes[n]):
            line = known[self.keys[n]]
            return list(line.words[:TITLE_WORDS]), line.size
        return list(prose_title(self.texts.split("\n", n + 1)[n])), size


@dataclass(slots=True)
class Counts:
    """The reduction: each site's pages' sketches. Merging is a union of sketches, so partial
    counts from any split of the pages combine to the same index; the counting is done per
    site when the index is finished (:mod:`articlefix.sitefinish`)."""

    sketches: dict[str, list[Sketch]] = field(default_factory=dict)

    def add(self, site: str, texts: Sequence[str]) -> Counts:
        """Count a page of ``site`` whose blocks are ``texts``."""
        norms = normal_forms(texts)
        self.sketches.setdefault(site, []).append(Sketch.of(norms, array("Q", keys_of(norms))))
        return self

    def merge(self, other: Counts) -> Counts:
        for site, sketches in other.sketches.items():
            self.sketches.setdefault(site, []).extend(sketches)
        return self
