"""The command's records mode: the file-mode flags it refuses, and its run.

Kept apart from cli.py so the file-mode command stays as it was; cli.py hands over when
:func:`articlefix.usage.records_mode` says so (and loads this module only then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from articlefix.options import Options
    from articlefix.usage import Flags

#: File-mode flags that make no sense for records (each record carries its own report).
FILE_ONLY = ("in_place", "check", "diff", "output_dir", "report", "skip_existing", "explain",
             "stdin_filename")  # fmt: skip


def refuse_file_flags(flags: Flags) -> None:
    """A file-mode flag with records is a usage error, not silently ignored."""
    for name in FILE_ONLY:
        if getattr(flags, name):
            flag = "--" + name.replace("_", "-")
            raise click.UsageError(f"{flag} cannot be used with JSON Lines records")


def run_records_cli(flags: Flags, options: Options) -> int:
    """Records mode's exit status for the command's settings."""
    from articlefix.batch import default_jobs
    from articlefix.recordbatch import RecordRun, run_records
    from articlefix.records import RecordJob
    from articlefix.usage import exit_status_of

    refuse_file_flags(flags)
    job = RecordJob(options, flags.text_field, flags.site_field, flags.max_bytes)
    run = RecordRun(job, flags.jobs or default_jobs(), flags.output, flags.site_boilerplate,
                    flags.quiet, flags.verbose, flags.scheduler)  # fmt: skip
    # --output is left as it was when the run stops early: its temp file goes
    return exit_status_of(lambda: run_records(list(flags.paths), run))
