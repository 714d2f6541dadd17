"""Which of the command's flags go together: a combination that makes no sense is a usage
error (exit 2) with one line saying why, before any file is read; and whether the inputs are
JSON Lines records (records mode refuses some more flags: recordcli.py).

cli.py declares the flags and hands over to the batch; the rules between them live here, and
so does ``--explain``'s writer, which the batch is given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

import click

from articlefix.batch import COMPARING
from articlefix.files import STDIN, Input
from articlefix.streams import compression, is_records

if TYPE_CHECKING:
    from articlefix.batch import Mode
    from articlefix.explain import Explainer
    from articlefix.formats import InputFormat


class Flags(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """Every option of ``articlefix`` by its parameter name (``--config`` is read before):
    as one value, the command's function stays short and the checks here read named fields."""

    paths: tuple[str, ...]
    in_place: bool
    check: bool
    diff: bool
    output_dir: str | None
    report: str | None
    skip_existing: bool
    jobs: int | None
    include: tuple[str, ...]
    max_bytes: int
    format: InputFormat
    tags: bool
    mojibake_repair: bool
    explain: bool
    explain_json: bool
    scheduler: str | None
    review: str | None
    stdin_filename: str | None
    quiet: bool
    verbose: bool
    jsonl: bool
    text_field: str
    site_boilerplate: bool
    site_field: str | None
    output: str | None


def chosen_mode(flags: Flags) -> Mode:
    """The one thing to do with results; two at once make no sense."""
    modes = (("in-place", flags.in_place), ("check", flags.check), ("diff", flags.diff),
             ("output-dir", flags.output_dir is not None))  # fmt: skip
    chosen = [name for name, on in modes if on]
    if len(chosen) > 1:
        raise click.UsageError(f"--{chosen[0]} and --{chosen[1]} cannot be used together")
    return cast("Mode", chosen[0] if chosen else "stdout")


def inputs_named(paths: tuple[str, ...], mode: Mode) -> tuple[str, ...]:
    """The paths to read: none means standard input, unless it is a terminal (the user forgot
    the file); standard input has no file to write back to or beside."""
    if not paths:
        if sys.stdin is not None and sys.stdin.isatty():
            raise click.UsageError("no input: name a FILE, or pipe text in and use '-'")
        paths = (STDIN,)
    if STDIN in paths and mode not in ("stdout", "check", "diff"):
        raise click.UsageError(f"'-' (standard input) cannot be used with --{mode}")
    return paths


def check_flags(mode: Mode, flags: Flags) -> None:
    """Flags that contradict each other or the mode, or need what is not installed."""
    if flags.quiet and flags.verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    if flags.skip_existing and mode != "output-dir":
        raise click.UsageError("--skip-existing needs --output-dir")
    if flags.report == STDIN and mode in ("stdout", "diff"):
        what = "Markdown" if mode == "stdout" else "the diff"
        raise click.UsageError(f"--report - needs standard output, which {what} takes here")
    if flags.scheduler:
        _need_dask()


def records_mode(flags: Flags) -> bool:
    """Records mode: ``--jsonl``, or every named file is ``.jsonl``/``.ndjson`` (compressed or
    not). A mix of record files and text files is a usage error: one output cannot be both;
    so are the records options without records."""
    named = [path for path in flags.paths if path != STDIN]
    records = [path for path in named if is_records(path)]
    if flags.jsonl or (records and len(records) == len(named)):
        return True
    if records:
        other = next(path for path in named if path not in records)
        raise click.UsageError(
            f"{records[0]} holds JSON Lines records and {other} does not: clean them in "
            "separate runs (or pass --jsonl to read all as records)"
        )
    for name, on in (("--output", flags.output), ("--site-field", flags.site_field)):
        if on:
            raise click.UsageError(f"{name} is for JSON Lines records (--jsonl)")
    return False


def check_rewritable(paths: Sequence[str], mode: Mode) -> None:
    """A compressed file is read through its decompressor, but never rewritten."""
    if mode in COMPARING and (packed := next(filter(compression, paths), None)):
        raise click.UsageError(f"--{mode} cannot rewrite a compressed file ({packed})")


def check_report(report: str | None, inputs: Sequence[Input]) -> None:
    """``--report`` must not overwrite an input or an output (a forgotten report name takes
    the first article's path)."""
    if report is None or report == STDIN:
        return
    real = os.path.realpath(report)
    for item in inputs:
        if item.path != STDIN and os.path.realpath(item.path) == real:
            raise click.UsageError(f"--report {report} is also an input")
        if item.output is not None and os.path.realpath(item.output) == real:
            raise click.UsageError(f"--report {report} is also the output of {item.path}")


def _need_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise click.UsageError(
            "--scheduler needs Dask: python -m pip install 'articlefix[dask]'"
        ) from None


def exit_status_of(work: Callable[[], int]) -> int:
    """A run's exit status, also when it stops early: an unreachable scheduler is one line
    and 2; Ctrl-C (or stopping.Stopped for SIGTERM and SIGHUP) its signal's status."""
    from articlefix.errors import SchedulerUnreachable

    try:
        return work()
    except SchedulerUnreachable as exc:
        click.echo(f"articlefix: {exc}", err=True)
        return 2
    except KeyboardInterrupt as exc:
        from articlefix.stopping import exit_status

        return exit_status(exc)


def explainer(*, explain: bool, json: bool) -> Explainer | None:
    """``--explain``'s writer (``--explain=json``: JSON Lines), sized to standard error's
    terminal; None without the flag, and explain.py loads only with it."""
    if not (explain or json):
        return None
    from articlefix.explain import Explainer, terminal_width

    return Explainer("json" if json else "text", width=terminal_width())
