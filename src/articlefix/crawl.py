"""Site boilerplate over a crawl, as a pure two-step: an index built by a reduction over the
pages, then a map that cleans each page against it (the rules: :mod:`articlefix.sites`).

    >>> from articlefix.crawl import Page, build_index, clean_page
    >>> pages = [Page("example.org", text) for text in texts]          # doctest: +SKIP
    >>> index = build_index(pages)                                     # doctest: +SKIP
    >>> results = [clean_page(page, index) for page in pages]          # doctest: +SKIP

On a cluster the index is two rounds of the same reduction: ``count_pages`` on each partition,
``Counts.merge`` to combine partials (a sum, so any split and any order give the same
tables), ``frequent()`` between the rounds, ``finish`` at the end; :mod:`articlefix.dask` does
it with a bag. Nothing here keeps state between calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from articlefix.options import Options
from articlefix.sites import Counts, Frequent, Site

if TYPE_CHECKING:
    from articlefix.pipeline import Result


class Page(NamedTuple):
    """One page of a crawl: the site it belongs to (a host, a folder) and its text."""

    site: str
    data: str | bytes


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """What each site repeats across its pages; picklable, the same for any page order."""

    sites: dict[str, Site]

    def get(self, site: str | None) -> Site | None:
        return None if site is None else self.sites.get(site)


def count_pages(
    pages: Iterable[Page],
    options: Options | None = None,
    frequent: dict[str, Frequent] | None = None,
) -> Counts:
    """One round of the reduction over some pages: round one without ``frequent``, round two
    with round one's tables."""
    from articlefix.pipeline import page_lines

    counts = Counts()
    for page in pages:
        lines = page_lines(page.data, options)
        if frequent is None:
            counts.add_first(page.site, lines)
        else:
            counts.add_second(page.site, lines, frequent[page.site])
    return counts


def finish(counts: Counts, frequent: dict[str, Frequent]) -> SiteIndex:
    """The index, from round two's merged counts."""
    return SiteIndex(counts.index(frequent))


def build_index(pages: Sequence[Page], options: Options | None = None) -> SiteIndex:
    """Both rounds over pages held in memory (a stream must be read twice: see records.py)."""
    frequent = count_pages(pages, options).frequent()
    return finish(count_pages(pages, options, frequent), frequent)


def clean_page(page: Page, index: SiteIndex, options: Options | None = None) -> Result:
    """``clean`` of the page, its site's boilerplate removed first."""
    from articlefix.pipeline import clean

    return clean(page.data, options, site=index.get(page.site))


def site_of_url(url: object) -> str | None:
    """The site of a page's URL: its host, lower case (None when there is none)."""
    if not isinstance(url, str):
        return None
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname
    except ValueError:  # an invalid IPv6 host
        return None
