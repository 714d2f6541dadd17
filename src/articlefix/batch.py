"""Many paths -> results: the worker pool (or a Dask cluster), what each mode does with a
result, the JSON Lines report, progress and the exit status.

Workers run only the pure library function (through :func:`articlefix.inputrecord.clean_file`,
the same record a Dask or Spark job produces); every write happens here in the parent, in input
order, so the bytes out and the report are the same whatever the number of workers.

One report record per input (JSON Lines, in input order)::

    {"path": "a.txt", "status": "changed", "encoding": {"name": "utf-8", "confidence": 1.0,
     "bom": false, "mojibake_repaired": false}, "bytes_in": 5120, "bytes_out": 3900,
     "blocks_in": 40, "blocks_out": 31, "removed": [{"position": 12, "line": 12, "lines": 1,
     "text": "first words …", "repeats": 3, "repeats_line": 3, "similarity": 100.0,
     "reason": "exact repeat"}], "similar_kept": [], "headings": 2, "quotes": 1,
     "duration_ms": 8.1, "error": null, "version": "0.1.0"}

``status`` is ``changed`` or ``unchanged`` (the Markdown against the input's bytes; with
``--in-place``, ``--check`` and ``--diff``, against the file with its line endings kept), or
``error`` or ``skipped`` (over ``--max-bytes``): then ``error`` holds the one-line cause and
the counts are null (``bytes_in`` is the size when it is known).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import TYPE_CHECKING, Literal, NamedTuple

from articlefix.files import (
    STDIN,
    Input,
    cause,
    changed,
    same_newlines,
    shown,
    unified_diff,
)  # fmt: skip
from articlefix.inputrecord import OVER_LIMIT, InputRecord, clean_file, clean_input, not_cleaned
from articlefix.options import Options
from articlefix.outputs import MarkdownOut, Progress, ReportFile, Tally, skip_existing
from articlefix.report import Status
from articlefix.stdio import OutputFailed, ended_by, read_in, write_out

if TYPE_CHECKING:
    from articlefix.crawl import SiteIndex
    from articlefix.explain import Explainer

Mode = Literal["stdout", "output-dir", "in-place", "check", "diff"]
EXIT_OK, EXIT_CHANGED, EXIT_FAILED = 0, 1, 3  # 2: click's usage errors; 128 + N: stopping.py
COMPARING = ("in-place", "check", "diff")  # modes that compare the result with the file


class Batch(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """How to run a batch; the CLI builds it from flags and ``[tool.articlefix]``."""

    options: Options = Options()
    mode: Mode = "stdout"
    jobs: int = 1
    report: str | None = None  # a path: JSON Lines, one record per input
    max_bytes: int | None = None  # a file that grew past it since it was listed is skipped
    quiet: bool = False
    verbose: bool = False  # the summary line for one input too, and a line per file
    explain: Explainer | None = None  # --explain: the command's, given each cleaned input
    scheduler: str | None = None
    stdin_name: str | None = None  # --stdin-filename: rules (.md) and messages for '-'
    skip_existing: bool = False  # an output that is already there is left alone
    sites: bool = False  # --site-boilerplate: each folder's files are a site's pages
    review: str | None = None  # --review: the HTML page to write


def run(inputs: list[Input], batch: Batch) -> int:
    """Clean every input, act on each result in input order; the exit status."""
    start = time.perf_counter()
    tally = Tally("file")
    # no bar for one input: it would only flash, or stay above --explain's lines
    interactive = sys.stderr.isatty() and "PRE_COMMIT" not in os.environ
    show = interactive and not batch.quiet and len(inputs) > 1
    inputs = skip_existing(inputs) if batch.skip_existing else inputs
    todo = [item.path for item in inputs if item.problem is None and item.path != STDIN]
    out, review = MarkdownOut(), None
    if batch.review:  # its module (html, the pipeline's tracing) loads only then
        from articlefix.review import Review

        review = Review(batch.review)
    try:
        with ExitStack() as stack:
            if batch.mode in ("in-place", "output-dir") or batch.report or len(todo) > 1:
                # A kill would leave a temp file or workers behind: SIGTERM and SIGHUP stop the
                # run as Ctrl-C does. A one-file run to stdout does without importing signal.
                from articlefix.stopping import handled

                stack.enter_context(handled())
            report = stack.enter_context(ReportFile(batch.report))
            progress = stack.enter_context(Progress(len(inputs), show=show))
            results = stack.enter_context(_cleaned(todo, batch))
            for item in inputs:
                record = _next_record(item, results, batch)
                if review is not None and record.markdown is not None:  # before -i writes
                    review.add(_name(item, batch), item.path, record.data, batch.options)
                record = _act(item, record, batch, progress, out)
                tally.add(record.status, record.removed)
                report.write(record)
                progress.advance()
        if batch.mode == "output-dir" and tally.inputs > tally.failed + tally.skipped:
            from articlefix.atomic import sync_all  # as write_atomic: only for files written

            sync_all()  # the outputs were renamed into place unsynced, new files at least
    except OSError as exc:  # only the report can fail here: each file's errors are its record
        print(shown(f"articlefix: {batch.report}: {cause(exc)}"), file=sys.stderr)
        return EXIT_FAILED
    except OutputFailed as exc:  # the rest would be lost too; the report holds those before
        return ended_by(exc)
    if review is not None and not review.write():
        return EXIT_FAILED
    # One input is silent on success, as Unix filters are (``2>&1 | pbcopy`` copies the article)
    if not batch.quiet and (batch.verbose or len(inputs) > 1):
        print(tally.summary(time.perf_counter() - start), file=sys.stderr)
    return _exit_status(tally, batch.mode)


def _name(item: Input, batch: Batch) -> str:
    """How messages name an input: '' shows as such ("$FILE" with FILE unset)."""
    return {STDIN: batch.stdin_name or "<stdin>", "": "''"}.get(item.path, item.path)


def default_jobs() -> int:
    """The CPUs this process may use (fewer than the machine's under taskset or a container)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _next_record(item: Input, results: Iterator[InputRecord], batch: Batch) -> InputRecord:
    if item.problem is not None:
        return not_cleaned(item.path, item.status or Status.ERROR, item.problem, item.size)
    if item.path == STDIN:  # the bytes go along: --check and --diff compare with them
        name = batch.stdin_name or STDIN
        try:
            data = read_in(batch.max_bytes)
        except OSError as exc:
            return not_cleaned(name, Status.ERROR, cause(exc), None)
        if data is None:
            return not_cleaned(name, Status.SKIPPED, OVER_LIMIT.format(batch.max_bytes), None)
        return clean_input(name, data, batch.options)._replace(data=data)
    return next(results)


@contextmanager
def _cleaned(paths: list[str], batch: Batch) -> Iterator[Iterator[InputRecord]]:
    """Records for ``paths`` in their order: in-process, a process pool, or a Dask cluster."""
    work = partial(clean_file, options=batch.options, max_bytes=batch.max_bytes)
    index = None
    if batch.sites:
        from articlefix.filesites import files_index

        index = files_index(paths, batch.options, batch.max_bytes)
        work = partial(work, index=index)
    jobs = min(batch.jobs, len(paths))
    if batch.scheduler:
        yield iter(_on_cluster(paths, batch, index))
    elif jobs <= 1:
        yield map(work, paths)
    else:
        import articlefix.pipeline  # noqa: F401 - loaded once, before the workers fork
        from articlefix.pool import imap

        results = imap(work, paths, jobs, _lost)
        try:
            yield results
        finally:
            results.close()


def _lost(path: str, why: str) -> InputRecord:
    return not_cleaned(path, Status.ERROR, f"{why} while cleaning this file", None)


def _on_cluster(paths: list[str], batch: Batch, index: SiteIndex | None) -> list[InputRecord]:
    """Send the paths to a running ``dask-scheduler``; its workers must see the same files."""
    from articlefix.dask import clean_paths, connect

    with connect(batch.scheduler or ""):  # unreachable: SchedulerUnreachable, exit 2
        bag = clean_paths(paths, batch.options, max_bytes=batch.max_bytes, index=index, plain=False)
        return list(bag.compute())  # type: ignore[no-untyped-call]


def _act(
    item: Input, record: InputRecord, batch: Batch, progress: Progress, out: MarkdownOut
) -> InputRecord:
    """Do what the mode asks with one result; a failed read or write makes it an error."""
    name, markdown = _name(item, batch), record.markdown
    if markdown is not None:
        try:
            if item.path != STDIN and changed(item):  # written, it would undo that change
                message = "changed while being cleaned; nothing written"
                record = not_cleaned(item.path, Status.ERROR, message, record.bytes_in)
            else:
                record = _deliver(item, markdown, record, batch, progress, out)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename not in (None, item.path) else ""
            message = cause(exc) + where
            record = not_cleaned(item.path, Status.ERROR, message, record.bytes_in)
    if record.error is not None and (record.status is not Status.EXISTING or batch.verbose):
        progress.say(f"articlefix: {name}: {record.error}")
    elif batch.verbose and not batch.quiet and record.report is not None:
        from articlefix.explain import file_line  # as --explain's module: for -v only

        progress.say(f"articlefix: {name}: {file_line(record.status, record.report)}")
    if record.error is None and batch.explain is not None:
        for line in batch.explain.lines(name, record):
            progress.say(line, safe=True)
    return record


def _deliver(
    item: Input,
    markdown: str,
    record: InputRecord,
    batch: Batch,
    progress: Progress,
    out: MarkdownOut,
) -> InputRecord:
    if batch.mode == "stdout":
        out.write(markdown)
    elif batch.mode == "output-dir" and item.output is not None:
        from articlefix.atomic import write_atomic  # not for standard output: 0.15 ms a start

        write_atomic(item.output, markdown.encode("utf-8"), item.inside, sync=False)
    elif batch.mode in COMPARING:
        return _compare(item.path, markdown, record, batch, progress)
    return record


def _compare(
    path: str, markdown: str, record: InputRecord, batch: Batch, progress: Progress
) -> InputRecord:
    """In-place, check and diff: the result in the file's newline style against the file (or
    standard input's bytes, named ``--stdin-filename`` or ``-``)."""
    original = record.data
    if original is None:
        with open(path, "rb") as file:
            original = file.read()
    else:
        path = batch.stdin_name or STDIN
    new = same_newlines(markdown, original).encode("utf-8")
    changed = new != original
    if changed and batch.mode == "in-place":
        from articlefix.atomic import write_atomic

        write_atomic(path, new)
    if changed and batch.mode == "diff":
        from articlefix.decode import decode

        before = decode(original, repair=False).text
        write_out(unified_diff(path, before, new.decode("utf-8")).encode("utf-8"))
    if changed and not batch.quiet and batch.mode != "diff":
        progress.say(f"Fixing {path}" if batch.mode == "in-place" else f"would fix {path}")
    status = Status.CHANGED if changed else Status.UNCHANGED
    return record._replace(status=status, bytes_out=len(new))


def _exit_status(tally: Tally, mode: Mode) -> int:
    """3 wins over 1: a caller must learn that some inputs were not processed at all."""
    if tally.failed or tally.skipped:
        return EXIT_FAILED
    return EXIT_CHANGED if tally.changed and mode in COMPARING else EXIT_OK
