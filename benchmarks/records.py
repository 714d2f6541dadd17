"""Records mode at scale, ratios from one run (the machine is shared: only ratios mean much).

    python benchmarks/records.py                    # 20,000 and 200,000 records (~15 minutes)
    python benchmarks/records.py --records 2000     # a quick look (and 20,000 for memory)

Inputs: the dev crawl's pages (``../shared/eval-sites/dev.jsonl``: the dev articles in their
sites' chrome) repeated under new ids, each repetition on hosts of its own so that a site keeps
its 12-40 pages, written once as ``.jsonl.gz`` into ``benchmarks/data/``. Each figure is the
real command in a fresh process (``/usr/bin/time`` gives the peak RSS: the largest of the
parent and its workers), its output written to a file:

- records/s at ``-j 1`` and ``-j 2`` (goal: ``-j 2`` at least 1.8 times ``-j 1``);
- peak memory at N and at 10 N records, ``-j 2`` (goal: at most 1.2 times);
- the cost of ``--site-boilerplate``, ``-j 2`` (goal: at most 1.5 times plain records), three
  interleaved rounds of both, median (with other work on the machine, single pairs of runs of
  the same code gave 0.97x and 1.48x wall against 1.63x and 1.80x CPU);
- 1,000 article files with ``-o`` against the same batch to standard output, ``-j 1``,
  three interleaved rounds, median (goal: at most 1.3 times).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
CRAWL = HERE.parent.parent / "shared" / "eval-sites" / "dev.jsonl"
if not CRAWL.exists():
    CRAWL = Path("/work/shared/eval-sites/dev.jsonl")
COMMAND = [sys.executable, "-m", "articlefix", "-q"]


def records(count: int) -> Path:
    """``count`` records as .jsonl.gz, made once: the crawl's pages again and again."""
    path = HERE / "data" / f"records-{count}.jsonl.gz"
    if path.exists():
        return path
    pages = [json.loads(line) for line in CRAWL.read_text(encoding="utf-8").splitlines()]
    path.parent.mkdir(exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for n in range(count):
            page, round_ = pages[n % len(pages)], n // len(pages)
            url = urlsplit(page["url"])
            record = {"id": f"{page['id']}#{round_}", "text": page["text"],
                      "url": url._replace(netloc=f"r{round_}.{url.netloc}").geturl()}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and its workers
    rss: int  # peak KB of the largest process


def measured(args: list[str], stdout: Path | None = None) -> Run:
    """One run of the command, in a fresh process."""
    with tempfile.NamedTemporaryFile("r") as stats, ExitStack() as stack:
        sink = stack.enter_context(stdout.open("wb")) if stdout else subprocess.DEVNULL
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", stats.name, *COMMAND, *args],
                       stdout=sink, check=True)  # fmt: skip
        seconds = time.perf_counter() - start
        rss, user, system = stats.read().split()[-3:]
        return Run(seconds, float(user) + float(system), int(rss))


def files_batch(work: Path, count: int) -> tuple[float, float]:
    """Median seconds of ``count`` files with ``-o`` and to standard output, interleaved."""
    pages = [json.loads(line)["text"] for line in CRAWL.read_text(encoding="utf-8").splitlines()]
    folder = work / "files"
    folder.mkdir()
    paths = []
    for n in range(count):
        paths.append(str(folder / f"{n:04}.txt"))
        Path(paths[-1]).write_text(pages[n % len(pages)], encoding="utf-8")
    rounds: dict[str, list[float]] = {"-o": [], "stdout": []}
    for _ in range(3):
        shutil.rmtree(work / "out", ignore_errors=True)
        rounds["-o"].append(measured(["-j", "1", "-o", str(work / "out"), *paths]).wall)
        rounds["stdout"].append(measured(["-j", "1", *paths], work / "all.md").wall)
    return statistics.median(rounds["-o"]), statistics.median(rounds["stdout"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=1_000)
    a = parser.parse_args()
    small, large = records(a.records), records(10 * a.records)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = str(work / "out.jsonl")
        load = os.getloadavg()[0]
        one = measured(["-j", "1", str(small), "--output", out])
        two = measured(["-j", "2", str(small), "--output", out])
        pairs = [(two, measured(["-j", "2", "--site-boilerplate", str(small), "--output", out]))]
        for _ in range(2):
            plain = measured(["-j", "2", str(small), "--output", out])
            pairs.append((plain, measured(["-j", "2", "--site-boilerplate", str(small),
                                           "--output", out])))  # fmt: skip
        large_run = measured(["-j", "2", str(large), "--output", out])
        with_o, to_stdout = files_batch(work, a.files)
    n = a.records
    print(f"load average at the start: {load:.1f} on {os.cpu_count()} CPUs (the wall-clock "
          "ratios assume free CPUs)")  # fmt: skip
    print(f"records/s, {n:,} records: -j 1 {n / one.wall:,.0f}, -j 2 {n / two.wall:,.0f}: "
          f"-j 2 is {one.wall / two.wall:.2f}x -j 1 (goal >= 1.8); CPU seconds "
          f"{one.cpu:.1f} and {two.cpu:.1f}: the pool costs {two.cpu / one.cpu:.2f}x"
          " the CPU")  # fmt: skip
    print(f"peak RSS, -j 2: {two.rss / 1024:.0f} MB at {n:,} records, "
          f"{large_run.rss / 1024:.0f} MB at {10 * n:,}: {large_run.rss / two.rss:.2f}x "
          "(goal <= 1.2)")  # fmt: skip
    wall = [statistics.median(run.wall for run in side) for side in zip(*pairs, strict=True)]
    cpu = [statistics.median(run.cpu for run in side) for side in zip(*pairs, strict=True)]
    rss = max(sites.rss for _, sites in pairs)
    print(f"--site-boilerplate, {n:,} records, -j 2, median of 3: {wall[1]:.1f} s against "
          f"{wall[0]:.1f} s: {wall[1] / wall[0]:.2f}x (goal <= 1.5); CPU "
          f"{cpu[1] / cpu[0]:.2f}x; peak RSS {rss / 1024:.0f} MB")  # fmt: skip
    print(f"{a.files:,} files, -j 1: -o {with_o:.2f} s, stdout {to_stdout:.2f} s: "
          f"{with_o / to_stdout:.2f}x (goal <= 1.3)")  # fmt: skip


if __name__ == "__main__":
    main()
