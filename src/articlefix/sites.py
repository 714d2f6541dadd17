"""Site boilerplate: the blocks a site repeats on a large share of its pages (navigation,
cookie notice, share buttons, byline, comment count, links to its other pages).

In-document dedup cannot see them: each page holds them once. So the decision is made over the
whole crawl, as a pure two-step that a cluster runs as well as one process:

1. an **index**, built by a reduction over the pages: :class:`Counts` adds pages and merges
   with other ``Counts`` in any order; :meth:`Counts.frequent` and :meth:`Counts.index` turn the
   two rounds of counts into frozen tables;
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

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from hashlib import blake2b
from typing import NamedTuple, TypeVar

from articlefix.fingerprint import normalised

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
#: Longest line (in words) taken as a page's title: longer, the first block is a lede.
TITLE_WORDS = 20
#: Blocks at the top of a page that may come before its title (navigation, a cookie notice,
#: a breadcrumb): a frequent line found there on most of its pages is chrome, while a title is
#: at the top of its own page only and a link to it sits lower on the others.
TOP_BLOCKS = 4
#: Words at least in a title or lede cut off with an ellipsis ("Minister resigns after …").
CUT_TITLE_WORDS = 4
#: Words at most before a title in a link ("Read also:", "More:").
LEAD_WORDS = 3
#: Words kept of a block: enough for any title with its lead-in; longer blocks are prose.
KEPT_WORDS = TITLE_WORDS + LEAD_WORDS
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")  # a run of digits: one number slot, "0"
#: Spaces past which a block is surely longer than KEPT_WORDS: only its start is split.
_LONG = 2 * KEPT_WORDS
Place = tuple[int, str]  # a word and its place in a short line, from the start or the end
Shape = tuple[str, ...]  # a template: the words in repeated places, a gap for each run of others
_GAP = "\x01"
K = TypeVar("K")


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


class PageLine(NamedTuple):
    """One block as the index sees it."""

    key: int  # the normalised text's hash
    words: tuple[str, ...]  # the first KEPT_WORDS normalised words, each number as "0"
    size: int  # words in all
    cut: bool  # ends in an ellipsis
    head: str  # a long block's start, split into words only if it is a page's lede

    @property
    def spoken(self) -> int:
        """The key of the words alone: a title and a link to it differ in punctuation."""
        return _hash(" ".join(self.words))


def lines_of(texts: Sequence[str]) -> list[PageLine]:
    """What the index needs of a page's blocks (their normalised forms), in order."""
    lines = []
    for norm in normalised(texts):
        cut = norm.endswith("...")  # NFKC made "…" three dots
        if (spaces := norm.count(" ")) < _LONG:
            words = _template_words(norm)
            lines.append(PageLine(_hash(norm), words[:KEPT_WORDS], len(words), cut, ""))
        else:  # prose: splitting it into words would cost more than the rest together
            head = " ".join(norm.split(" ", _LONG)[:_LONG])
            lines.append(PageLine(_hash(norm), (), spaces + 1, cut, head))
    return lines


def _template_words(norm: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_NUMBER.sub("0", norm)))


def _need(pages: int) -> int:
    """Pages a block must be on to be its site's boilerplate."""
    return max(MIN_PAGES, math.ceil(SHARE * pages))


def _hash(text: str) -> int:
    """A stable 64-bit key (the built-in hash differs between processes)."""
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest())


def _places(words: tuple[str, ...]) -> set[Place]:
    """A short line's words with their place, from the start and from the end."""
    n = len(words)
    return {(i, w) for i, w in enumerate(words)} | {(i - n, w) for i, w in enumerate(words)}


@dataclass(frozen=True, slots=True)
class Frequent:
    """Round one of the index for one site: its frequent lines and word places."""

    pages: int
    lines: dict[int, int]  # key -> pages, frequent only
    places: frozenset[Place]
    top: frozenset[int]  # frequent lines found among the first blocks on most of their pages

    @property
    def need(self) -> int:
        return _need(self.pages)

    def skeleton(self, line: PageLine) -> Shape | None:
        """The key of ``line``'s template, when enough of it sits in places the site repeats:
        those words, and a gap for each run of others."""
        words, n = line.words, line.size
        if not 2 <= n <= TEMPLATE_WORDS:
            return None
        frame = [(i, w) in self.places or (i - n, w) in self.places for i, w in enumerate(words)]
        if sum(frame) < max(2, FRAME_SHARE * n):
            return None
        shape = [w if on else _GAP for w, on in zip(words, frame, strict=True)]
        return tuple(w for i, w in enumerate(shape) if w != _GAP or i == 0 or shape[i - 1] != w)

    def title(self, lines: Sequence[PageLine]) -> int | None:
        """The position of the page's title (or lede): its first block that is not the
        chrome at the top of the site's pages. A line the site repeats lower on its pages is a
        title that others link to; a template line there (a date) may be a title too."""
        return next((n for n, line in enumerate(lines) if line.key not in self.top), None)


@dataclass(frozen=True, slots=True)
class Site:
    """The finished index of one site: what :func:`judge` compares a page with."""

    frequent: Frequent
    templates: dict[Shape, int]  # pages, frequent only
    titles: dict[int, int]  # title key -> pages it is the title of
    cut_titles: frozenset[int]  # keys of titles' first words, for cut-off links


@dataclass(slots=True)
class Counts:
    """The reduction: per site, on how many pages each line, word place (round one), template
    and title (round two, given round one's :class:`Frequent`) occurs. Merging is a sum, so
    partial counts from any split of the pages combine to the same tables."""

    pages: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[int]] = field(default_factory=dict)
    places: dict[str, Counter[Place]] = field(default_factory=dict)
    tops: dict[str, Counter[int]] = field(default_factory=dict)
    templates: dict[str, Counter[Shape]] = field(default_factory=dict)
    titles: dict[str, Counter[int]] = field(default_factory=dict)
    cut_titles: dict[str, set[int]] = field(default_factory=dict)

    def add_first(self, site: str, lines: Sequence[PageLine]) -> Counts:
        self.pages[site] += 1
        self.lines.setdefault(site, Counter()).update({line.key for line in lines})
        self.tops.setdefault(site, Counter()).update({line.key for line in lines[:TOP_BLOCKS]})
        self.places.setdefault(site, Counter()).update(
            set().union(*(_places(ln.words) for ln in lines if ln.size <= TEMPLATE_WORDS))
        )
        return self

    def add_second(self, site: str, lines: Sequence[PageLine], frequent: Frequent) -> Counts:
        self.pages[site] += 1
        shapes = {frequent.skeleton(ln) for ln in lines if ln.key not in frequent.lines}
        self.templates.setdefault(site, Counter()).update(s for s in shapes if s is not None)
        title = frequent.title(lines)
        if title is not None:
            line = lines[title]
            words, size = line.words or _template_words(line.head), line.size
            if size <= TITLE_WORDS:
                self.titles.setdefault(site, Counter())[line.spoken] += 1
            self.cut_titles.setdefault(site, set()).update(
                _hash(" ".join(words[:k]))
                for k in range(CUT_TITLE_WORDS, min(size, TITLE_WORDS + 1))
            )
        return self

    def merge(self, other: Counts) -> Counts:
        self.pages.update(other.pages)
        _add(self.lines, other.lines)
        _add(self.places, other.places)
        _add(self.tops, other.tops)
        _add(self.templates, other.templates)
        _add(self.titles, other.titles)
        for site, keys in other.cut_titles.items():
            self.cut_titles.setdefault(site, set()).update(keys)
        return self

    def frequent(self) -> dict[str, Frequent]:
        """Round one's tables, per site."""
        tables = {}
        for site, pages in self.pages.items():
            need = _need(pages)
            lines = {k: n for k, n in self.lines.get(site, Counter()).items() if n >= need}
            places = frozenset(k for k, n in self.places.get(site, Counter()).items() if n >= need)
            tops = self.tops.get(site, Counter())
            top = frozenset(k for k, n in lines.items() if 2 * tops[k] >= n)
            tables[site] = Frequent(pages, lines, places, top)
        return tables

    def index(self, frequent: dict[str, Frequent]) -> dict[str, Site]:
        """The finished index, from round two's counts and round one's tables."""
        return {
            site: Site(
                table,
                {k: n for k, n in self.templates.get(site, Counter()).items() if n >= table.need},
                dict(self.titles.get(site, Counter())),
                frozenset(self.cut_titles.get(site, set())),
            )
            for site, table in frequent.items()
        }


def _add(mine: dict[str, Counter[K]], theirs: dict[str, Counter[K]]) -> None:
    for site, counter in theirs.items():
        mine.setdefault(site, Counter()).update(counter)


def judge(site: Site | None, texts: Sequence[str]) -> list[Verdict | None]:
    """For each block of a page, why it is site boilerplate, or None when it is the page's."""
    if site is None:
        return [None] * len(texts)
    lines = lines_of(texts)
    own = site.frequent.title(lines)
    verdicts = [None if n == own else _verdict(site, line) for n, line in enumerate(lines)]
    return _links_in_furniture(verdicts, [n != own and _bare_title(site, ln) for n, ln in
                                          enumerate(lines)])  # fmt: skip


def _verdict(site: Site, line: PageLine) -> Verdict | None:
    table = site.frequent
    if (pages := table.lines.get(line.key)) is not None:
        return Verdict(Match.TEXT, pages, table.pages)
    if (shape := table.skeleton(line)) is not None and shape in site.templates:
        return Verdict(Match.TEMPLATE, site.templates[shape], table.pages)
    if (pages := _linked_title(site, line)) is not None:
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


def _bare_title(site: Site, line: PageLine) -> bool:
    """Whether ``line`` is, word for word, another page's title (nothing before, not cut)."""
    return not line.cut and line.size <= TITLE_WORDS and line.spoken in site.titles


def _linked_title(site: Site, line: PageLine) -> int | None:
    """The pages whose title ``line`` links to: the title, a lead-in before it, or its first
    words cut off with an ellipsis."""
    if line.size > KEPT_WORDS:  # longer than any title with a lead-in
        return None
    for lead in range(min(LEAD_WORDS, line.size - 1) + 1):
        tail = _hash(" ".join(line.words[lead:]))
        if tail in site.titles:
            return site.titles[tail]
        if line.cut and line.size - lead >= CUT_TITLE_WORDS and tail in site.cut_titles:
            return 1
    return None
