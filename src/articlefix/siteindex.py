"""The site index: what each site repeats across its pages, built by a reduction over them.

One pass reads each page once. :meth:`Counts.add` counts on how many of its site's pages each
line, each word place and each line at the top occurs, and keeps a :class:`Sketch` of the page:
keys, sizes and the words of its title candidates and template-sized lines, no text.
:meth:`Counts.merge` sums partial counts in any order. :meth:`Counts.index` then makes round
one's tables (:class:`Frequent`) from the counts and round two's (templates and titles, which
need round one's) from the sketches alone, so no page is read or normalised twice. Every table
is a function of the set of pages: the same pages in any order give the same index.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import NamedTuple, TypeVar

from articlefix.fingerprint import normalised
from articlefix.sitelines import PageLine, keys_of, line_of, title_words
from articlefix.sitetitles import TitleCounts, Titles

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
Place = tuple[int, str]  # a word and its place in a short line, from the start or the end
Shape = tuple[str, ...]  # a template: the words in repeated places, a gap for each run of others
_GAP = "\x01"
K = TypeVar("K")


def _need(pages: int) -> int:
    """Pages a block must be on to be its site's boilerplate."""
    return max(MIN_PAGES, math.ceil(SHARE * pages))


def _places(lines: Iterable[PageLine]) -> set[Place]:
    """The short lines' words with their place, from the start and from the end."""
    places: set[Place] = set()
    for line in lines:
        if line.size <= TEMPLATE_WORDS:
            places.update(zip(count(), line.words), zip(count(-line.size), line.words))
    return places


@dataclass(frozen=True, slots=True)
class Frequent:
    """Round one of the index for one site: its frequent lines and word places."""

    pages: int
    lines: dict[int, int]  # key -> pages, frequent only
    places: dict[str, frozenset[int]]  # word -> its frequent places (from the end: < 0)
    top: frozenset[int]  # frequent lines found among the first blocks on most of their pages

    @property
    def need(self) -> int:
        return _need(self.pages)

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
    with."""

    frequent: Frequent
    templates: dict[Shape, int]  # pages, frequent only
    titles: Titles


class Sketch(NamedTuple):
    """A page as round two needs it: its first TITLE_BLOCKS blocks (where its title is), then
    its other template-sized lines; of each its key, its size and its first TITLE_WORDS words."""

    keys: array[int]
    sizes: array[int]
    words: str  # each line's words joined by spaces, a line per line
    heads: int  # how many of the lines are the page's first blocks

    @classmethod
    def of(cls, norms: Sequence[str], lines: Sequence[PageLine]) -> Sketch:
        heads = min(len(lines), TITLE_BLOCKS)
        rest = (n for n in range(heads, len(lines)) if 2 <= lines[n].size <= TEMPLATE_WORDS)
        kept = [*range(heads), *rest]
        words = "\n".join(" ".join(title_words(norms[n], lines[n])) for n in kept)
        keys = array("Q", (lines[n].key for n in kept))
        return cls(keys, array("I", (lines[n].size for n in kept)), words, heads)


@dataclass(slots=True)
class Counts:
    """The reduction: per site, on how many pages each line, word place and top line occurs,
    and each page's sketch. Merging is a sum (and a union of sketches), so partial counts from
    any split of the pages combine to the same index."""

    pages: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[int]] = field(default_factory=dict)
    places: dict[str, Counter[Place]] = field(default_factory=dict)
    tops: dict[str, Counter[int]] = field(default_factory=dict)
    sketches: dict[str, list[Sketch]] = field(default_factory=dict)

    def add(
        self, site: str, texts: Sequence[str], known: dict[int, PageLine] | None = None
    ) -> Counts:
        """Count a page of ``site`` whose blocks are ``texts``; ``known`` holds the lines of
        pages counted before, which a site repeats (its chrome), so that each is split once."""
        norms = normalised(texts)
        keys = keys_of(norms)
        known = {} if known is None else known
        lines = []
        for norm, key in zip(norms, keys, strict=True):
            if (line := known.get(key)) is None:
                line = known[key] = line_of(norm, key)
            lines.append(line)
        self.pages[site] += 1
        self.lines.setdefault(site, Counter()).update(set(keys))
        self.tops.setdefault(site, Counter()).update(set(keys[:TOP_BLOCKS]))
        self.places.setdefault(site, Counter()).update(_places(lines))
        self.sketches.setdefault(site, []).append(Sketch.of(norms, lines))
        return self

    def merge(self, other: Counts) -> Counts:
        self.pages.update(other.pages)
        _add(self.lines, other.lines)
        _add(self.places, other.places)
        _add(self.tops, other.tops)
        for site, sketches in other.sketches.items():
            self.sketches.setdefault(site, []).extend(sketches)
        return self

    def index(self) -> dict[str, Site]:
        """Each site's finished index: round one's tables, then round two over the sketches."""
        return {
            site: _second_round(self._frequent(site, pages), self.sketches.get(site, []))
            for site, pages in self.pages.items()
        }

    def _frequent(self, site: str, pages: int) -> Frequent:
        need = _need(pages)
        lines = {k: n for k, n in self.lines.get(site, Counter()).items() if n >= need}
        found: dict[str, set[int]] = {}
        for (i, word), n in self.places.get(site, Counter()).items():
            if n >= need:
                found.setdefault(word, set()).add(i)
        places = {word: frozenset(at) for word, at in found.items()}
        tops = self.tops.get(site, Counter())
        return Frequent(
            pages, lines, places, frozenset(k for k, n in lines.items() if 2 * tops[k] >= n)
        )


def _add(mine: dict[str, Counter[K]], theirs: dict[str, Counter[K]]) -> None:
    for site, counter in theirs.items():
        mine.setdefault(site, Counter()).update(counter)


def _second_round(table: Frequent, sketches: Iterable[Sketch]) -> Site:
    """On how many pages each template (of a line that is not frequent text) and each title
    occurs, given round one's table; each line's template is worked out once."""
    templates: Counter[Shape] = Counter()
    titles = TitleCounts()
    shapes: dict[int, Shape | None] = {}
    for sketch in sketches:
        words = sketch.words.split("\n")
        found = set()
        for n, key in enumerate(sketch.keys):
            if key not in table.lines:
                if key not in shapes:
                    size = sketch.sizes[n]
                    small = 2 <= size <= TEMPLATE_WORDS
                    shapes[key] = table.skeleton(words[n].split(" "), size) if small else None
                found.add(shapes[key])
        templates.update(shape for shape in found if shape is not None)
        title = table.title(sketch.keys[: sketch.heads])
        if title is not None:
            titles.add(words[title].split(" ") if words[title] else [], sketch.sizes[title])
    need = table.need
    kept = {k: n for k, n in templates.items() if n >= need}
    return Site(table, kept, titles.finished())
