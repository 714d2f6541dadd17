"""Stage 4: which blocks repeat earlier ones, decided by a whitelist, found through hash indexes.

Candidates come from two indexes, never from all pairs: the exact normalised text, and head/tail
word shingles (a small change inside a block leaves one of them intact). Each index list is
capped, so template-like text where every line looks alike stays linear. rapidfuzz scores a
candidate; the score only finds pairs. What decides is :func:`difference`: a later block goes
only when every difference from its original is a known formatting artefact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Hamming, Levenshtein
from rapidfuzz.fuzz import ratio

from articlefix.fingerprint import Fingerprint

#: Candidates must score this with rapidfuzz before the whitelist looks at them.
SIMILAR = 85.0
#: Longest index list: past it a key is too common to tell blocks apart.
POSTINGS = 16
#: Blocks of fewer words go only as part of a repeated run ("Q:", "Photo").
MIN_ALONE = 3


@dataclass(frozen=True, slots=True)
class Verdict:
    """Dedup's decision on one block; ``of`` names the earlier block it repeats or resembles."""

    keep: bool
    reason: str = ""
    of: int | None = None
    similarity: float = 100.0
    text: str | None = None  # fuller text moved here from a later copy (a teaser expanded)


_KEPT = Verdict(True)


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


def _typo(old: str, new: str) -> bool:
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


def dedup(
    texts: Sequence[str], prints: Sequence[Fingerprint | None], *, max_candidates: int
) -> list[Verdict]:
    """One verdict per block; ``None`` prints (verbatim Markdown) are always kept."""
    return _Dedup(texts, prints, max_candidates).run()


class _Dedup:
    """The indexes of one call; they never outlive it, so calls cannot influence each other."""

    def __init__(
        self, texts: Sequence[str], prints: Sequence[Fingerprint | None], max_candidates: int
    ) -> None:
        self.texts, self.prints, self.max_candidates = texts, prints, max_candidates
        self.verdicts: list[Verdict] = [_KEPT] * len(prints)
        self.exact: dict[str, int] = {}
        self.near: defaultdict[int, list[int]] = defaultdict(list)
        self.starts: defaultdict[int, list[int]] = defaultdict(list)
        self.seen: defaultdict[str, list[int]] = defaultdict(list)  # short texts' occurrences
        self.short: dict[int, list[int]] = {}  # short block -> earlier blocks it equals

    def run(self) -> list[Verdict]:
        for j, fp in enumerate(self.prints):
            if fp is None or not fp.size:
                continue
            verdict = self._judge(j, fp)
            self.verdicts[j] = verdict
            if verdict.keep:
                self._index(j, fp)
        self._runs()
        return self.verdicts

    def _judge(self, j: int, fp: Fingerprint) -> Verdict:
        if fp.size < MIN_ALONE:
            if fp.norm in self.seen:
                self.short[j] = list(self.seen[fp.norm])
            return _KEPT
        first = self.exact.get(fp.norm)
        if first is not None:
            same = self.texts[first].strip() == self.texts[j].strip()
            return Verdict(False, "exact repeat" if same else "near copy (formatting)", first)
        return self._near(j, fp) or self._contained(j, fp) or _KEPT

    def _near(self, j: int, fp: Fingerprint) -> Verdict | None:
        """A copy with a typo fixed; otherwise the closest look-alike, reported as kept.

        Only a candidate of the same length can be a typo fix (two letters swapped), so the
        word-level diff runs for those, and once more to describe the closest look-alike.
        """
        seen = sorted({i for key in fp.keys for i in self.near.get(key, ())})
        best, best_score = -1, 0.0
        for i in seen[: self.max_candidates]:
            other = self.prints[i]
            assert other is not None
            score = ratio(other.norm, fp.norm, score_cutoff=SIMILAR)
            if not score:
                continue
            if len(other.norm) == len(fp.norm) and _typo(other.norm, fp.norm):
                return Verdict(False, "near copy (typo fixed)", i, round(score, 1))
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            return None
        other = self.prints[best]
        assert other is not None
        why = difference(other.words, fp.words)
        return Verdict(True, f"similar, kept: {why}", best, round(best_score, 1))

    def _contained(self, j: int, fp: Fingerprint) -> Verdict | None:
        """A teaser and its full paragraph, or earlier blocks glued into one."""
        words = fp.words
        for i in self.starts.get(fp.start, ()):
            other = self.prints[i]
            assert other is not None
            if _prefix(other, words):
                glued = self._glued(i, words)
                if glued is not None:
                    return Verdict(False, f"earlier blocks {i + 1}-{glued + 1} glued together", i)
                if other.teaser:
                    self.verdicts[i] = Verdict(True, "teaser expanded", j, text=self.texts[j])
                    self.exact.setdefault(fp.norm, i)
                    return Verdict(False, "fuller text moved to the teaser's place", i)
            elif fp.teaser and _prefix(fp, other.words):
                return Verdict(False, "teaser of an earlier paragraph", i)
        return None

    def _glued(self, i: int, words: list[str]) -> int | None:
        """Last block of the kept run starting at ``i`` whose words, joined, are ``words``."""
        at = 0
        for k in range(i, min(len(self.prints), i + len(words) + POSTINGS)):
            part = self.prints[k]
            if part is not None and self.verdicts[k].keep and part.size:
                if words[at : at + part.size] != part.words:
                    return None
                at += part.size
                if at == len(words):
                    return k if k > i else None
        return None

    def _index(self, j: int, fp: Fingerprint) -> None:
        if fp.size < MIN_ALONE:
            if len(self.seen[fp.norm]) < POSTINGS:
                self.seen[fp.norm].append(j)
            return
        self.exact.setdefault(fp.norm, j)
        for key in fp.keys:
            if len(self.near[key]) < POSTINGS:
                self.near[key].append(j)
        if fp.start and len(self.starts[fp.start]) < POSTINGS:
            self.starts[fp.start].append(j)

    def _runs(self) -> None:
        """A short exact repeat goes only in a run: a neighbour repeats its original's neighbour.

        The neighbour may be a removed copy or another short repeat (a run of labels); the
        forward and the backward sweep between them carry a run through any number of labels.
        """
        for order in (sorted(self.short), sorted(self.short, reverse=True)):
            for j in order:
                for i in self.short[j]:
                    if self.verdicts[j].keep and any(
                        self._pairs(j + d, self._step(i, d)) for d in (-1, 1)
                    ):
                        self.verdicts[j] = Verdict(False, "short label in a repeated run", i)

    def _step(self, i: int, d: int) -> int:
        """The kept neighbour of original ``i``: copies removed in between do not break a run."""
        for _ in range(POSTINGS):
            i += d
            if not 0 <= i < len(self.verdicts) or self.verdicts[i].keep:
                break
        return i

    def _pairs(self, j: int, i: int) -> bool:
        """Block ``j`` is (or may be, for a short one) a copy of block ``i``."""
        if not 0 <= j < len(self.verdicts):
            return False
        verdict = self.verdicts[j]
        return (not verdict.keep and verdict.of == i) or i in self.short.get(j, ())


def _prefix(short: Fingerprint, words: list[str]) -> bool:
    """``short`` is a proper prefix of ``words``; a teaser's last word may be cut off."""
    mine = short.words
    n = len(mine)
    if n >= len(words) or mine[: n - 1] != words[: n - 1]:
        return False
    return mine[-1] == words[n - 1] or (short.teaser and words[n - 1].startswith(mine[-1]))
