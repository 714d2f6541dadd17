"""Site boilerplate: the blocks a site repeats on a large share of its pages (navigation,
cookie notice, share buttons, byline, comment count, links to its other pages).

In-document dedup cannot see them: each page holds them once. So the decision is made over the
whole crawl, as a pure two-step that a cluster runs as well as one process:

1. an **index**, built by a reduction over the pages in one pass (:mod:`articlefix.siteindex`:
   counts that merge in any order, and a sketch of each page from which the tables that need
   the first counts are made without reading any page again);
2. a **map** that judges each page against it (:func:`judge`), one verdict per block.

A block is site boilerplate when, on at least ``SHARE`` of its site's pages (and never fewer
than ``MIN_PAGES``), it occurs as the same text, or as the same template: the same words in
the same places with other names, dates, numbers or titles in between. A line that is another
page's title (or starts like one and is cut off with an ellipsis, or is a short lead-in such
as "Read also:" before one) is a link to that page. A page's own title is never removed.

Counts are of pages, not of occurrences, and every table is a function of the set of pages,
so the same pages in any order give the same output.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from articlefix.sitelines import PageLine, keys_of, line_of

if TYPE_CHECKING:
    from articlefix.siteindex import Shape, Site


class Match(Enum):
    """Why a block is site boilerplate."""

    TEXT = "same text"
    TEMPLATE = "same template"
    TITLE = "title of another page"


class Verdict(NamedTuple):
    """One block judged site boilerplate: why, and on how many of the site's pages."""

    match: Match
    pages: int
    site_pages: int


class Judged(NamedTuple):
    """A line's verdict, and whether it is another page's title word for word (which makes
    it a link only among the page's furniture)."""

    verdict: Verdict | None
    bare: bool


_CONTENT = Judged(None, False)


def judge(site: Site | None, norms: Sequence[str]) -> list[Verdict | None]:
    """For each block of a page (``norms``: their :func:`articlefix.fingerprint.normal_forms`
    forms, which dedup takes over), why it is site boilerplate, or None when it is the page's.

    A line of a page the index counted is looked up (:attr:`Site.decided`, :meth:`Site.holds`);
    only another page's lines are judged here.
    """
    if site is None:
        return [None] * len(norms)
    keys = keys_of(norms)
    own = site.frequent.title(keys)
    decided = site.decided
    judged = [
        _CONTENT if n == own else decided.get(key) or _looked_up(site, norm, key)
        for n, (norm, key) in enumerate(zip(norms, keys, strict=True))
    ]
    return _links_in_furniture([j.verdict for j in judged], [j.bare for j in judged])


def _looked_up(site: Site, norm: str, key: int) -> Judged:
    """A line that is not the site's boilerplate, or one the index has not seen."""
    if site.holds(key):
        return _CONTENT
    line = line_of(norm, key)
    return decide(site, line, site.frequent.skeleton(line.words, line.size))


def decide(site: Site, line: PageLine, shape: Shape | None) -> Judged:
    """Whether a line is its site's boilerplate, from the site's tables and the line's
    template (:meth:`Frequent.skeleton`; None for the site's frequent lines, which need none)."""
    verdict = _verdict(site, line, shape)
    return _CONTENT if verdict is None else Judged(verdict, site.titles.bare(line))


def _verdict(site: Site, line: PageLine, shape: Shape | None) -> Verdict | None:
    table = site.frequent
    if (pages := table.lines.get(line.key)) is not None:
        return Verdict(Match.TEXT, pages, table.pages)
    if shape is not None and shape in site.templates:
        return Verdict(Match.TEMPLATE, site.templates[shape], table.pages)
    if (pages := site.titles.linked(line)) is not None:
        return Verdict(Match.TITLE, pages, table.pages)
    return None


def _links_in_furniture(verdicts: list[Verdict | None], bare: list[bool]) -> list[Verdict | None]:
    """Another page's title, word for word, is a link only in the page's furniture: a run of
    them with chrome or the page's edge on both sides, as a "related" list sits. Between
    paragraphs the same words are the page's own heading ("Introduction"), however many pages
    link to it (which makes them frequent text too)."""
    out = list(verdicts)
    n = 0
    while n < len(out):
        if not bare[n] or out[n] is None:
            n += 1
            continue
        end = n
        while end + 1 < len(out) and bare[end + 1] and out[end + 1] is not None:
            end += 1
        before = n == 0 or (out[n - 1] is not None and not bare[n - 1])
        after = end + 1 == len(out) or (out[end + 1] is not None and not bare[end + 1])
        if not (before and after):
            out[n : end + 1] = [None] * (end + 1 - n)
        n = end + 1
    return out
