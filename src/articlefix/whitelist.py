"""Stage 4's rule: which differences between a block and its earlier look-alike are formatting.

Apart from the indexes in ``dedup.py`` because this is what decides whether text goes: words
normalised alike differ in nothing, and the one other harmless difference is a typo fixed, two
neighbouring letters swapped in one long word. Every other difference is content, and is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz.distance import Hamming, Levenshtein
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from articlefix.fingerprint import normal_forms
from articlefix.verdict import Reason, Verdict

#: Differences named in a "similar, kept" reason; more are counted, not listed.
SHOWN = 3
#: Candidates must score this with rapidfuzz before the whitelist looks at them.
SIMILAR = 85.0


def near_copy(
    texts: Sequence[str], norms: Sequence[str], j: int, seen: list[int]
) -> Verdict | None:
    """Block ``j`` against its candidates ``seen`` (earlier kept blocks, in reading order): a
    copy with a typo fixed; otherwise the closest look-alike, reported as kept; or None.

    Only a candidate of the same length can be a typo fix (two letters swapped), so the
    word-level diff runs for those, and once more to describe the closest look-alike.
    """
    norm = norms[j]
    # One call scores all candidates: template lines bring several each, and a call per
    # candidate costs more than the comparison. Judged in the blocks' order, as found.
    scored = extract(norm, [norms[i] for i in seen], scorer=ratio, processor=None,
                     score_cutoff=SIMILAR, limit=None)  # fmt: skip
    best, best_score = -1, 0.0
    for _, score, at in sorted(scored, key=itemgetter(2)):
        i = seen[at]
        if len(norms[i]) == len(norm) and typo(norms[i], norm):
            return Verdict.repeat(Reason.TYPO, i, round(score, 1))
        if score > best_score:
            best, best_score = i, score
    if best < 0:
        return None
    return Verdict.similar(best, difference(texts[best], texts[j]), round(best_score, 1))


class Word(NamedTuple):
    """A word as written, its normal form, and its place among the text's words."""

    key: str
    text: str
    at: int


class Segment(NamedTuple):
    """A stretch of two aligned texts: ``equal``, ``replace``, ``delete`` or ``insert``."""

    tag: str
    old: list[Word]
    new: list[Word]


def aligned(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` aligned by their normal forms, so a difference of case
    or quote marks alone is never a change; a word that is only formatting (a lone quote mark)
    takes no part. For naming a difference here, and for showing it on the review page."""
    return _segments(old, new, equal=True)


def _segments(old: str, new: str, *, equal: bool) -> list[Segment]:
    """:func:`aligned`, the equal stretches left out unless ``equal``: naming a difference
    needs the others only, and their words were half the time of it."""
    a, b = _Comparable.of(old), _Comparable.of(new)
    return [
        Segment(op.tag, a.words(op.src_start, op.src_end), b.words(op.dest_start, op.dest_end))
        for op in Levenshtein.opcodes(a.keys, b.keys)
        if equal or op.tag != "equal"
    ]


class _Comparable(NamedTuple):
    """A text's words that are more than formatting: their normal forms and places."""

    keys: list[str]
    written: list[str]  # all the text's words, as written
    at: list[int]  # each key's place among ``written``

    @classmethod
    def of(cls, text: str) -> _Comparable:
        written = text.split()
        keys = normal_forms(written)
        at = [n for n, key in enumerate(keys) if key]
        return cls([keys[n] for n in at], written, at)

    def words(self, start: int, end: int) -> list[Word]:
        """The words from key ``start`` to ``end``."""
        return [Word(self.keys[k], self.written[self.at[k]], self.at[k]) for k in range(start, end)]


def difference(old: str, new: str) -> str:
    """'' when ``new`` repeats ``old`` but for a typo (two letters swapped); else what differs,
    in the words as written ("'Queens,' became 'Patrick,'; '12' added")."""
    changes = _segments(old, new, equal=False)
    if not changes:
        return ""
    first = changes[0]
    old, new = " ".join(w.key for w in first.old), " ".join(w.key for w in first.new)
    if len(changes) == 1 and first.tag == "replace" and _swapped(old, new):
        return ""
    named = []
    for seg in changes[:SHOWN]:
        was, now = " ".join(w.text for w in seg.old), " ".join(w.text for w in seg.new)
        named.append(
            {"replace": f"{was!r} became {now!r}", "delete": f"{was!r} left out",
             "insert": f"{now!r} added"}[seg.tag]
        )  # fmt: skip
    more = len(changes) - SHOWN
    return "; ".join(named) + (
        f"; and {more} more difference{'s' * (more > 1)}" if more > 0 else ""
    )


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
