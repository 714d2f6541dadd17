"""Stage 4: which blocks repeat earlier ones, decided by a whitelist, found through hash indexes.

Candidates come from two indexes, never from all pairs: the exact normalised text, and head/tail
word shingles (a small change inside a block leaves one of them intact; ``candidates.py``).
rapidfuzz scores a candidate; the score only finds pairs. What decides is the whitelist
(``whitelist.py``): a later block goes only when every difference from its original is a known
formatting artefact. Then containment (``containment.py``: teasers, glued blocks) and, last, the
label pass (``labels.py``: a short block goes only inside a repeated run).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from articlefix.candidates import CandidateIndex
from articlefix.columns import Columns
from articlefix.containment import Expansion, contained
from articlefix.fingerprint import Fingerprints, unbulleted
from articlefix.labels import Repeats, label_runs
from articlefix.quotes import Pairing
from articlefix.verdict import Reason, Verdict
from articlefix.whitelist import near_copy

#: Blocks of fewer words go only as part of a repeated run ("Q:", "Photo").
MIN_ALONE = 3


class Expanded(NamedTuple):
    """A teaser written with a later block's fuller text: ``teaser`` takes ``full``'s text."""

    teaser: int
    full: int


class Decisions(NamedTuple):
    """One verdict per block, and the teaser expansions to apply, in order (a later one for
    the same teaser wins: teasers growing longer end in one place)."""

    verdicts: list[Verdict]
    expanded: list[Expanded]


def dedup(
    texts: Sequence[str],
    prints: Fingerprints,
    *,
    max_candidates: int,
    pairing: Pairing,
) -> Decisions:
    """One verdict per block; empty fingerprints (verbatim Markdown, blank) are always kept.

    ``pairing`` (``quotes.pairing`` of ``texts``) tells an attribution line from its quote.
    Such a line that repeats an earlier attribution is the same speaker quoted again: like a
    short label, it goes only inside a repeated run, so a second quote keeps its speaker.
    """
    state = _Pass(texts, prints, max_candidates, pairing)
    repeats = state.run()
    verdicts = state.cols.verdicts
    for j, of in label_runs(verdicts, repeats).items():
        why = Reason.ATTRIBUTION if j in state.attributions else Reason.LABEL
        verdicts[j] = Verdict.repeat(why, of)
    return Decisions(verdicts, state.expanded)


class _Pass:
    """The main pass's indexes; they never outlive one call, so calls cannot influence others."""

    def __init__(
        self, texts: Sequence[str], prints: Fingerprints, max_candidates: int, pairing: Pairing
    ) -> None:
        self.texts, self.max_candidates, self.pairing = texts, max_candidates, pairing
        self.cols, self.index = Columns(prints), CandidateIndex()
        self.seen = _Seen()
        self.attributions: set[int] = set()
        self.expanded: list[Expanded] = []

    def run(self) -> Repeats:
        before: int | None = None  # the last kept block of three words or more
        # The same, unless verbatim Markdown (kept) stands between: a teaser's full text must
        # follow it. A label between does not count, as the label pass may still remove it.
        previous: int | None = None
        verdicts, closes = self.cols.verdicts, self.pairing.closes
        judge, index = self._judge, self._index  # bound once: this loop runs on every block
        for j, size in enumerate(self.cols.sizes):
            if not size:
                previous = None
                continue
            # Judged against what is kept, not what was pasted: a second run sees the same.
            if before is not None and closes(j, before):
                self.attributions.add(j)
            verdicts[j] = verdict = judge(j, size, previous)
            if verdict.keep:
                index(j)
                before = j if size >= MIN_ALONE else before
                previous = j if size >= MIN_ALONE else previous
        return self.seen.repeats(self.cols.norms)

    def _judge(self, j: int, size: int, previous: int | None) -> Verdict:
        cols = self.cols
        first = self.seen.first.get(cols.norms[j])
        if size < MIN_ALONE or (j in self.attributions and first in self.attributions):
            if first is not None:
                self.seen.short[j] = first
            return Verdict.kept()
        if first is not None:
            same = unbulleted(self.texts[first]) == unbulleted(self.texts[j])
            return Verdict.repeat(Reason.EXACT if same else Reason.FORMATTING, first)
        # Most blocks: nothing earlier starts or ends alike, or only a full list (template
        # lines), which finds nothing. A look-alike found does not end the search: a pair
        # glued into one copy also looks like its first block, when the second is short.
        alike = self.index.near(cols.heads[j], cols.tails[j])
        near = near_copy(self.texts, cols.norms, j, alike[: self.max_candidates]) if alike else None
        if near is not None and not near.keep:
            return near
        starts = self.index.starting(cols.starts[j])  # mostly none, or a full list: ()
        found = contained(cols, starts, j, previous) if starts else None
        if found is None:
            return near or Verdict.kept()
        if found.expansion is not None:
            self._expand(found.expansion)
        return found.verdict

    def _expand(self, expansion: Expansion) -> None:
        """The teaser now holds the full text: found as that text from now on, as a second
        run meets it, and the other teasers of that text kept since go now, as they would then.
        """
        i, j = expansion.teaser, expansion.full
        cols = self.cols
        cols.verdicts[i] = Verdict.expanded(j)
        self.expanded.append(Expanded(i, j))
        for k in expansion.gone:
            cols.verdicts[k] = Verdict.repeat(Reason.TEASER, i)
            self.index.remove(k, cols.heads[k], cols.tails[k], cols.starts[k])
        cols.take(i, j)
        self._index(i)

    def _index(self, j: int) -> None:
        """Every kept block is the first of its text or, for a label, one more of its places."""
        cols = self.cols
        if self.seen.add(j, cols.norms[j]):
            self.index.add(j, cols.heads[j], cols.tails[j], cols.starts[j])


class _Seen:
    """The kept blocks by normal form: the first of each text, and its later places."""

    __slots__ = ("first", "places", "short")

    def __init__(self) -> None:
        self.first: dict[str, int] = {}  # normal form -> the first kept block of that text
        self.places: dict[str, list[int]] = {}  # a text's later kept places, in reading order
        self.short: dict[int, int] = {}  # short block -> the first block of its text

    def add(self, j: int, norm: str) -> bool:
        """Block ``j`` kept; True when it is the first of its text."""
        if self.first.setdefault(norm, j) == j:
            return True
        self.places.setdefault(norm, []).append(j)
        return False

    def repeats(self, norms: list[str]) -> Repeats:
        """What the label pass needs: each text seen again with its later places, by its
        first place (where that block still reads as that text)."""
        first, places = self.first, self.places
        leaders = {at: n for n, norm in enumerate(places) if norms[at := first[norm]] == norm}
        return Repeats(self.short, tuple(tuple(later) for later in places.values()), leaders)
