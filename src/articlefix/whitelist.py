"""Stage 4's rule: which differences between a block and its earlier look-alike are formatting.

Apart from the indexes in ``dedup.py`` because this is what decides whether text goes: words
normalised alike differ in nothing, and the one other harmless difference is a typo fixed, two
neighbouring letters swapped in one long word. Every other difference is content, and is named.
"""

from __future__ import annotations

from rapidfuzz.distance import Hamming, Levenshtein

from articlefix.fingerprint import normal_forms

#: Differences named in a "similar, kept" reason; more are counted, not listed.
SHOWN = 3


def difference(old: str, new: str) -> str:
    """'' when ``new`` repeats ``old`` but for a typo (two letters swapped); else what differs,
    in the words as written ("'Queens,' became 'Patrick,'; '12' added").

    Words are aligned by their normal forms, so a difference of case or quote marks alone is
    never named; a word that is only formatting (a lone quote mark) takes no part.
    """
    a, b = _words(old), _words(new)
    keys_a, keys_b = [key for key, _ in a], [key for key, _ in b]
    changes = [op for op in Levenshtein.opcodes(keys_a, keys_b) if op.tag != "equal"]
    if not changes:
        return ""
    op = changes[0]
    if len(changes) == 1 and op.tag == "replace":
        removed = " ".join(keys_a[op.src_start : op.src_end])
        if _swapped(removed, " ".join(keys_b[op.dest_start : op.dest_end])):
            return ""
    named = []
    for op in changes[:SHOWN]:
        was = " ".join(word for _, word in a[op.src_start : op.src_end])
        now = " ".join(word for _, word in b[op.dest_start : op.dest_end])
        named.append(
            {"replace": f"{was!r} became {now!r}", "delete": f"{was!r} left out",
             "insert": f"{now!r} added"}[op.tag]
        )  # fmt: skip
    more = len(changes) - SHOWN
    return "; ".join(named) + (
        f"; and {more} more difference{'s' * (more > 1)}" if more > 0 else ""
    )


def _words(text: str) -> list[tuple[str, str]]:
    """(normal form, word as written) for each word that is more than formatting."""
    words = text.split()
    return [(key, word) for key, word in zip(normal_forms(words), words, strict=True) if key]


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
