"""Stage 4's rule: which differences between a block and its earlier look-alike are formatting.

Apart from the indexes in ``dedup.py`` because this is what decides whether text goes: words
normalised alike differ in nothing, and the one other harmless difference is a typo fixed, two
neighbouring letters swapped in one long word. Every other difference is content, and is named.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Hamming, Levenshtein


def difference(a: Sequence[str], b: Sequence[str]) -> str:
    """'' when words ``b`` repeat ``a`` but for a typo (two letters swapped); else what differs."""
    changes = [op for op in Levenshtein.opcodes(a, b) if op.tag != "equal"]
    if not changes:
        return ""
    op = changes[0]
    old, new = " ".join(a[op.src_start : op.src_end]), " ".join(b[op.dest_start : op.dest_end])
    if len(changes) == 1 and op.tag == "replace" and _swapped(old, new):
        return ""
    described = {
        "replace": f"{old!r} became {new!r}",
        "delete": f"{old!r} left out",
        "insert": f"{new!r} added",
    }[op.tag]
    return described + (f" (+{len(changes) - 1} more)" if len(changes) > 1 else "")


def _swapped(old: str, new: str) -> bool:
    """Two neighbouring letters swapped inside a word of five letters or more.

    The typo kind a later copy may fix ("freeodm:" -> "freedom:"); punctuation around the word
    may differ in nothing, and a digit is never part of it.
    """
    if len(old) != len(new):
        return False
    diff = [i for i, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i = diff[0]
    if not (old[i] == new[i + 1] and old[i + 1] == new[i] and old[i : i + 2].isalpha()):
        return False
    start, end = i, i + 2
    while start > 0 and old[start - 1].isalpha():
        start -= 1
    while end < len(old) and old[end].isalpha():
        end += 1
    return end - start >= 5


def typo(old: str, new: str) -> bool:
    """Equal-length texts that differ only by two letters swapped in one long word."""
    if Hamming.distance(old, new, score_cutoff=2) != 2:
        return False
    first, second = Hamming.editops(old, new)
    i = first.src_pos
    if second.src_pos != i + 1:
        return False
    start = old.rfind(" ", 0, i) + 1
    end = old.find(" ", i)
    return _swapped(old[start : end if end >= 0 else None], new[start : end if end >= 0 else None])
