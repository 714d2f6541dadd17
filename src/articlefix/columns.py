"""One document's fingerprints as stage 4 reads and updates them during one call of ``dedup``.

Copies of the fingerprint columns: a teaser expanded in place takes on its full paragraph's
normal form, size and keys, so later blocks find the full text there, as a second run would.
"""

from __future__ import annotations

from articlefix.fingerprint import Fingerprints
from articlefix.verdict import Verdict


class Columns:
    """Per block: normal form, words, keys, teaser marks, and the verdict reached so far."""

    __slots__ = ("heads", "norms", "sizes", "starts", "stops", "tails", "teasers", "verdicts")

    def __init__(self, prints: Fingerprints) -> None:
        self.norms, self.teasers, self.stops = list(prints.norms), set(prints.teasers), prints.stops
        self.sizes, self.heads = prints.sizes[:], prints.heads[:]
        self.tails, self.starts = prints.tails[:], prints.starts[:]
        self.verdicts: list[Verdict] = [Verdict.kept()] * len(prints.sizes)

    def words(self, n: int) -> list[str]:
        """Split again for the few blocks compared word by word; never stored."""
        return self.norms[n].split()

    def take(self, i: int, j: int) -> None:
        """Block ``i`` now reads as block ``j`` (a teaser expanded with its full text)."""
        self.norms[i] = self.norms[j]
        if j not in self.teasers:  # a longer teaser moved in is still a teaser
            self.teasers.discard(i)
        for column in (self.sizes, self.heads, self.tails, self.starts):
            column[i] = column[j]
