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
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import count

from articlefix.siteindex import (
    TEMPLATE_WORDS,
    TOP_BLOCKS,
    Frequent,
    Place,
    Shape,
    Site,
    Sketch,
    need_of,
)
from articlefix.sitelines import PageLine
from articlefix.sites import Judged, Match, Verdict, decide
from articlefix.sitetitles import TitleCounts


def finished(sketches: Sequence[Sketch]) -> Site:
    """The index of a site whose pages are ``sketches`` (in any order: the same index)."""
    lines: dict[int, PageLine] = {}  # each short line of the site's pages, read once
    pages = [{line.key for line in sketch.short(lines)} for sketch in sketches]
    table = _frequent(sketches, [[lines[key] for key in page] for page in pages])
    site = _second_round(table, sketches, lines)
    decided: dict[int, Judged] = {}
    for key, line in lines.items():
        if (judged := decide(site, line)).verdict is not None:
            decided[key] = judged
    for key, n in table.lines.items():  # longer lines are the site's as the same text alone
        decided.setdefault(key, Judged(Verdict(Match.TEXT, n, table.pages), False))
    plain = array("Q", sorted(key for key in lines if key not in decided))
    return replace(site, decided=decided, plain=plain)


def _frequent(sketches: Sequence[Sketch], pages: Iterable[list[PageLine]]) -> Frequent:
    """Round one: the lines and word places on enough pages, and the lines at the top."""
    need = need_of(len(sketches))
    seen: Counter[int] = Counter()
    tops: Counter[int] = Counter()
    for sketch in sketches:
        seen.update(set(sketch.keys))
        tops.update(set(sketch.keys[:TOP_BLOCKS]))
    lines = {k: n for k, n in seen.items() if n >= need}
    found: dict[str, set[int]] = {}
    for (i, word), n in _places(pages).items():
        if n >= need:
            found.setdefault(word, set()).add(i)
    places = {word: frozenset(at) for word, at in found.items()}
    top = frozenset(k for k, n in lines.items() if 2 * tops[k] >= n)
    return Frequent(len(sketches), lines, places, top)


def _places(pages: Iterable[list[PageLine]]) -> Counter[Place]:
    """On how many pages each word of a short line sits in each place, from the start and
    from the end; each line's places are made once."""
    made: dict[int, frozenset[Place]] = {}
    counts: Counter[Place] = Counter()
    for page in pages:
        places: set[Place] = set()
        for line in page:
            if line.size <= TEMPLATE_WORDS:
                if (at := made.get(line.key)) is None:
                    words = line.words
                    at = made[line.key] = frozenset([*zip(count(), words),
                                                 *zip(count(-line.size), words)])  # fmt: skip
                places |= at
        counts.update(places)
    return counts


def _second_round(table: Frequent, sketches: Iterable[Sketch], lines: dict[int, PageLine]) -> Site:
    """On how many pages each template (of a line that is not frequent text) and each title
    occurs, given round one's table; each line's template is worked out once."""
    templates: Counter[Shape] = Counter()
    titles = TitleCounts()
    shapes: dict[int, Shape | None] = {}
    for sketch in sketches:
        found = set()
        for key in set(sketch.keys):
            if key not in table.lines and (line := lines.get(key)) is not None:
                if key not in shapes:
                    shapes[key] = table.skeleton(line.words, line.size)
                found.add(shapes[key])
        templates.update(shape for shape in found if shape is not None)
        title = table.title(sketch.keys)
        if title is not None:
            titles.add(*sketch.title(title))
    need = table.need
    kept = {k: n for k, n in templates.items() if n >= need}
    return Site(table, kept, titles.finished())
