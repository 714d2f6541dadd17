"""Where the memory is at articlefix's peak: live allocations by source line, traced.

    python benchmarks/memory.py                  # the mixed 10 MB input
    python benchmarks/memory.py --size 100MB

Takes a tracemalloc snapshot at the end of dedup's main pass, the peak of a run (the text of
every block, the normal forms and the hash indexes are alive together), and prints the largest
allocation sites as multiples of the input size. The input bytes themselves were read before
tracing starts: add 1× for them. Then the sizes of the decoded text and of the returned
Markdown, which any cleaner that holds a whole document pays; then each stage's traced peak,
before and after it. Resident memory (what ``run.py`` measures) is more: the allocators keep
much of what a stage frees (see benchmarks/README.md). Slow (tracing every allocation), so not
part of ``run.py``.
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import ensure  # noqa: E402 - a script next to its helper, not a package
from run import size_of  # noqa: E402

from articlefix import dedup, pipeline  # noqa: E402
from articlefix.decode import decode  # noqa: E402
from articlefix.pipeline import clean  # noqa: E402

#: The stages as pipeline.py calls them.
STAGES = ("decode", "split_blocks", "fingerprints", "dedup", "list_items", "classify", "render")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_of, default=10**7)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    data = ensure("mixed", args.size, HERE / "data").read_bytes()
    snapshots: list[tracemalloc.Snapshot] = []
    label_runs = dedup.label_runs

    def at_peak(*args: Any) -> Any:
        snapshots.append(tracemalloc.take_snapshot())
        return label_runs(*args)

    dedup.label_runs = at_peak  # type: ignore[assignment]  # the last step of dedup
    tracemalloc.start()
    markdown = clean(data).markdown
    tracemalloc.stop()
    stats = snapshots[0].statistics("lineno")
    total = sum(stat.size for stat in stats)
    print(f"traced at dedup's end: {total / len(data):.2f}× the input ({len(data):,} bytes)")
    for stat in stats[: args.top]:
        print(f"{stat.size / len(data):6.2f}×  {stat.count:9,}  {stat.traceback}")
    # What any whole-document cleaner holds, whatever its indexes: the text and its output.
    text, out = sys.getsizeof(decode(data).text), sys.getsizeof(markdown)
    print(f"decoded text {text / len(data):.2f}×, Markdown returned {out / len(data):.2f}×")
    stages(data)


def stages(data: bytes) -> None:
    """Each stage's traced peak, and what is traced before and after it, × the input."""
    found: list[tuple[str, int, int, int]] = []

    def traced(name: str, stage: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            result = stage(*args, **kwargs)
            found.append((name, before, *reversed(tracemalloc.get_traced_memory())))
            return result

        return run

    for name in STAGES:
        setattr(pipeline, name, traced(name, getattr(pipeline, name)))
    tracemalloc.start()
    clean(data)
    tracemalloc.stop()
    print("stage           before    peak   after")
    for name, before, peak, after in found:
        cells = (f"{size / len(data):7.2f}×" for size in (before, peak, after))
        print(f"{name:14s}", *cells)


if __name__ == "__main__":
    main()
