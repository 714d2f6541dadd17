"""Where a batch's results go besides the files: the report as each input finishes, the
Markdown of several inputs on standard output, messages and the progress bar on standard
error, and which outputs a resumed run leaves alone.

The report is written line by line and flushed, not all at once: a run interrupted after 177
of 236 files leaves a valid report of the 177, which with ``--skip-existing`` resumes the run.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

from articlefix.files import STDIN, Input, shown
from articlefix.report import Status, json_line
from articlefix.stdio import write_out

if TYPE_CHECKING:
    from articlefix.inputrecord import InputRecord

#: Written between two inputs' Markdown on standard output: a thematic break, so the last
#: paragraph of one article and the first of the next never become one paragraph, and
#: ``csplit - '/^\* \* \*$/' '{*}'`` splits the stream again (articlefix escapes a paragraph
#: that starts with ``*``, so the line comes from nowhere else in text mode).
SEPARATOR = b"\n* * *\n\n"


class ReportFile:
    """The JSON Lines report: a file (truncated when opened), or standard output for ``-``."""

    def __init__(self, path: str | None) -> None:
        self._path = path
        self._file: BinaryIO | None = None

    def __enter__(self) -> ReportFile:
        if self._path is not None and self._path != STDIN:
            self._file = open(self._path, "wb")  # closed by __exit__
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._file is not None:
            self._file.close()

    def write(self, record: InputRecord) -> None:
        """One line per input, on disk (or down the pipe) before the next input is taken."""
        if self._path == STDIN:
            write_out(json_line(record.to_json()))
        elif self._file is not None:
            self._file.write(json_line(record.to_json()))
            self._file.flush()


class MarkdownOut:
    """Standard output for the Markdown of one or several inputs, :data:`SEPARATOR` between."""

    def __init__(self) -> None:
        self._written = False

    def write(self, markdown: str) -> None:
        """To its last byte, or :class:`~articlefix.stdio.OutputFailed` stops the run."""
        write_out(SEPARATOR * self._written + markdown.encode("utf-8"))
        self._written = True


def skip_existing(inputs: list[Input]) -> list[Input]:
    """Inputs whose output file is already there are left alone (a resumed ``-o`` run):
    outputs are written atomically, so one that exists is complete."""
    return [
        Input(
            item.path, item.output, Status.EXISTING, "output exists, left alone (--skip-existing)"
        )
        if item.problem is None and item.output is not None and os.path.lexists(item.output)
        else item
        for item in inputs
    ]


class Tally:
    """Counts for the summary line and the exit status; a plain class, since defining a
    dataclass costs every start about a millisecond (its methods are compiled from source)."""

    __slots__ = ("changed", "failed", "inputs", "noun", "removed", "skipped")

    def __init__(self, noun: str) -> None:
        self.noun = noun  # "file", "record"
        self.inputs = self.changed = self.failed = self.skipped = self.removed = 0

    def add(self, status: Status, removed: int) -> None:
        """One input; ``removed`` counts its dedup removals and its site boilerplate."""
        self.inputs += 1
        self.changed += status is Status.CHANGED
        self.failed += status is Status.ERROR
        self.skipped += status is Status.SKIPPED
        self.removed += removed

    def summary(self, seconds: float) -> str:
        from articlefix.explain import plural  # one input prints no summary: loaded only here

        return (
            f"articlefix: {plural(self.inputs, self.noun)}, {self.changed} changed, "
            f"{plural(self.failed, 'error')}, {self.skipped} skipped, "
            f"{plural(self.removed, 'block')} removed, {seconds:.2f} s"
        )


class Progress:
    """A rich bar on an interactive stderr; plain lines otherwise.

    rich is imported only when the bar is shown, so pre-commit and pipelines never pay for it
    and never get a stray "100%" line (a disabled bar is never created).
    """

    def __init__(self, total: int, *, show: bool) -> None:
        self._total, self._show = total, show
        self._bar: Any = None

    def __enter__(self) -> Progress:
        if self._show:
            from rich.console import Console
            from rich.progress import Progress

            # stdout carries Markdown or diffs: rich must not redirect it above the bar.
            console = Console(stderr=True)
            self._bar = Progress(console=console, transient=True, redirect_stdout=False)
            self._bar.start()
            self._task = self._bar.add_task("cleaning", total=self._total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def say(self, line: str, *, safe: bool = False) -> None:
        line = line if safe else shown(line)  # ``safe``: the caller has made it safe to show
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
