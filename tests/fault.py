"""``python fault.py MOMENT N SIGNAL [ARGS...]``: articlefix with a signal at a chosen moment.

The fault tests run this instead of sleeping a random time before a kill: the signal comes
exactly at the ``N``-th (1-based) occurrence of ``MOMENT``, so every run of a test does the same:

- ``synced``: a file's temp file is written, about to be fsynced (in the parent);
- ``renaming``: the temp file is synced, about to be renamed over the file;
- ``renamed``: the file was just replaced;
- ``cleaning:NAME``: a worker starts cleaning the file named NAME (``N`` is ignored);
- ``record:TEXT``: a worker starts cleaning a chunk of records that holds TEXT (likewise).

``SIGNAL`` is a name such as ``SIGKILL``; ``group:`` before it sends it to the whole process
group (the command and its workers, as a terminal or the OOM-killing of a cgroup would),
otherwise to the one process where the moment happens.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import articlefix.batch
import articlefix.recordbatch
from articlefix.cli import main
from articlefix.inputrecord import InputRecord, clean_file
from articlefix.records import clean_lines

#: For ``cleaning:``: the file name, the group flag and the signal (module-level, so that a
#: pool that pickles its function finds it by name).
WANTED: list[str] = []


def cleaning(path: str, options: Any, max_bytes: int | None = None) -> InputRecord:
    """``clean_file``, with the signal when the wanted file comes."""
    name, group, number = WANTED
    if Path(path).name == name:
        if group:
            os.killpg(os.getpgrp(), int(number))
        os.kill(os.getpid(), int(number))
    return clean_file(path, options, max_bytes)


def record_cleaning(job: Any, source: str, first: int, lines: list[bytes], index: Any) -> Any:
    """``clean_lines``, with the signal when a chunk holding the wanted text comes."""
    text, group, number = WANTED
    if any(text.encode() in line for line in lines):
        if group:
            os.killpg(os.getpgrp(), int(number))
        os.kill(os.getpid(), int(number))
    return clean_lines(job, source, first, lines, index)


def main_with_fault(moment: str, nth: int, how: str) -> None:
    group, _, name = how.rpartition(":")
    number = signal.Signals[name]
    seen = [0]

    def strike() -> None:
        if group:
            os.killpg(os.getpgrp(), number)
        else:
            os.kill(os.getpid(), number)

    def at_nth() -> None:
        seen[0] += 1
        if seen[0] == nth:
            strike()

    if moment == "synced":
        fsync = os.fsync

        def synced(fd: int) -> None:
            at_nth()
            fsync(fd)

        os.fsync = synced
    elif moment in ("renaming", "renamed"):
        replace = Path.replace

        def replaced(self: Path, target: Any) -> Path:
            if moment == "renaming":
                at_nth()
            done = replace(self, target)
            if moment == "renamed":
                at_nth()
            return done

        Path.replace = replaced  # type: ignore[method-assign]
    elif moment.startswith("cleaning:"):
        WANTED[:] = [moment.partition(":")[2], group, str(number)]
        articlefix.batch.clean_file = cleaning  # the workers fork with it
    elif moment.startswith("record:"):
        WANTED[:] = [moment.partition(":")[2], group, str(number)]
        articlefix.recordbatch.clean_lines = record_cleaning
    else:
        raise SystemExit(f"fault.py: unknown moment {moment!r}")
    main()


if __name__ == "__main__":
    moment, nth, how, *args = sys.argv[1:]
    sys.argv = ["articlefix", *args]
    main_with_fault(moment, int(nth), how)
