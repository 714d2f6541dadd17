"""One measurement in a fresh interpreter: ``python measure.py TOOL FILE REPEAT`` -> one JSON line.

Each run gets its own process so that its peak resident memory is its own (``VmHWM``, which
starts afresh at exec, unlike ``ru_maxrss``, which a child inherits from its parent); the
``idle`` tool imports the same modules and reads nothing, which gives the interpreter's own
share to subtract. Times are CPU seconds of this process (``time.process_time``), covering
reading the file and the work, not start-up: on a shared machine other processes' load does
not count, and for this single-threaded work it equals wall time on an idle machine.
``profile`` runs articlefix once under cProfile and prints the hot spots instead.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from baselines import exact_lines, floor_paragraphs, fuzzy_lines

from articlefix.pipeline import clean

Counts = dict[str, int]
#: Loads what articlefix imports lazily (ftfy for mojibake), in every process, idle included.
_WARM_UP = "Un été à Paris. Un Ã©tÃ© Ã  Paris.\n".encode()


def articlefix(data: bytes) -> Counts:
    report = clean(data).report
    return {"blocks_in": report.blocks_in, "blocks_out": report.blocks_out,
            "removed": len(report.removed)}  # fmt: skip


def exact(data: bytes) -> Counts:
    lines = data.decode("utf-8").splitlines()
    out = exact_lines(lines)
    _ = "\n".join(out).encode("utf-8")
    return _counts(lines, out)


def floor(data: bytes) -> Counts:
    text = data.decode("utf-8")
    markdown = floor_paragraphs(text)
    _ = markdown.encode("utf-8")
    blocks_in = sum(1 for line in text.splitlines() if line.strip())
    blocks_out = markdown.count("\n\n") + 1
    return {"blocks_in": blocks_in, "blocks_out": blocks_out, "removed": blocks_in - blocks_out}


def rapidfuzz(data: bytes) -> Counts:
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    return _counts(lines, fuzzy_lines(lines))


def _counts(lines: list[str], out: list[str]) -> Counts:
    blocks_in = sum(1 for line in lines if line.strip())
    blocks_out = sum(1 for line in out if line.strip())
    return {"blocks_in": blocks_in, "blocks_out": blocks_out, "removed": blocks_in - blocks_out}


TOOLS: dict[str, Callable[[bytes], Counts]] = {
    "articlefix": articlefix,
    "exact": exact,
    "floor": floor,
    "rapidfuzz": rapidfuzz,
}


def main(tool: str, file: str, repeat: int) -> None:
    if tool == "profile":
        profile(Path(file))
        return
    clean(_WARM_UP)
    times: list[float] = []
    counts: Counts = {}
    for _ in range(repeat if tool != "idle" else 0):
        start = time.process_time()
        counts = TOOLS[tool](Path(file).read_bytes())
        times.append(time.process_time() - start)
    print(json.dumps({"times": times, "peak_kb": peak_kb(), **counts}))


def peak_kb() -> int:
    """Peak resident memory of this process in KiB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # inherited across exec


def profile(path: Path, top: int = 25) -> None:
    data = path.read_bytes()
    clean(_WARM_UP)
    profiler = cProfile.Profile()
    profiler.runcall(clean, data)
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
