"""The record of one input: what a worker (a process, a Dask or Spark task) returns for a file
or a JSON record's text, what the batch acts on, and what a ``--report`` line holds.

A worker only reads and cleans; the record carries the result back (the Markdown, the report)
and the batch writes. A bad input is a record with ``status`` ``error`` (or ``skipped``), never
an exception, so one input cannot fail a batch of thousands. :meth:`InputRecord.to_json` is the
report line's schema (batch.py's docstring); the typed record pickles as well as that would.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from articlefix._version import __version__
from articlefix.errors import ArticlefixError
from articlefix.files import cause
from articlefix.options import Options, for_file
from articlefix.report import Report, Status

if TYPE_CHECKING:
    from articlefix.crawl import SiteIndex
    from articlefix.siteindex import Site

#: Why an input that was read past ``max_bytes`` (a file that grew, a pipe) was skipped.
OVER_LIMIT = "larger than --max-bytes (over {} bytes when read), not cleaned"
#: The report's counts, in the order a report line lists them (null when not cleaned).
_COUNTS = ("blocks_in", "blocks_out", "removed", "similar_kept", "headings", "quotes")


class InputRecord(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """One input's outcome; ``report`` is None when it was not cleaned (``error`` says why)."""

    path: str
    status: Status
    report: Report | None = None
    bytes_in: int | None = None  # the size, when it is known
    bytes_out: int | None = None
    duration_ms: float = 0.0
    error: str | None = None
    sited: bool = False  # cleaned against a site index: the line lists ``site_boilerplate``
    markdown: str | None = None  # not in the report line
    data: bytes | None = None  # standard input's bytes, for --check and --diff; not reported

    @property
    def removed(self) -> int:
        """Blocks removed: dedup's and the site's boilerplate (the summary counts both)."""
        if self.report is None:
            return 0
        return len(self.report.removed) + len(self.report.site_boilerplate)

    def to_json(self, *, markdown: bool = False, timed: bool = True) -> dict[str, object]:
        """The report line as JSON-ready data; ``markdown`` adds the Markdown after ``status``,
        and ``timed=False`` leaves ``duration_ms`` out (the same bytes however it was run)."""
        out: dict[str, object] = {"path": self.path, "status": self.status.value}
        if markdown:
            out["markdown"] = self.markdown
        report = None if self.report is None else self.report.to_dict()
        if report is None:
            out |= {"encoding": None, "bytes_in": self.bytes_in, "bytes_out": None}
            out |= {**dict.fromkeys(_COUNTS), "warnings": None}
        else:
            out |= {"encoding": report["encoding"], "bytes_in": self.bytes_in}
            out |= {"bytes_out": self.bytes_out, **{key: report[key] for key in _COUNTS}}
            # lists, as JSON would give them back
            out |= {name: list(report[name]) for name in ("removed", "similar_kept", "warnings")}
        if timed:
            out["duration_ms"] = self.duration_ms
        out |= {"error": self.error, "version": __version__}
        if self.sited and report is not None:
            out["site_boilerplate"] = list(report["site_boilerplate"])
        return out


def clean_file(
    path: str, options: Options, max_bytes: int | None = None, index: SiteIndex | None = None
) -> InputRecord:
    """Read ``path`` in the worker and clean it; an unreadable file is an error record. With
    ``index``, its folder's site boilerplate goes first.

    Past ``max_bytes`` it stops reading and skips the file: the size checked when the files
    were listed does not bound a file that grew since, nor a pipe (which has no size).
    """
    from articlefix.streams import open_input

    start = time.perf_counter()
    try:  # a .gz, .bz2, .xz or .zst file is read through its decompressor
        with open_input(path) as file:
            data = file.read() if max_bytes is None else _read_at_most(file, max_bytes + 1)
    except Exception as exc:  # OSError, or a codec's own error on a corrupt stream
        return not_cleaned(path, Status.ERROR, cause(exc), None, _since(start))
    if max_bytes is not None and len(data) > max_bytes:
        message = OVER_LIMIT.format(max_bytes)
        return not_cleaned(path, Status.SKIPPED, message, None, _since(start))
    site = None
    if index is not None:
        from articlefix.filesites import site_of_file

        site = index.get(site_of_file(path))
    return clean_input(path, data, options, start=start, site=site)


def _read_at_most(file: BinaryIO, limit: int) -> bytes:
    """The file's bytes, ``limit`` at most. ``read(limit)`` would allocate ``limit`` bytes up
    front (64 MiB for a 17 KB article, four times the time of the read): the file's size, when
    it has one, bounds the first read, and only a file that grew, or a pipe, reads on."""
    known = os.fstat(file.fileno()).st_size
    data = file.read(min(known + 1, limit))
    if len(data) <= known:  # the end came within the known size
        return data
    return data + file.read(limit - len(data))


def clean_input(
    path: str,
    data: str | bytes,
    options: Options | None = None,
    *,
    start: float | None = None,
    site: Site | None = None,
) -> InputRecord:
    """The record of one input's bytes (or text: a JSON record's field, cleaned as
    ``clean(text)`` cleans it); with ``site``, its blocks removed as that site's boilerplate
    are reported too.

    Markdown files are read as Markdown under ``input_format="auto"``, as the CLI does, so a
    cluster run writes the same bytes as a local one.
    """
    from articlefix.pipeline import clean

    start = time.perf_counter() if start is None else start
    options = for_file(options or Options(), path)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    try:
        result = clean(data, options, site=site)
    except ArticlefixError as exc:
        return not_cleaned(path, Status.ERROR, cause(exc), size, _since(start))
    except Exception as exc:  # a bug must cost one record, not the whole distributed batch
        message = "internal error: " + repr(exc).splitlines()[0]
        return not_cleaned(path, Status.ERROR, message, size, _since(start))
    out = result.markdown.encode("utf-8")
    same = out == data if isinstance(data, bytes) else result.markdown == data
    status = Status.UNCHANGED if same else Status.CHANGED
    return InputRecord(path, status, result.report, size, len(out), _since(start), None,
                       site is not None, result.markdown)  # fmt: skip


def not_cleaned(
    path: str, status: Status, message: str, size: int | None, duration_ms: float = 0.0
) -> InputRecord:
    """The record of an input that was not cleaned (``error`` or ``skipped``): the cause in
    ``error``, the counts null in its report line."""
    return InputRecord(path, status, None, size, None, duration_ms, message)


def _since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)
