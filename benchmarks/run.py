"""articlefix against a Python exact-line dedup, the floor of a paragraph dedup to Markdown
and naive all-pairs rapidfuzz, in one run.

    python benchmarks/run.py                      # 100KB,1MB,10MB,100MB
    python benchmarks/run.py --sizes 100KB,1MB    # a quick look
    python benchmarks/run.py --profile 10MB       # cProfile of articlefix on the mixed input
    python benchmarks/run.py --startup-only       # the start-up rows and their targets

Prints a Markdown table (median of runs; the tools of one input take turns, a fresh
interpreter each, so peak memory is per process) and the issue's targets as ratios. The
machine is shared and noisy: only ratios within one run mean anything. See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import SEED, ensure  # noqa: E402 - a script next to its helper, not a package

PYTHON = sys.executable
#: Issue 17: articlefix's peak memory at most this multiple of the exact-line dedup's.
PEAK_LIMIT = 1.2
UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9}
Row = dict[str, Any]


def size_of(text: str) -> int:
    text = text.strip().upper()
    for unit, factor in UNITS.items():
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * factor)
    return int(text)


def label(size: int) -> str:
    unit = "MB" if size >= 10**6 else "KB"
    return f"{size / UNITS[unit]:g} {unit}"


def measure(tool: str, path: Path | str, repeat: int) -> list[Row]:
    """A process of ``repeat`` runs, in a list (rounds are gathered with ``+=``)."""
    out = subprocess.run(
        [PYTHON, str(HERE / "measure.py"), tool, str(path), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    return [json.loads(out.stdout)]


def summary(rows: list[Row]) -> Row:
    """One point from its processes: the median time, the best, and the highest peak.

    The machine is shared and its speed comes in spells (a 1 MB run's CPU time ranged from 0.11
    to 0.20 s, by 1.5× within one process): the median of runs interleaved across tools compares
    them in the same mix of spells. The best is shown too, but not used: short runs catch a fast
    spell more often than long ones, which would skew growth ratios.
    """
    times = [t for row in rows for t in row["times"]]
    row = {**rows[-1], "peak_kb": max(r["peak_kb"] for r in rows), "runs": len(times)}
    row["seconds"] = statistics.median(times) if times else 0.0
    row["best"] = min(times) if times else 0.0
    return row


def cpu(argv: list[str], cwd: str | None = None) -> float:
    """CPU seconds (user + system) of one whole command: other processes' load does not count."""
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, argv)
    return usage.ru_utime + usage.ru_stime


def startup(repeat: int) -> dict[str, list[float]]:
    """CPU times of whole commands, interleaved so that noise hits them all alike.

    As a user runs them: the package byte-compiled (``pip install`` does that; an editable
    install under ``PYTHONDONTWRITEBYTECODE`` would compile it on every start), and the article
    in a folder of its own, outside any project whose ``pyproject.toml`` would be read.
    """
    import articlefix

    compileall.compile_dir(Path(articlefix.__file__).parent, quiet=1)
    cli = shutil.which("articlefix", path=str(Path(PYTHON).parent)) or "articlefix"
    with tempfile.TemporaryDirectory() as folder:
        article, western = Path(folder) / "scraped.txt", Path(folder) / "scraped-cp1252.txt"
        shutil.copyfile(SEED, article)
        shutil.copyfile(SEED.with_name("seed.cp1252.txt"), western)  # the same article
        commands = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "python -c 'import click'": [PYTHON, "-c", "import click"],
            "articlefix --version": [cli, "--version"],
            "python -c 'import click, rapidfuzz.fuzz'": [
                PYTHON,
                "-c",
                "import click, rapidfuzz.fuzz",
            ],
            # The command freezes what start-up loaded (cli.main): the same for the baseline,
            # so that what the freeze saves of the interpreter's own teardown is shown apart.
            "python -c 'import click, rapidfuzz.fuzz' frozen": [
                PYTHON,
                "-c",
                "import gc, click, rapidfuzz.fuzz; gc.freeze()",
            ],
            "articlefix seed.txt": [cli, str(article)],
            "articlefix seed.cp1252.txt": [cli, str(western)],
        }
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, argv in commands.items():
                runs[name].append(cpu(argv, cwd=folder))
    return runs


def matrix(sizes: list[int], args: argparse.Namespace) -> list[Row]:
    """Every tool on every input; rapidfuzz only while its square-law forecast fits the budget.

    The tools of one input take turns, a process each, round after round: a burst of load on
    the machine then falls on all of them, not on one tool's every run.
    """
    rows: list[Row] = []
    idle = measure("idle", "", 1)[0]["peak_kb"]
    fuzzy_forecast = 0.0
    for size in sizes:
        repeat = args.repeat or (5 if size <= 10**6 else 3 if size <= 10**7 else 1)
        rounds = args.rounds or (3 if size <= 10**7 else 1)
        kinds = ["mixed"] + (["adversarial"] if size <= args.adversarial_max else [])
        for kind in kinds:
            path = ensure(kind, size, args.data)
            runs: dict[str, list[Row]] = {"articlefix": [], "exact": [], "floor": []}
            for _ in range(rounds):
                for tool, found in runs.items():
                    found += measure(tool, path, repeat)
            if kind == "mixed" and fuzzy_forecast <= args.fuzzy_budget:
                runs["rapidfuzz"] = measure("rapidfuzz", path, 1)
            for tool, found in runs.items():
                row = summary(found)
                row.update(kind=kind, size=path.stat().st_size, nominal=size, tool=tool)
                row["memory"] = (row["peak_kb"] - idle) * 1024 / row["size"]
                rows.append(row)
                if tool == "rapidfuzz":
                    fuzzy_forecast = row["seconds"] * 100
                print(f"  {kind} {label(size)} {tool}: {row['seconds']:.3f} s", file=sys.stderr)
    return rows


def find(rows: list[Row], kind: str, size: int, tool: str) -> Row | None:
    return next(
        (r for r in rows if (r["kind"], r["nominal"], r["tool"]) == (kind, size, tool)), None
    )


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| input | size | tool | median s | best s | runs | MB/s | × exact | × rapidfuzz "
        "| t(10×size)/t(size) | peak memory × input | blocks in → out |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        kind, size, tool = row["kind"], row["nominal"], row["tool"]
        exact, fuzzy = find(rows, kind, size, "exact"), find(rows, kind, size, "rapidfuzz")
        smaller = find(rows, kind, size // 10, tool)
        cells = [
            kind,
            label(size),
            tool,
            f"{row['seconds']:.3f}",
            f"{row['best']:.3f}",
            str(row["runs"]),
            f"{row['size'] / 1e6 / row['seconds']:.1f}",
            f"{row['seconds'] / exact['seconds']:.1f}" if exact else "",
            f"{row['seconds'] / fuzzy['seconds']:.3f}" if fuzzy else "",
            f"{row['seconds'] / smaller['seconds']:.1f}" if smaller else "",
            f"{row['memory']:.1f}",
            f"{row['blocks_in']} → {row['blocks_out']}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def targets(rows: list[Row], start: dict[str, list[float]]) -> list[str]:
    """The issue's acceptance ratios, computed from this run only."""
    out = []

    def ratio(name: str, a: Row | None, b: Row | None, limit: float | None) -> None:
        if a and b:
            value = a["seconds"] / b["seconds"]
            if limit is None:
                out.append(f"- {name}: {value:.2f} (no target: for comparison)")
                return
            verdict = "ok" if value <= limit else "MISSED"
            out.append(f"- {name}: {value:.2f} (target ≤ {limit:g}) {verdict}")

    af = {(r["kind"], r["nominal"]): r for r in rows if r["tool"] == "articlefix"}
    ratio("articlefix t(10 MB)/t(1 MB)", af.get(("mixed", 10**7)), af.get(("mixed", 10**6)), 11)
    ratio("articlefix t(100 MB)/t(10 MB)", af.get(("mixed", 10**8)), af.get(("mixed", 10**7)), 11)
    ratio(
        "10 MB: articlefix / exact-line dedup",
        af.get(("mixed", 10**7)),
        find(rows, "mixed", 10**7, "exact"),
        5,  # issue 17 (issue 8 asked for 8)
    )
    floor = find(rows, "mixed", 10**7, "floor")
    ratio("10 MB: floor / exact-line dedup", floor, find(rows, "mixed", 10**7, "exact"), None)
    ratio("10 MB: articlefix / floor", af.get(("mixed", 10**7)), floor, None)
    adversarial, mixed = af.get(("adversarial", 10**6)), af.get(("mixed", 10**6))
    ratio("adversarial 1 MB / mixed 1 MB", adversarial, mixed, 2)
    for row in (r for r in rows if r["tool"] == "articlefix" and r["kind"] == "adversarial"):
        kept = "yes" if row["blocks_out"] == row["blocks_in"] and not row["removed"] else "NO"
        counts = f"{row['blocks_in']} in, {row['blocks_out']} out"
        out.append(f"- adversarial {label(row['nominal'])}: every line kept: {kept} ({counts})")
    for size in (10**7, 10**8):
        peak, floor = af.get(("mixed", size)), find(rows, "mixed", size, "exact")
        if peak and floor:  # issue 17: against the exact-line dedup's own peak, same run
            value = peak["memory"] / floor["memory"]
            flag = "ok" if value <= PEAK_LIMIT else "MISSED"
            out.append(
                f"- peak memory {label(size)}: articlefix / exact-line dedup {value:.2f} "
                f"({peak['memory']:.1f}× against {floor['memory']:.1f}× the input above the "
                f"idle interpreter; target ≤ {PEAK_LIMIT:g}) {flag}"
            )
    for name, base, limit in (
        ("articlefix --version", "python -c 'import click'", 1.2),
        ("articlefix seed.txt", "python -c 'import click, rapidfuzz.fuzz'", 1.3),
        ("articlefix seed.cp1252.txt", "articlefix seed.txt", 1.5),
        ("articlefix seed.txt", "python -c 'import click, rapidfuzz.fuzz' frozen", None),
    ):
        ratio(
            f"{name} / {base}",
            {"seconds": statistics.median(start[name])},
            {"seconds": statistics.median(start[base])},
            limit,
        )
    return out


def _cpuinfo() -> list[str]:
    path = Path("/proc/cpuinfo")
    return path.read_text().splitlines() if path.exists() else []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100KB,1MB,10MB,100MB")
    parser.add_argument("--repeat", type=int, default=0, help="runs per process (default by size)")
    parser.add_argument("--rounds", type=int, default=0, help="processes per tool and input")
    parser.add_argument("--startup-repeat", type=int, default=21)
    parser.add_argument(
        "--fuzzy-budget",
        type=float,
        default=30.0,
        help="skip rapidfuzz when its forecast exceeds this many seconds",
    )
    parser.add_argument("--adversarial-max", type=size_of, default=10**7)
    parser.add_argument("--data", type=Path, default=HERE / "data", help="generated inputs")
    parser.add_argument("--profile", type=size_of, metavar="SIZE")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up rows")
    args = parser.parse_args(argv)
    if args.startup_only:
        args.sizes = ""
    if args.profile:
        path = ensure("mixed", args.profile, args.data)
        subprocess.run([PYTHON, str(HERE / "measure.py"), "profile", str(path), "1"], check=True)
        return
    sizes = sorted(size_of(s) for s in args.sizes.split(",") if s)
    for size in sizes:  # generate first: generation time is not part of any measurement
        ensure("mixed", size, args.data)
    start = startup(args.startup_repeat)
    rows = matrix(sizes, args)
    model = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.processor(),
    )
    print(
        f"Machine: {model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        "Times: CPU seconds, median of the runs (the tools of one input take turns, a process "
        "each, round after round), best alongside. Peak memory: the highest VmHWM of the "
        "point's processes minus that of an idle process with the same imports, divided by the "
        "input size.\n"
    )
    print("\n".join(table(rows)))
    print(f"\nStart-up (CPU time of the whole command, median and best of {args.startup_repeat}):")
    for name, times in start.items():
        print(f"- {name}: {statistics.median(times) * 1000:.0f} ms (best {min(times) * 1000:.0f})")
    print("\nTargets (issues 8 and 17), ratios from this run:")
    print("\n".join(targets(rows, start)))


if __name__ == "__main__":
    main()
