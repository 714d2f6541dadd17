"""Repeated one-word lines, the input that once made the label pass quadratic.

    python benchmarks/labels.py

Each input runs in fresh interpreters (``measure.py``), taking turns with the others, round
after round; the median CPU time of its runs is the figure. Prints, per input, the time and
peak memory (``VmHWM`` above an idle interpreter's) as a multiple of the input size, then the
issue's two targets: ``t(16,000 Photo lines) / t(8,000)`` (2 for linear cost; at most 2.5) and
peak memory under 10× the input. Before the fix, 4,000 ``Photo`` lines took 1.7 s and 86 MB,
8,000 lines 6.6 s and 285 MB, and a million ``a`` lines were killed at 120 s with 3.1 GB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import Row, measure, summary  # noqa: E402 - a script next to its helper

#: name -> (line, count): the issue's adversarial inputs.
INPUTS = {
    "a x 1,000,000": ("a", 1_000_000),
    "# x 100,000": ("#", 100_000),
    "Photo x 8,000": ("Photo", 8_000),
    "Photo x 16,000": ("Photo", 16_000),
}
#: The issue's bounds: doubling the input at most 2.5x the time; peak memory under 10x it.
GROWTH_LIMIT, MEMORY_LIMIT = 2.5, 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="runs per process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, (line, count) in INPUTS.items():
            paths[name] = Path(folder) / f"{line.strip('#') or 'hash'}-{count}.txt"
            paths[name].write_bytes(f"{line}\n".encode() * count)
        runs: dict[str, list[Row]] = {name: [] for name in INPUTS}
        idle: list[Row] = []
        for _ in range(args.rounds):
            idle += measure("idle", paths["Photo x 8,000"], 0)
            for name, path in paths.items():
                runs[name] += measure("articlefix", path, args.repeat)
        base_kb = max(row["peak_kb"] for row in idle)
        rows = {name: summary(rows) for name, rows in runs.items()}
        memory = {}
        print("| input | bytes | median s | best s | runs | peak memory / input |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, row in rows.items():
            size = paths[name].stat().st_size
            memory[name] = (row["peak_kb"] - base_kb) * 1024 / size
            print(f"| {name} | {size:,} | {row['seconds']:.3f} | {row['best']:.3f} | "
                  f"{row['runs']} | {memory[name]:.1f}x |")  # fmt: skip
    growth = rows["Photo x 16,000"]["seconds"] / rows["Photo x 8,000"]["seconds"]
    print(f"t(16,000 Photo)/t(8,000 Photo) = {growth:.2f} (target <= {GROWTH_LIMIT})")
    worst = max(memory, key=memory.__getitem__)
    print(f"peak memory / input, worst: {memory[worst]:.1f}x ({worst}; target < {MEMORY_LIMIT}x)")


if __name__ == "__main__":
    main()
