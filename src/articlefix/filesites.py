"""Site boilerplate for a batch of files: a file's site is its folder.

The index is the same reduction as for records (:mod:`articlefix.crawl`), over the files'
bytes, read here once before the batch cleans them; a file that cannot be read, or
is over ``--max-bytes``, is left out of the counts and gets its error when it is cleaned.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from articlefix.crawl import Page, SiteIndex, build_index
from articlefix.options import Options
from articlefix.streams import open_input


def site_of_file(path: str) -> str:
    """The folder the file is in: the pages of one site are saved side by side."""
    from pathlib import Path

    return str(Path(path).absolute().parent)


def files_index(paths: Sequence[str], options: Options, max_bytes: int | None) -> SiteIndex:
    """The site index of the files at ``paths``, grouped by folder."""
    return build_index(_pages(paths, max_bytes), options)


def _pages(paths: Sequence[str], max_bytes: int | None) -> Iterator[Page]:
    for path in paths:
        try:
            with open_input(path) as file:
                data = file.read() if max_bytes is None else file.read(max_bytes + 1)
        except Exception:  # its error is reported when the file is cleaned
            continue
        if max_bytes is None or len(data) <= max_bytes:
            yield Page(site_of_file(path), data)
