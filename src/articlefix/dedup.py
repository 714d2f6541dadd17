"""Stage 4: which blocks repeat earlier ones, decided by a whitelist, found through hash indexes.

Candidates come from two indexes, never from all pairs: the exact normalised text, and head/tail
word shingles (a small change inside a block leaves one of them intact). Each index list is
capped, and a full one finds nothing: a key that many blocks share tells none of them apart, so
template-like text where every line looks alike stays linear. rapidfuzz scores a candidate; the
score only finds pairs. What decides is the whitelist (``whitelist.py``): a later block goes
only when every difference from its original is a known formatting artefact.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from articlefix.fingerprint import Fingerprints
from articlefix.labels import LabelRuns
from articlefix.quotes import Pairing
from articlefix.whitelist import difference, typo

#: Candidates must score this with rapidfuzz before the whitelist looks at them.
SIMILAR = 85.0
#: Longest index list: a key shared by this many kept blocks is too common to tell blocks apart
#: (template lines: "Ligue 1, 12e journée : ..."), and finds no candidates from then on.
POSTINGS = 16
#: Blocks of fewer words go only as part of a repeated run ("Q:", "Photo").
MIN_ALONE = 3


class Verdict(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """Dedup's decision on one block; ``of`` names the earlier block it repeats or resembles."""

    keep: bool
    reason: str = ""
    of: int | None = None
    similarity: float = 100.0
    text: str | None = None  # fuller text moved here from a later copy (a teaser expanded)


_KEPT = Verdict(True)


def dedup(
    texts: Sequence[str],
    prints: Fingerprints,
    *,
    max_candidates: int,
    pairing: Pairing,
) -> list[Verdict]:
    """One verdict per block; empty fingerprints (verbatim Markdown, blank) are always kept.

    ``pairing`` (``quotes.pairing`` of ``texts``) tells an attribution line from its quote.
    Such a line that repeats an earlier attribution is the same speaker quoted again: like a
    short label, it goes only inside a repeated run, so a second quote keeps its speaker.
    """
    return _Dedup(texts, prints, max_candidates, pairing).run()


class _Dedup:
    """The indexes of one call; they never outlive it, so calls cannot influence each other."""

    def __init__(
        self,
        texts: Sequence[str],
        prints: Fingerprints,
        max_candidates: int,
        pairing: Pairing,
    ) -> None:
        self.texts, self.max_candidates = texts, max_candidates
        self.pairing = pairing
        # Copies: a teaser expanded in place takes on its full paragraph's fingerprint.
        self.norms, self.teasers = list(prints.norms), set(prints.teasers)
        self.stops = prints.stops
        self.sizes, self.head_keys = prints.sizes[:], prints.heads[:]
        self.tail_keys, self.start_keys = prints.tails[:], prints.starts[:]
        self.verdicts: list[Verdict] = [_KEPT] * len(texts)
        self.exact: dict[str, int] = {}
        # Postings are tuples: most keys have one, and a 1-tuple is half the size of a list.
        self.near: dict[int, tuple[int, ...]] = {}
        self.starts: dict[int, tuple[int, ...]] = {}
        self.places: dict[str, list[int]] = {}  # a label's later places, in reading order
        self.short: dict[int, int] = {}  # short block -> the first block of its text
        self.attributions: set[int] = set()

    def run(self) -> list[Verdict]:
        before: int | None = None  # the last kept block of three words or more
        # The same, unless verbatim Markdown (kept) stands between: a teaser's full text must
        # follow it. A label between does not count, as the label pass may still remove it.
        previous: int | None = None
        for j, size in enumerate(self.sizes):
            if not size:
                previous = None
                continue
            # Judged against what is kept, not what was pasted: a second run sees the same.
            if before is not None and self.pairing.closes(j, before):
                self.attributions.add(j)
            verdict = self._judge(j, size, previous)
            self.verdicts[j] = verdict
            if verdict.keep:
                self._index(j)
                before = j if size >= MIN_ALONE else before
                previous = j if size >= MIN_ALONE else previous
        runs = LabelRuns(self.verdicts, self.short, self.places, self.norms, self.exact)
        for j, of in runs.run().items():
            what = "attribution line" if j in self.attributions else "short label"
            self.verdicts[j] = Verdict(False, f"{what} in a repeated run", of)
        return self.verdicts

    def _judge(self, j: int, size: int, previous: int | None) -> Verdict:
        norm = self.norms[j]
        first = self.exact.get(norm)
        if size < MIN_ALONE or (j in self.attributions and first in self.attributions):
            if first is not None:
                self.short[j] = first
            return _KEPT
        if first is not None:
            same = self.texts[first].strip() == self.texts[j].strip()
            return Verdict(False, "exact repeat" if same else "near copy (formatting)", first)
        # A look-alike found does not end the search: a pair glued into one copy also looks
        # like its first block, when the second is short.
        near = self._near(j)
        if near is not None and not near.keep:
            return near
        return self._contained(j, previous) or near or _KEPT

    def _near(self, j: int) -> Verdict | None:
        """A copy with a typo fixed; otherwise the closest look-alike, reported as kept.

        Only a candidate of the same length can be a typo fix (two letters swapped), so the
        word-level diff runs for those, and once more to describe the closest look-alike.
        """
        head = self.near.get(self.head_keys[j], ())
        tail = self.near.get(self.tail_keys[j], ())
        # Most blocks: nothing earlier starts or ends alike, or only a full list (template
        # lines), which finds nothing.
        if len(head) >= POSTINGS:
            head = ()
        if len(tail) >= POSTINGS:
            tail = ()
        if not (head or tail):
            return None
        seen = sorted({*head, *tail})[: self.max_candidates]
        norm, norms = self.norms[j], self.norms
        # One call scores all candidates: template lines bring several each, and a call per
        # candidate costs more than the comparison. Judged in the blocks' order, as found.
        scored = extract(
            norm,
            [norms[i] for i in seen],
            scorer=ratio,
            processor=None,
            score_cutoff=SIMILAR,
            limit=None,
        )
        best, best_score = -1, 0.0
        for _, score, at in sorted(scored, key=itemgetter(2)):
            i = seen[at]
            if len(norms[i]) == len(norm) and typo(norms[i], norm):
                return Verdict(False, "near copy (typo fixed)", i, round(score, 1))
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            return None
        why = difference(self.texts[best], self.texts[j])
        return Verdict(True, f"similar, kept: {why}", best, round(best_score, 1))

    def _contained(self, j: int, previous: int | None) -> Verdict | None:
        """A teaser and its full paragraph, or earlier blocks glued into one.

        A teaser ends in an ellipsis, or is a whole sentence of its own (``stops``) that the
        very next kept block goes on from: only there, as an article may well repeat its lead
        sentence inside a paragraph further on.
        """
        starts = self.starts.get(self.start_keys[j], ())
        if not starts or len(starts) == POSTINGS:
            return None
        teasers, norms = self.teasers, self.norms
        norm, teaser = norms[j], j in teasers
        # Template lines share their first words by the dozen: ``startswith``, which ``_prefix``
        # needs anyway, rules nearly all of them out before a method call.
        for i in starts:
            if norm.startswith(norms[i]) and self._prefix(i, j):
                glued = self._glued(i, self._words(j))
                if glued is not None:
                    return Verdict(False, f"earlier blocks {i + 1}-{glued + 1} glued together", i)
                if i in teasers or (i == previous and i in self.stops):
                    self.verdicts[i] = Verdict(True, "teaser expanded", j, text=self.texts[j])
                    self._expand(i, j, starts)
                    return Verdict(False, "fuller text moved to the teaser's place", i)
            elif teaser and norms[i].startswith(norm) and self._prefix(j, i):
                return Verdict(False, "teaser of an earlier paragraph", i)
        return None

    def _prefix(self, short: int, long: int) -> bool:
        """``short``'s words are a proper prefix of ``long``'s; a teaser's last word may be cut.

        For a pair whose texts already start alike (the words are split only then).
        """
        mine, words = self._words(short), self._words(long)
        n = len(mine)
        if n >= len(words) or mine[: n - 1] != words[: n - 1]:
            return False
        cut = short in self.teasers and words[n - 1].startswith(mine[-1])
        return mine[-1] == words[n - 1] or cut

    def _glued(self, i: int, words: list[str]) -> int | None:
        """Last block of the kept run starting at ``i`` whose words, joined, are ``words``."""
        at = 0
        for k in range(i, min(len(self.sizes), i + len(words) + POSTINGS)):
            size = self.sizes[k]
            if size and self.verdicts[k].keep:
                if words[at : at + size] != self._words(k):
                    return None
                at += size
                if at == len(words):
                    return k if k > i else None
        return None

    def _expand(self, i: int, j: int, alike: Sequence[int]) -> None:
        """The teaser at ``i`` now holds block ``j``'s text: found as that text from now on.

        A second run meets the full text at ``i``, so it must be so for every later block, and
        other teasers of it kept since (``alike`` holds them) go now, as they would then.
        """
        for k in alike:
            if k > i and k in self.teasers and self.verdicts[k].keep and self._prefix(k, j):
                self.verdicts[k] = Verdict(False, "teaser of an earlier paragraph", i)
                self._unindex(k)
        self.norms[i] = self.norms[j]
        if j not in self.teasers:  # a longer teaser moved in is still a teaser
            self.teasers.discard(i)
        for column in (self.sizes, self.head_keys, self.tail_keys, self.start_keys):
            column[i] = column[j]
        self._index(i)

    def _unindex(self, k: int) -> None:
        for key in (self.head_keys[k], self.tail_keys[k], self.start_keys[k]):
            index = self.starts if key & 3 == 3 else self.near
            if k in (postings := index.get(key, ())):
                index[key] = tuple(n for n in postings if n != k)

    def _words(self, n: int) -> list[str]:
        return self.norms[n].split()

    def _index(self, j: int) -> None:
        """Every kept block is the first of its text or, for a label, one more of its places."""
        norm = self.norms[j]
        if self.exact.setdefault(norm, j) != j:
            self.places.setdefault(norm, []).append(j)
            return
        for key in (self.head_keys[j], self.tail_keys[j], self.start_keys[j]):
            index = self.starts if key & 3 == 3 else self.near
            postings = index.get(key, ())
            if key and len(postings) < POSTINGS and j not in postings:  # an expanded teaser
                index[key] = (*postings, j)
