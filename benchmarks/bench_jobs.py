"""Batch throughput: files per second with ``-j 1`` and ``-j 2``, side by side in one run.

    python benchmarks/bench_jobs.py                 # 2,000 files, 3 rounds (a few minutes)
    python benchmarks/bench_jobs.py --files 400 --rounds 1

The inputs are article-sized files (4-20 KB) made from the samples' paragraphs with random
re-pastes (single paragraphs and runs, further down), one paragraph per line or blank-line
separated, generated once into ``benchmarks/data/`` with a fixed seed: the same bytes every
time. Each round runs the real command (``python -m articlefix -q -j N --output-dir ...``) for
both N, interleaved, so noise on a shared machine hits both alike; the median round counts.
Start-up is included (a fraction of a second against tens of seconds). The goal on two cores:
``-j 2`` at least 1.7 times ``-j 1``. The outputs of both are compared byte for byte.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"


def paragraphs() -> list[str]:
    """Every paragraph of the samples' expected outputs, markup and all: the material."""
    return [
        chunk.strip()
        for path in sorted(SAMPLES.glob("*.expected.md"))
        for chunk in path.read_text(encoding="utf-8").split("\n\n")
        if chunk.strip()
    ]


def generate(folder: Path, count: int, seed: int = 2000) -> None:
    """``count`` files in ``folder``; skipped when they are already there."""
    if len(list(folder.glob("*.txt"))) == count:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng, pool = random.Random(seed), paragraphs()
    for n in range(count):
        start = rng.randrange(len(pool))
        body = [pool[(start + k) % len(pool)] for k in range(rng.randint(12, 40))]
        for _ in range(rng.randint(1, 6)):
            first = rng.randrange(len(body))
            pasted = body[first : first + rng.choice((1, 1, 2, 4))]
            at = rng.randint(first + len(pasted), len(body))
            body[at:at] = pasted
        separator = "\n\n" if n % 3 == 0 else "\n"
        (folder / f"{n:05}.txt").write_text(separator.join(body) + "\n", encoding="utf-8")


def timed_run(jobs: int, inputs: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "articlefix", "-q", "-j", str(jobs), "-o", str(out)]
    start = time.perf_counter()
    subprocess.run([*command, str(inputs)], check=True)
    return time.perf_counter() - start


def same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    return names == sorted(p.name for p in b.iterdir()) and all(
        (a / name).read_bytes() == (b / name).read_bytes() for name in names
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    inputs = HERE / "data" / f"jobs-{args.files}"
    generate(inputs, args.files)
    size = sum(p.stat().st_size for p in inputs.iterdir())
    print(f"{args.files} files, {size / args.files / 1024:.1f} KB on average, in {inputs}")
    times: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for jobs in times:
                times[jobs].append(timed_run(jobs, inputs, Path(tmp) / f"out{jobs}"))
        same = same_tree(Path(tmp) / "out1", Path(tmp) / "out2")
    rate = {jobs: args.files / statistics.median(t) for jobs, t in times.items()}
    for jobs, seconds in times.items():
        rounds = ", ".join(f"{s:.1f}" for s in seconds)
        print(f"-j {jobs}: {rate[jobs]:7.1f} files/s  (rounds: {rounds} s)")
    print(f"-j 2 / -j 1: {rate[2] / rate[1]:.2f}x  (goal >= 1.70x on two cores)")
    print(f"same bytes with -j 1 and -j 2: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
