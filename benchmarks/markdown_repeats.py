"""The measurements behind Markdown mode's thresholds (``paste.LONG_AUTHORED``, ``mdedit.GLUED_*``).

    python benchmarks/markdown_repeats.py             # the team's eval sets beside the checkout
    python benchmarks/markdown_repeats.py FOLDER...   # any folders

For every ``.md``/``.markdown``/``.txt`` file below the folders: how many files, how many of them
CommonMark would glue (``Document.glued``), and the longest top-level paragraph that repeats
within its file (case and spacing aside), with the next longest, so that a bar for "long enough
to be a paste" can be read off.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from articlefix import mdedit
from articlefix.decode import decode

SUFFIXES = {".md", ".markdown", ".txt"}
SHARED = Path(__file__).resolve().parents[2] / "shared"
#: The hand-written Markdown folders, then the scraped news, each measured on its own.
DEFAULT = [
    [SHARED / "eval-md" / name for name in ("commonmark-spec", "jekyll-docs", "hugo-docs")],
    [SHARED / "eval-dev" / "cases"],
]


def repeats(doc: mdedit.Document) -> list[int]:
    """Word counts of the candidate paragraphs whose text comes again in the same file."""
    texts = [" ".join(doc.lines[p.start : p.end]).casefold().split() for p in doc.parts]
    seen = Counter(" ".join(t) for t, p in zip(texts, doc.parts, strict=True) if p.candidate)
    return [len(text.split()) for text, n in seen.items() if n > 1]


def main(folders: list[Path]) -> None:
    files = glued = 0
    lengths: list[tuple[int, str]] = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            doc = mdedit.read(decode(path.read_bytes()).text)
            files += 1
            glued += doc.glued
            lengths += [(n, path.name) for n in repeats(doc)]
    lengths.sort(reverse=True)
    print(
        f"{folders[0].parent.name}: files={files} glued={glued} repeated_paragraphs={len(lengths)}"
    )
    print("longest repeated paragraphs (words, file):", lengths[:5])


if __name__ == "__main__":
    for group in [[Path(a) for a in sys.argv[1:]]] if sys.argv[1:] else DEFAULT:
        main(group)
