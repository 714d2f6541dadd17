"""Write the seed article re-encoded and re-laid out, once; the outputs are committed.

Every variant must clean to ``seed.expected.md`` byte for byte: the encoding and the line
layout of scraped text are accidents of the scraper, not content. Deterministic, so running it
again rewrites the same bytes (``git diff`` stays empty).

Run from anywhere: ``python samples/make_variants.py``.
"""

from __future__ import annotations

import codecs
import textwrap
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _wrapped(text: str) -> bytes:
    """Blank-line separated paragraphs hard-wrapped at 72 columns, as many scrapers write."""
    paragraphs = [
        textwrap.fill(line, 72, break_long_words=False, break_on_hyphens=False)
        for line in text.split("\n")
    ]
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


def _trailing_blanks(text: str) -> bytes:
    """Spaces and tabs after every line, varied so no single pattern is special."""
    tails = (" ", "\t", "  \t ", "   ")
    lines = text.split("\n")
    return "\n".join(line + tails[n % len(tails)] for n, line in enumerate(lines)).encode("utf-8")


VARIANTS: dict[str, Callable[[str], bytes]] = {
    "utf8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "cp1252": lambda text: text.encode("cp1252"),
    "utf16le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "trailing-blanks": _trailing_blanks,
    "wrapped72": _wrapped,
}


def main() -> None:
    text = (HERE / "seed.txt").read_bytes().decode("utf-8")
    for name, make in VARIANTS.items():
        (HERE / f"seed.{name}.txt").write_bytes(make(text))


if __name__ == "__main__":
    main()
