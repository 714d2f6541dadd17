"""Finishing one site's index from its pages' sketches (:class:`articlefix.siteindex.Sketch`).

Round one counts on how many pages each line, each line at the top and each word place occurs
(:class:`Frequent`); round two, which needs round one's tables, on how many each template and
each title occurs; then each short line of the site's pages is judged once
(:func:`articlefix.sites.decide`), so that the map looks a page's lines up instead of judging
each again on every page. A site is finished from its own sketches alone: a pool or a cluster
finishes the sites of a crawl side by side.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import count
from operator import add

from articlefix.siteindex import (
    TEMPLATE_WORDS,
    TOP_BLOCKS,
    Frequent,
    Shape,
    Site,
    Sketch,
    need_of,
)
from articlefix.sitelines import KEPT_WORDS, PageLine
from articlefix.sites import Judged, Match, Verdict, decide
from articlefix.sitetitles import TitleCounts

#: Places an integer-coded word place spans: -TEMPLATE_WORDS (from the end) to
#: TEMPLATE_WORDS - 1 (from the start).
_SPAN = 2 * TEMPLATE_WORDS


def finished(sketches: Sequence[Sketch]) -> Site:
    """The index of a site whose pages are ``sketches`` (in any order: the same index)."""
    lines: dict[int, PageLine] = {}  # each line of the site's pages that may be short, once
    pages = [{ln.key for ln in sketch.lines(lines) if ln.size <= KEPT_WORDS} for sketch in sketches]
    table = _frequent(sketches, pages, lines)
    shapes = {key: table.skeleton(line.words, line.size)
              for key, line in lines.items() if key not in table.lines}  # fmt: skip
    site = _second_round(table, sketches, pages, shapes, lines)
    decided: dict[int, Judged] = {}
    for key, line in lines.items():
        if line.size <= KEPT_WORDS and (judged := decide(site, line, shapes.get(key))).verdict:
            decided[key] = judged
    for key, n in table.lines.items():  # longer lines are the site's as the same text alone
        decided.setdefault(key, Judged(Verdict(Match.TEXT, n, table.pages), False))
    plain = array("Q", sorted(key for key, ln in lines.items()
                              if key not in decided and ln.size <= KEPT_WORDS))  # fmt: skip
    return replace(site, decided=decided, plain=plain)


def _frequent(
    sketches: Sequence[Sketch], pages: Sequence[set[int]], lines: dict[int, PageLine]
) -> Frequent:
    """Round one: the lines and word places on enough pages, and the lines at the top."""
    need = need_of(len(sketches))
    seen: Counter[int] = Counter()
    tops: Counter[int] = Counter()
    for sketch in sketches:
        seen.update(set(sketch.keys))
        tops.update(set(sketch.keys[:TOP_BLOCKS]))
    frequent = {k: n for k, n in seen.items() if n >= need}
    top = frozenset(k for k, n in frequent.items() if 2 * tops[k] >= n)
    return Frequent(len(sketches), frequent, _places(pages, lines, need), top)


def _places(
    pages: Iterable[set[int]], lines: dict[int, PageLine], need: int
) -> dict[str, frozenset[int]]:
    """Each word's places, from the start and from the end (< 0) of the short lines, found on
    ``need`` pages or more. A place is counted as an integer (the word's number and its place),
    made once for each line: integers hash at once, a pair of a word and a place is hashed
    again at each set operation."""
    numbers: dict[str, int] = {}
    fresh = count()  # a new word's number (some numbers go unused: they need only differ)
    made: dict[int, frozenset[int]] = {}
    counts: Counter[int] = Counter()
    for page in pages:
        places: set[int] = set()
        for key in page:
            if (at := made.get(key)) is None:
                at = made[key] = _numbered(lines[key], numbers, fresh)
            places |= at
        counts.update(places)
    words = {number: word for word, number in numbers.items()}
    found: dict[str, set[int]] = {}
    for place, n in counts.items():
        if n >= need:
            found.setdefault(words[place // _SPAN], set()).add(place % _SPAN - TEMPLATE_WORDS)
    return {word: frozenset(at) for word, at in found.items()}


def _numbered(line: PageLine, numbers: dict[str, int], fresh: Iterator[int]) -> frozenset[int]:
    """A short line's places as integers: its word's number times _SPAN, plus the place."""
    size = line.size
    if size > TEMPLATE_WORDS:
        return frozenset()
    words = [_SPAN * n + TEMPLATE_WORDS for n in map(numbers.setdefault, line.words, fresh)]
    return frozenset([*map(add, words, range(size)), *map(add, words, range(-size, 0))])


def _second_round(
    table: Frequent,
    sketches: Sequence[Sketch],
    pages: Sequence[set[int]],
    shapes: dict[int, Shape | None],
    lines: dict[int, PageLine],
) -> Site:
    """On how many pages each template (of a line that is not frequent text) and each title
    occurs, given round one's table and each short line's template."""
    templates: Counter[Shape] = Counter()
    for page in pages:
        templates.update({shape for key in page if (shape := shapes.get(key)) is not None})
    titles = TitleCounts()
    for sketch in sketches:
        if (title := table.title(sketch.keys)) is not None:
            titles.add(*sketch.title(title, lines))
    need = table.need
    kept = {k: n for k, n in templates.items() if n >= need}
    return Site(table, kept, titles.finished())
