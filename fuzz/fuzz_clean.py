"""atheris target: arbitrary bytes (or text) into :func:`articlefix.clean` must never break it.

The guarantees checked on every input are in ``contract.py``.

With ``FUZZ_KEEP_GOING=DIR`` a failure does not stop the run: the smallest input seen for each
distinct failure (exception type and the line that raised it) is saved in DIR, so one long run
surveys every bug instead of stopping at the first, which libFuzzer's fork mode cannot do
under atheris. Run: see fuzz/README.md.
"""

from __future__ import annotations

import hashlib
import os
import sys
import traceback
from pathlib import Path

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports(include=["articlefix"]):
    from contract import check  # imports articlefix: instrumented for coverage


def _signature(exc: BaseException) -> str:
    """Type, message head and raising line: one bucket per bug, not per input."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    head = str(exc).splitlines()[0][:60] if str(exc) and isinstance(exc, AssertionError) else ""
    return f"{type(exc).__name__} {Path(frame.filename).name}:{frame.lineno} {head}"


def _keep_going(folder: Path) -> object:
    def target(data: bytes) -> None:
        try:
            check(data)
        except Exception as exc:
            name = hashlib.sha1(_signature(exc).encode()).hexdigest()[:12]
            path = folder / f"failure-{name}"
            if not path.exists() or len(data) < path.stat().st_size:
                path.write_bytes(data)
                (folder / f"failure-{name}.txt").write_text(
                    _signature(exc) + "\n\n" + "".join(traceback.format_exception(exc))
                )

    return target


def main() -> None:
    folder = os.environ.get("FUZZ_KEEP_GOING")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
    atheris.Setup(sys.argv, _keep_going(Path(folder)) if folder else check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
