"""The command's records mode: the file-mode flags it refuses, and its run.

Kept apart from cli.py so the file-mode command stays as it was; cli.py hands over when
:func:`articlefix.usage.records_mode` says so (and loads this module only then).
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


def refuse_file_flags(given: dict[str, object]) -> None:
    """A file-mode flag with records is a usage error, not silently ignored."""
    for name in FILE_ONLY:
        if given.get(name):
            flag = "--" + name.replace("_", "-")
            raise click.UsageError(f"{flag} cannot be used with JSON Lines records")


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
    from articlefix.errors import SchedulerUnreachable
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
