"""Run articlefix over many files on a Dask cluster: one plain, picklable record per file.

    >>> from dask.distributed import Client
    >>> from articlefix.dask import clean_paths
    >>> client = Client("tcp://scheduler:8786")            # doctest: +SKIP
    >>> records = clean_paths(paths).compute()             # doctest: +SKIP

The workers read the files themselves, so the paths must be visible to every worker (a shared
or network file system); only the path goes out and only the record comes back. A bad file
becomes a record with ``status`` ``error``, never an exception, so one file cannot fail a
batch of thousands. The record is a plain dict (JSON-ready), so any engine can carry it: Spark
can map :func:`clean_record` over ``binaryFiles`` directly.

dask is imported only by :func:`clean_paths`, so importing this module costs nothing else.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from articlefix._version import __version__
from articlefix.errors import ArticlefixError
from articlefix.files import cause
from articlefix.options import Options, for_file

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

    from articlefix.crawl import SiteIndex
    from articlefix.sites import Site

#: Files per Dask task: an article takes about 10 ms, so this keeps the scheduler's ~1 ms per
#: task overhead small while still spreading a few hundred files over every worker.
PARTITION_SIZE = 16
#: Why an input that was read past ``max_bytes`` (a file that grew, a pipe) was skipped.
OVER_LIMIT = "larger than --max-bytes (over {} bytes when read), not cleaned"


def clean_paths(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    partition_size: int = PARTITION_SIZE,
    max_bytes: int | None = None,
    index: SiteIndex | None = None,
) -> dask.bag.Bag:
    """A lazy bag of one record per path, in input order (see :func:`clean_record`).

    ``.compute()`` runs it on the current Dask client (or the local scheduler);
    ``.map(json.dumps).to_textfiles(...)`` writes a JSON Lines report from the workers.
    """
    import dask.bag as db

    names = [os.fspath(path) for path in paths]
    bag = db.from_sequence(names, partition_size=partition_size)  # type: ignore[no-untyped-call]
    return cast("db.Bag", bag.map(clean_file, options or Options(), max_bytes, index))


class SchedulerUnreachable(ArticlefixError):
    """The ``--scheduler`` address cannot be reached: one line for the whole run (exit 2),
    not one error per input."""


def connect(address: str) -> Client:
    """A client of the Dask scheduler at ``address``, made the default for computations."""
    from distributed import Client

    try:
        return Client(address, timeout=10)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:  # unreachable, or a bad address
        message = f"cannot reach the Dask scheduler at {address}: {cause(exc)}"
        raise SchedulerUnreachable(message) from None


def clean_file(
    path: str, options: Options, max_bytes: int | None = None, index: SiteIndex | None = None
) -> dict[str, Any]:
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
        return _error(path, None, cause(exc), start)
    if max_bytes is not None and len(data) > max_bytes:
        return problem_record(path, "skipped", OVER_LIMIT.format(max_bytes), None, _since(start))
    site = None
    if index is not None:
        from articlefix.filesites import site_of_file

        site = index.get(site_of_file(path))
    return clean_record(path, data, options, start=start, site=site)


def _read_at_most(file: BinaryIO, limit: int) -> bytes:
    """The file's bytes, ``limit`` at most. ``read(limit)`` would allocate ``limit`` bytes up
    front (64 MiB for a 17 KB article, four times the time of the read): the file's size, when
    it has one, bounds the first read, and only a file that grew, or a pipe, reads on."""
    known = os.fstat(file.fileno()).st_size
    data = file.read(min(known + 1, limit))
    if len(data) <= known:  # the end came within the known size
        return data
    return data + file.read(limit - len(data))


def clean_record(
    path: str,
    data: str | bytes,
    options: Options | None = None,
    *,
    start: float | None = None,
    site: Site | None = None,
) -> dict[str, Any]:
    """The record for one input: what a JSON Lines report line holds, plus the Markdown.

    Markdown files are read as Markdown under ``input_format="auto"``, as the CLI does, so a
    cluster run writes the same bytes as a local one. ``data`` may be text (a JSON record's
    field), cleaned as ``clean(text)`` cleans it; with ``site``, the record also lists the
    blocks removed as that site's boilerplate.
    """
    from articlefix.pipeline import clean

    start = time.perf_counter() if start is None else start
    options = for_file(options or Options(), path)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    try:
        result = clean(data, options, site=site)
    except ArticlefixError as exc:
        return _error(path, size, cause(exc), start)
    except Exception as exc:  # a bug must cost one record, not the whole distributed batch
        return _error(path, size, "internal error: " + repr(exc).splitlines()[0], start)
    out = result.markdown.encode("utf-8")
    report = result.report.to_dict()
    same = out == data if isinstance(data, bytes) else result.markdown == data
    record = {
        "path": path,
        "status": "unchanged" if same else "changed",
        "markdown": result.markdown,
        "encoding": report["encoding"],
        "bytes_in": size,
        "bytes_out": len(out),
        **{key: report[key] for key in _COUNTS},
        "removed": list(report["removed"]),  # lists, as JSON would give them back
        "similar_kept": list(report["similar_kept"]),
        "warnings": list(report["warnings"]),  # hidden characters, bytes read by a guess
        "duration_ms": _since(start),
        "error": None,
        "version": __version__,
    }
    if site is not None:
        record["site_boilerplate"] = list(report["site_boilerplate"])
    return record


_COUNTS = ("blocks_in", "blocks_out", "removed", "similar_kept", "headings", "quotes")


def problem_record(
    path: str, status: str, message: str, size: int | None, duration_ms: float = 0.0
) -> dict[str, Any]:
    """The record of an input that was not cleaned (``error`` or ``skipped``): the same keys as
    a cleaned one, the counts null, the cause in ``error``."""
    return {
        "path": path,
        "status": status,
        "markdown": None,
        "encoding": None,
        "bytes_in": size,
        "bytes_out": None,
        **dict.fromkeys(_COUNTS),
        "warnings": None,
        "duration_ms": duration_ms,
        "error": message,
        "version": __version__,
    }


def _error(path: str, size: int | None, message: str, start: float) -> dict[str, Any]:
    return problem_record(path, "error", message, size, _since(start))


def _since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)
