"""The baselines articlefix is measured against, as functions and as commands.

    python benchmarks/baselines.py exact FILE    # awk '!seen[$0]++', non-blank lines
    python benchmarks/baselines.py fuzzy FILE    # all pairs, dropped at rapidfuzz ratio >= 90
    python benchmarks/baselines.py floor FILE    # the least a paragraph dedup to Markdown does

The commands print the kept lines, so the evaluation scorer can run them like articlefix:
``score.py --cmd 'python benchmarks/baselines.py fuzzy {in}'``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rapidfuzz.fuzz import ratio

_PUNCTUATION = re.compile(r"[^\w\s]")  # without "+": 0.13 s against 0.17 at 10 MB
_MARKDOWN = re.compile(r"([\\`*_\[\]#<>])")


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


def floor_paragraphs(text: str) -> str:
    """The steps no paragraph dedup that writes Markdown can skip, each the fastest way Python
    has (one C call over the whole text where one exists): paragraphs with their whitespace
    normalised (a re-wrapped copy), a normal form without case or punctuation (other quote
    marks), a set of them, and the kept paragraphs escaped and joined. No near copies, no
    teasers, no tags, no mojibake: what articlefix does on top is the rest of its time."""
    paragraphs = [p for p in (" ".join(line.split()) for line in text.splitlines()) if p]
    normal = _PUNCTUATION.sub("", "\n".join(paragraphs).casefold()).split("\n")
    seen: set[str] = set()
    kept = []
    for paragraph, form in zip(paragraphs, normal, strict=True):
        key = " ".join(form.split())
        if key not in seen:
            seen.add(key)
            kept.append(paragraph)
    return _MARKDOWN.sub(r"\\\1", "\n\n".join(kept)) + "\n"


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
    text = _text(Path(path).read_bytes())
    if tool == "floor":
        sys.stdout.write(floor_paragraphs(text))
    else:
        kept = {"exact": exact_lines, "fuzzy": fuzzy_lines}[tool](text.splitlines())
        sys.stdout.write("\n".join(kept) + "\n")
