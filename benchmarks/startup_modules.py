"""Where a one-file run's start-up goes: CPU per module imported, beyond click and rapidfuzz.

    python benchmarks/startup_modules.py            # the seed, 11 fresh interpreters
    python benchmarks/startup_modules.py --runs 21 --top 20

Each run is a fresh interpreter that imports click and rapidfuzz.fuzz (the baseline of
``run.py``'s start-up target), then runs ``articlefix`` on a copy of the seed article in a
temporary folder, as ``run.py`` does. A finder placed first on ``sys.meta_path`` times each
module's loading and execution in CPU seconds, less the modules it imports itself (its own
cost); the median of the runs is printed per module, with the whole ``main()`` for scale. CPU
time, not ``-X importtime``'s wall clock, so that other processes on a shared machine count
less.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "samples" / "seed.txt"

_CHILD = r"""
import os, sys, time  # nothing more before the run: a module loaded here would not count
import click, rapidfuzz.fuzz

own, stack = {}, []


class _Loader:  # the module's own loader, its execution timed

    def __init__(self, real, name):
        self.real, self.name = real, name

    def __getattr__(self, attr):
        return getattr(self.real, attr)

    def create_module(self, spec):  # an extension module is loaded here (dlopen)
        start = time.process_time()
        try:
            return self.real.create_module(spec)
        finally:
            own[self.name] = own.get(self.name, 0.0) + time.process_time() - start

    def exec_module(self, module):
        start = time.process_time()
        stack.append(0.0)
        try:
            self.real.exec_module(module)
        finally:
            spent, inner = time.process_time() - start, stack.pop()
            own[self.name] = own.get(self.name, 0.0) + spent - inner
            if stack:
                stack[-1] += spent


class _Timed:  # a meta path finder: the others find, it wraps their loaders
    def find_spec(self, name, path, target=None):
        for finder in sys.meta_path[1:]:
            spec = getattr(finder, "find_spec", lambda *a: None)(name, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _Loader(spec.loader, name)
                return spec
        return None


sys.meta_path.insert(0, _Timed())
sys.argv = ["articlefix", sys.argv[1]]
sys.stdout = open(os.devnull, "w")
start = time.process_time()
from articlefix.cli import main
try:
    main()
except SystemExit:
    pass
own["(main, all of it)"] = time.process_time() - start
sys.meta_path.pop(0)
import json

print(json.dumps(own), file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    runs: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "scraped.txt"
        shutil.copyfile(SEED, article)
        for _ in range(args.runs):
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(article)],
                capture_output=True, text=True, cwd=folder, check=True,
            )  # fmt: skip
            for name, seconds in json.loads(done.stderr.splitlines()[-1]).items():
                runs.setdefault(name, []).append(seconds)
    median = {name: statistics.median(t + [0.0] * (args.runs - len(t))) for name, t in runs.items()}
    total = median.pop("(main, all of it)")
    print(f"CPU ms, median of {args.runs} runs; main() took {total * 1000:.1f} ms in all")
    for name, seconds in sorted(median.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{seconds * 1000:6.2f}  {name}")
    print(f"{sum(median.values()) * 1000:6.2f}  (every module's own time, summed)")


if __name__ == "__main__":
    main()
