"""The two baselines articlefix is measured against, as functions and as commands.

    python benchmarks/baselines.py exact FILE    # awk '!seen[$0]++', non-blank lines
    python benchmarks/baselines.py fuzzy FILE    # all pairs, dropped at rapidfuzz ratio >= 90

The commands print the kept lines, so the evaluation scorer can run them like articlefix:
``score.py --cmd 'python benchmarks/baselines.py fuzzy {in}'``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rapidfuzz.fuzz import ratio


def exact_lines(lines: list[str]) -> list[str]:
    """Every non-blank line once, at its first place: the floor any dedup in Python pays."""
    seen: set[str] = set()
    out = []
    for line in lines:
        if line.strip():
            if line in seen:
                continue
            seen.add(line)
        out.append(line)
    return out


def fuzzy_lines(lines: list[str]) -> list[str]:
    """The naive prototype: every paragraph against every kept one (quadratic)."""
    kept: list[str] = []
    for line in lines:
        if line.strip() and any(ratio(line, other, score_cutoff=90) for other in kept):
            continue
        kept.append(line)
    return kept


def _text(data: bytes) -> str:
    """A baseline's decoding: BOMs, UTF-8, else cp1252 (no detector, no mojibake repair)."""
    for name in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", "replace")


if __name__ == "__main__":
    tool, path = sys.argv[1:3]
    lines = _text(Path(path).read_bytes()).splitlines()
    kept = {"exact": exact_lines, "fuzzy": fuzzy_lines}[tool](lines)
    sys.stdout.write("\n".join(kept) + "\n")
