"""The command's records options: when records mode applies, and which flags it refuses.

Kept apart from cli.py so the file-mode command stays as it was; cli.py hands over when
:func:`wants_records` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import click

if TYPE_CHECKING:
    from articlefix.options import Options

#: File-mode flags that make no sense for records (each record carries its own report).
FILE_ONLY = ("in_place", "check", "diff", "output_dir", "report", "skip_existing", "explain",
             "stdin_filename")  # fmt: skip


class RecordFlags(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """The records options as given on the command line."""

    jsonl: bool = False
    text_field: str = "text"
    site_field: str | None = None
    site_boilerplate: bool = False
    output: str | None = None


def wants_records(paths: Sequence[str], flags: RecordFlags) -> bool:
    """Records mode: ``--jsonl``, or every named file is ``.jsonl``/``.ndjson`` (compressed or
    not). A mix of record files and text files is a usage error: one output cannot be both."""
    from articlefix.streams import is_records

    named = [path for path in paths if path != "-"]
    records = [path for path in named if is_records(path)]
    if flags.jsonl or (records and len(records) == len(named)):
        return True
    if records:
        raise click.UsageError(
            f"{records[0]} holds JSON Lines records and {_first_other(named, records)} does "
            "not: clean them in separate runs (or pass --jsonl to read all as records)"
        )
    for name, on in (("--output", flags.output), ("--site-field", flags.site_field)):
        if on:
            raise click.UsageError(f"{name} is for JSON Lines records (--jsonl)")
    return False


def refuse_file_flags(given: dict[str, object]) -> None:
    """A file-mode flag with records is a usage error, not silently ignored."""
    for name in FILE_ONLY:
        if given.get(name):
            flag = "--" + name.replace("_", "-")
            raise click.UsageError(f"{flag} cannot be used with JSON Lines records")


def _first_other(named: list[str], records: list[str]) -> str:
    return next(path for path in named if path not in records)


def run_records_cli(
    paths: Sequence[str],
    flags: RecordFlags,
    options: Options,
    *,
    jobs: int,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
    scheduler: str | None,
) -> int:
    """Records mode's exit status for the command's settings."""
    from articlefix.dask import SchedulerUnreachable
    from articlefix.recordbatch import RecordRun, run_records
    from articlefix.records import RecordJob

    job = RecordJob(options, flags.text_field, flags.site_field, max_bytes)
    run = RecordRun(job, jobs, flags.output, flags.site_boilerplate, quiet, verbose, scheduler)
    try:
        return run_records(list(paths), run)
    except SchedulerUnreachable as exc:
        click.echo(f"articlefix: {exc}", err=True)
        return 2
    except KeyboardInterrupt as exc:  # --output is left as it was: its temp file goes
        from articlefix.stopping import exit_status

        return exit_status(exc)
