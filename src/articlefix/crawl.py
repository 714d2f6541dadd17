"""Site boilerplate over a crawl, as a pure two-step: an index built by a reduction over the
pages, then a map that cleans each page against it (the rules: :mod:`articlefix.sites`).

    >>> from articlefix.crawl import Page, build_index, clean_page
    >>> pages = [Page("example.org", text) for text in texts]          # doctest: +SKIP
    >>> index = build_index(pages)                                     # doctest: +SKIP
    >>> results = [clean_page(page, index) for page in pages]          # doctest: +SKIP

On a cluster the index is one reduction: ``count_pages`` on each partition, ``Counts.merge``
to combine partials (a union of the pages' sketches, so any split and any order give the same
tables), ``finish`` at the end, site by site (:func:`articlefix.sitefinish.finished`);
:mod:`articlefix.daskrecords` does it with a bag. Each page is read once. Nothing here keeps
state between calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from articlefix.options import Options
from articlefix.siteindex import Counts, Site

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


def count_pages(pages: Iterable[Page], options: Options | None = None) -> Counts:
    """The reduction over some pages: counts to merge with those of the others.

    A page that :func:`clean` refuses (binary data, a bad encoding) counts for nothing: its
    error is told when it is cleaned, and the pages after it are still counted.
    """
    from articlefix.errors import ArticlefixError
    from articlefix.pipeline import page_texts

    counts = Counts()
    for page in pages:
        try:
            texts = page_texts(page.data, options)
        except ArticlefixError:
            continue
        counts.add(page.site, texts)
    return counts


def finish(counts: Counts) -> SiteIndex:
    """The index, from the merged counts of every page."""
    from articlefix.sitefinish import finished

    return SiteIndex({site: finished(sketches) for site, sketches in counts.sketches.items()})


def build_index(pages: Iterable[Page], options: Options | None = None) -> SiteIndex:
    """The index of pages in memory, or of a stream read once."""
    return finish(count_pages(pages, options))


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
