"""Patterns compiled on first need live in articlefix's own cache, not in the ``re`` module's.

``re``'s cache is shared with the host program and holds 512 patterns; a host with more of its
own would make every call that goes through it compile the pattern again (the furniture
pattern alone takes about a millisecond), on every line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from articlefix import Options, clean

SAMPLES = Path(__file__).parent.parent / "samples"


def test_cleaning_never_compiles_through_the_re_modules_shared_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))]
    assert len(texts) >= 2
    for text in texts:  # every pattern these need is compiled once, before counting
        clean(text)
        clean(text, Options(input_format="markdown"))
    ours: list[str] = []
    real = re._compile  # type: ignore[attr-defined]

    def counted(*args: Any) -> Any:
        caller = sys._getframe(2).f_globals.get("__name__", "")
        if caller.startswith("articlefix"):
            ours.append(f"{caller}: {args[0]!r:.60}")
        return real(*args)

    monkeypatch.setattr(re, "_compile", counted)
    for text in texts:
        clean(text)
    assert ours == []
