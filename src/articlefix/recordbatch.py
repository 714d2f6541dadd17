"""Records mode: JSON Lines files in, one JSON Lines stream out, in input order.

Files are read as streams (decompressed by suffix) in chunks of ``CHUNK`` lines; with ``-j N``
the chunks go to worker processes that may die (``pool.py``: a bounded window of chunks out at
a time, so memory stays flat however many records a file holds), and chunks are written in the
order they were read. With site
boilerplate the inputs are read twice: once to count (a reduction over chunks) for the index,
then to clean the records against it; standard input is spooled to a temporary file for that.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO, NamedTuple, TypeVar

from articlefix.atomic import atomic_output
from articlefix.crawl import SiteIndex
from articlefix.files import STDIN, cause, shown
from articlefix.outputs import Tally
from articlefix.records import Outcome, RecordJob, clean_lines, count_lines, lost_lines
from articlefix.siteindex import Counts, Site
from articlefix.stdio import OutputFailed, ended_by, write_out
from articlefix.streams import compressed_output, open_input

#: Lines per task: a news record is 5-30 KB, so a chunk is about a megabyte, which makes the
#: pool's per-task cost (~0.1 ms) vanish against ~2 ms of cleaning per record.
CHUNK = 64
T = TypeVar("T")
Item = TypeVar("Item")  # what a worker is given: a chunk, or a site's name


@dataclass(frozen=True, slots=True)
class RecordRun:
    """How to run records mode; the CLI builds it from flags."""

    job: RecordJob
    jobs: int = 1
    output: str | None = None  # None: standard output
    sites: bool = False
    quiet: bool = False
    verbose: bool = False
    scheduler: str | None = None  # a Dask scheduler's address: the records are cleaned there


class _Chunk(NamedTuple):
    """What a worker gets: lines of a file, numbered from ``first``."""

    name: str
    first: int
    lines: list[bytes]


class _Source(NamedTuple):
    """An input: where to read it, and its name in reports and messages."""

    path: str
    name: str


def run_records(names: list[str], run: RecordRun) -> int:
    """Clean every record of ``names`` to the output; the exit status (3: some not cleaned)."""
    start = time.perf_counter()
    tally = Tally("record")
    try:
        _write_records(names, run, tally)
    except OutputFailed as exc:  # what follows would land after a hole: stop, as file mode
        return ended_by(exc)
    except OSError as exc:  # the --output file: it cannot be made, or the disk is full
        print(shown(f"articlefix: {run.output}: {cause(exc)}"), file=sys.stderr)
        return 3
    if not run.quiet and (run.verbose or tally.inputs != 1):
        print(tally.summary(time.perf_counter() - start), file=sys.stderr)
    return 3 if tally.failed or tally.skipped else 0


def _write_records(names: list[str], run: RecordRun, tally: Tally) -> None:
    """Every outcome to the output, a chunk at a time, its errors told as they come."""
    with ExitStack() as stack:
        write = stack.enter_context(_output(run.output))
        batches = (
            _on_cluster(names, run, tally) if run.scheduler else _here(names, run, tally, stack)
        )
        for outcomes in batches:
            write(b"".join(outcome.line for outcome in outcomes))
            for outcome in outcomes:
                tally.add(outcome.status, outcome.removed)
                if outcome.error is not None:
                    where = _named(outcome.source)
                    print(shown(f"articlefix: {where}: {outcome.error}"), file=sys.stderr)


def _here(
    names: list[str], run: RecordRun, tally: Tally, stack: ExitStack
) -> Iterator[list[Outcome]]:
    """The outcomes of every input, a chunk at a time: in this process or a local pool."""
    sources = [_Source(name, name) for name in names]
    index = None
    if run.sites:
        sources = [_Source(_spooled(stack), STDIN) if s.path == STDIN else s for s in sources]
        index = _index(sources, run, tally)
    with _Pool(run.jobs, run.job, index) as pool:
        for source in sources:
            yield from _each_chunk(source, pool, _clean_chunk, _lost_outcomes, tally)


def _on_cluster(names: list[str], run: RecordRun, tally: Tally) -> Iterator[list[Outcome]]:
    """The outcomes cleaned on a Dask cluster; an input it cannot read is one error line."""
    from articlefix.daskrecords import outcomes_on_cluster
    from articlefix.errors import SchedulerUnreachable

    try:
        yield from outcomes_on_cluster(names, run.job, sites=run.sites, address=run.scheduler or "")
    except SchedulerUnreachable:
        raise
    except Exception as exc:  # a missing file, a corrupt stream: read on the workers
        print(shown(f"articlefix: {cause(exc)}"), file=sys.stderr)
        tally.failed += 1


def _index(sources: list[_Source], run: RecordRun, tally: Tally) -> SiteIndex:
    """The site index, a reduction over the chunks of every input, each site then finished
    by the workers; errors are told when the records are cleaned."""
    total = Counts()
    with _Pool(run.jobs, run.job, None) as pool:
        for source in sources:
            for counts in _each_chunk(source, pool, _count_chunk, _lost_counts, tally, quiet=True):
                total.merge(counts)
    names = list(total.sketches)
    with _Pool(run.jobs, run.job, total) as pool:  # the workers inherit the counts
        sites = pool.map(_finish_site, iter(names), _finish_here)
        return SiteIndex(dict(zip(names, sites, strict=True)))


def _each_chunk(
    source: _Source,
    pool: _Pool,
    work: Callable[[_Chunk], T],
    lost: Callable[[_Chunk, str], T],
    tally: Tally,
    *,
    quiet: bool = False,
) -> Iterator[T]:
    """``work`` of each chunk of ``source``, in order; a file that fails to open or decompress
    is one error line (once: when cleaning, not when counting) and the rest of it is left."""
    try:
        with open_input(source.path) as stream:
            yield from pool.map(work, _chunks(source.name, stream), lost)
    except Exception as exc:  # OSError, EOFError and the codecs' own (lzma, zstd) errors
        if not quiet:
            print(shown(f"articlefix: {_named(source.name)}: {cause(exc)}"), file=sys.stderr)
            tally.failed += 1


def _named(name: str) -> str:
    return "<stdin>" if name == STDIN else name


def _chunks(name: str, stream: BinaryIO) -> Iterator[_Chunk]:
    lines: list[bytes] = []
    first = 1
    for number, line in enumerate(stream, 1):
        if not lines:
            first = number
        lines.append(line)
        if len(lines) == CHUNK:
            yield _Chunk(name, first, lines)
            lines = []
    if lines:
        yield _Chunk(name, first, lines)


# The settings and index of this worker process, set once by the pool's initializer (or by
# _Pool for an in-process run) so that a chunk carries only its lines.
_WORKER: list[object] = [RecordJob(), None]


def _clean_chunk(chunk: _Chunk) -> list[Outcome]:
    job, index = _WORKER
    assert isinstance(job, RecordJob) and (index is None or isinstance(index, SiteIndex))
    return clean_lines(job, chunk.name, chunk.first, chunk.lines, index)


def _count_chunk(chunk: _Chunk) -> Counts:
    job, _ = _WORKER
    assert isinstance(job, RecordJob)
    return count_lines(job, chunk.lines)


def _finish_site(name: str) -> Site:
    from articlefix.sitefinish import finished

    _, counts = _WORKER
    assert isinstance(counts, Counts)
    return finished(counts.sketches[name])


def _finish_here(name: str, why: str) -> Site:
    """A site whose worker died is finished here: the index is the same."""
    return _finish_site(name)


def _set_worker(job: RecordJob, state: object) -> None:
    _WORKER[:] = [job, state]


class _Pool:
    """Chunks mapped in order: in-process for one job, else worker processes that may die
    (``pool.py``) with a bounded number of chunks out at a time."""

    def __init__(self, jobs: int, job: RecordJob, state: object) -> None:
        self._jobs, self._job, self._state = jobs, job, state

    def __enter__(self) -> _Pool:
        _set_worker(self._job, self._state)
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(
        self,
        work: Callable[[Item], T],
        chunks: Iterator[Item],
        lost: Callable[[Item, str], T],
    ) -> Iterator[T]:
        if self._jobs <= 1:
            yield from map(work, chunks)
            return
        import articlefix.pipeline  # noqa: F401 - loaded once, before the workers fork
        from articlefix.pool import imap

        work = partial(_in_worker, work, self._job, self._state)
        results = imap(work, chunks, self._jobs, lost, ahead=1)  # a chunk: about a megabyte
        try:
            yield from results
        finally:
            results.close()


def _in_worker(work: Callable[[Item], T], job: RecordJob, state: object, chunk: Item) -> T:
    _set_worker(job, state)
    return work(chunk)


def _lost_outcomes(chunk: _Chunk, why: str) -> list[Outcome]:
    return lost_lines(chunk.name, chunk.first, chunk.lines, why)


def _lost_counts(chunk: _Chunk, why: str) -> Counts:
    """A counting chunk whose worker died counts for nothing; cleaning it will say why."""
    return Counts()


@contextmanager
def _output(path: str | None) -> Iterator[Callable[[bytes], object]]:
    """How to write: to standard output to its last byte (``stdio.write_out``), or to ``path``
    written atomically, compressed as its suffix says."""
    if path is None or path == STDIN:
        yield write_out
        return
    with atomic_output(path) as file, compressed_output(file, path) as out:
        yield out.write


def _spooled(stack: ExitStack) -> str:
    """Standard input copied to a temporary file, which site boilerplate reads twice."""
    import shutil
    import tempfile

    spool = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".jsonl"))  # noqa: SIM115
    shutil.copyfileobj(sys.stdin.buffer, spool)
    spool.flush()
    return spool.name
