"""JSON Lines records, and site boilerplate, on a Dask cluster: the same bytes as a serial run.

    >>> from articlefix.daskrecords import record_lines, site_index, clean_records
    >>> lines = record_lines(["crawl-00.jsonl.gz", "crawl-01.jsonl.gz"])   # doctest: +SKIP
    >>> index = site_index(lines, job)                   # one reduction   # doctest: +SKIP
    >>> clean_records(lines, job, index).to_textfiles("out/*.jsonl.gz")    # doctest: +SKIP

``dask.bag.read_text`` reads the files on the workers (decompressed by suffix; plain files in
``blocksize`` pieces, compressed ones whole, as their codecs cannot seek). Partitions keep
input order, and each record's line number is its partition's first line plus its place,
from one cheap counting pass, so the output lines are those of ``articlefix --jsonl``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial, reduce
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from zlib import crc32

from articlefix.crawl import SiteIndex
from articlefix.records import Outcome, RecordJob, clean_lines, count_lines
from articlefix.siteindex import Counts, Site
from articlefix.streams import compression

if TYPE_CHECKING:
    import dask.bag

#: Tasks the sites are finished in: a few per worker of a small cluster, so that none waits
#: on one large group.
FINISH_GROUPS = 16
#: Bytes per partition of a plain JSON Lines file: about 3,000 news records, a few seconds of
#: work per task, against the scheduler's ~1 ms per task.
BLOCKSIZE = 64 * 1024 * 1024


class _Start(NamedTuple):
    """Where a partition starts: its file and the number of its first line."""

    path: str
    line: int


def record_lines(paths: Sequence[str], *, blocksize: int = BLOCKSIZE) -> dask.bag.Bag:
    """A bag of ``(line, path)`` for the files' lines, in order: a plain file in pieces of
    ``blocksize`` bytes, a compressed one whole."""
    import dask.bag as db

    bags = [
        db.read_text(  # type: ignore[no-untyped-call]
            path, blocksize=None if compression(path) else blocksize, compression="infer",
            include_path=True, errors="surrogateescape",
        )  # a line that is not UTF-8 reaches clean_line as its bytes: an error record
        for path in paths
    ]  # fmt: skip
    return cast("db.Bag", db.concat(bags))  # type: ignore[no-untyped-call]


def site_index(lines: dask.bag.Bag, job: RecordJob) -> SiteIndex:
    """The site index over every record: one reduction on the cluster (partial counts
    per partition, merged in a tree), then the sites finished on the workers, in
    FINISH_GROUPS groups side by side (a site's finish is about 0.2 ms a page)."""
    import dask

    per_part = partial(_partial_counts, job=job)
    total = lines.reduction(per_part, _merged).to_delayed()  # type: ignore[no-untyped-call]
    finish = dask.delayed(_finished_group)  # type: ignore[attr-defined]
    groups = [finish(total, k) for k in range(FINISH_GROUPS)]
    done = dask.compute(*groups)  # type: ignore[attr-defined,no-untyped-call]
    return SiteIndex({name: site for group in done for name, site in group.items()})


def clean_records(
    lines: dask.bag.Bag, job: RecordJob, index: SiteIndex | None = None
) -> dask.bag.Bag:
    """A bag of the output lines (without their newline), in input order."""
    return cast("dask.bag.Bag", outcomes(lines, job, index).map(_text))  # type: ignore[no-untyped-call]


def outcomes(lines: dask.bag.Bag, job: RecordJob, index: SiteIndex | None = None) -> dask.bag.Bag:
    """A bag of :class:`articlefix.records.Outcome` (output line, status), in input order."""
    import dask
    import dask.bag as db

    sizes = lines.map_partitions(_size).compute()  # type: ignore[no-untyped-call]
    starts, seen = [], dict[str, int]()
    for path, count in sizes:
        starts.append(_Start(path, seen.get(path, 0) + 1))
        seen[path] = seen.get(path, 0) + count
    where = db.from_sequence(starts, partition_size=1)  # type: ignore[no-untyped-call]
    shared = dask.delayed(index)  # type: ignore[attr-defined]  # one copy in the graph
    work = partial(_clean_partition, job=job)
    return cast("db.Bag", db.map_partitions(work, lines, where, index=shared))  # type: ignore[no-untyped-call]


def _size(part: Iterable[tuple[str, str]]) -> list[tuple[str, int]]:
    items = list(part)
    return [(items[0][1] if items else "", len(items))]


def _clean_partition(
    part: Iterable[tuple[str, str]], where: Sequence[_Start], job: RecordJob, index: Any
) -> list[Outcome]:
    (start,) = where
    lines = [line.encode("utf-8", "surrogateescape") for line, _ in part]
    return clean_lines(job, start.path, start.line, lines, index)


def _text(outcome: Outcome) -> str:
    return outcome.line.decode("utf-8").removesuffix("\n")


def _finished_group(counts: Counts, group: int) -> dict[str, Site]:
    """The sites of one group (a stable hash of the name: the same in every process)."""
    from articlefix.sitefinish import finished

    return {
        name: finished(sketches)
        for name, sketches in counts.sketches.items()
        if crc32(name.encode("utf-8", "surrogatepass")) % FINISH_GROUPS == group
    }


def _partial_counts(part: Iterable[tuple[str, str]], job: RecordJob) -> Counts:
    return count_lines(job, (line.encode("utf-8", "surrogateescape") for line, _ in part))


def _merged(parts: Iterable[Counts]) -> Counts:
    return reduce(Counts.merge, parts, Counts())


def outcomes_on_cluster(
    paths: Sequence[str], job: RecordJob, *, sites: bool, address: str
) -> Iterator[list[Outcome]]:
    """The records of ``paths`` cleaned on the cluster at ``address``, fetched a partition at a
    time in input order (the others wait on the workers)."""
    from articlefix.dask import connect

    with connect(address) as client:
        lines = record_lines(paths)
        index = site_index(lines, job) if sites else None
        parts = outcomes(lines, job, index).to_delayed()  # type: ignore[no-untyped-call]
        for future in client.compute(parts):
            yield future.result()
            future.release()
