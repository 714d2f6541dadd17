"""One document's fingerprints as stage 4 reads and updates them during one call of ``dedup``.

A teaser expanded in place takes on its full paragraph's normal form, size and keys, so later
blocks find the full text there, as a second run would: the columns are copied then, first.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from articlefix.fingerprint import Fingerprints
from articlefix.verdict import Verdict


class Columns:
    """Per block: normal form, words, keys, teaser marks, and the verdict reached so far."""

    __slots__ = (
        "_copied", "heads", "norms", "sizes", "starts", "stops", "tails", "teasers", "verdicts",
    )  # fmt: skip

    def __init__(self, prints: Fingerprints) -> None:
        # The fingerprints' own columns until a teaser is expanded (most documents have none):
        # then copies, as the caller reads the fingerprints again (paste.py, the word counts).
        self.norms, self.stops = prints.norms, prints.stops
        self.teasers: AbstractSet[int] = prints.teasers
        self.sizes, self.heads = prints.sizes, prints.heads
        self.tails, self.starts = prints.tails, prints.starts
        self._copied = False
        self.verdicts: list[Verdict] = [Verdict.kept()] * len(prints.sizes)

    def words(self, n: int) -> list[str]:
        """Split again for the few blocks compared word by word; never stored."""
        return self.norms[n].split()

    def take(self, i: int, j: int) -> None:
        """Block ``i`` now reads as block ``j`` (a teaser expanded with its full text)."""
        if not self._copied:
            self._copied = True
            self.norms = list(self.norms)
            self.sizes, self.heads = self.sizes[:], self.heads[:]
            self.tails, self.starts = self.tails[:], self.starts[:]
        self.norms[i] = self.norms[j]
        if j not in self.teasers:  # a longer teaser moved in is still a teaser
            self.teasers = self.teasers - {i}
        for column in (self.sizes, self.heads, self.tails, self.starts):
            column[i] = column[j]
