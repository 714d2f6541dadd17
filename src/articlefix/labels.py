"""Stage 4, last pass: a one- or two-word block ("Q:", "Photo") goes only inside a repeated run.

Apart from ``dedup.py``, which finds each block's earlier places: whether a label goes depends
on its neighbours, which change as other labels go, so it is settled here, over and over, until
nothing changes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

#: Nearest earlier places of a label that count as its originals (with its first place).
NEAREST = 16


class Decided(Protocol):
    """What this pass reads of dedup's verdicts."""

    @property
    def keep(self) -> bool: ...

    @property
    def of(self) -> int | None: ...


class LabelRuns:
    """The kept blocks' neighbours and each label's kept places, for one call of ``dedup``."""

    def __init__(
        self,
        verdicts: Sequence[Decided],
        short: dict[int, int],
        places: dict[str, list[int]],
        norms: list[str],
        exact: dict[str, int],
    ) -> None:
        self.verdicts, self.short, self.places = verdicts, short, places
        self.norms, self.exact = norms, exact
        # Among a label's places, the neighbours still kept: linked lists, unlinked as they go.
        self.prev_place: dict[int, int] = {}
        self.next_place: dict[int, int] = {}
        self.gone: dict[int, int] = {}  # labels this pass removes -> the original they repeat

    def run(self) -> dict[int, int]:
        """A short repeat goes only in a run: a neighbour repeats its original's neighbour.

        The evidence is a neighbour removed as a copy, or one that is itself a short repeat (a
        run of labels). Neighbours are taken among kept blocks, a label's originals are its
        first place and its nearest kept places before it, and each removal re-checks the blocks
        whose neighbours or originals it changes, until nothing changes: a second run, which
        meets only the kept blocks, then finds nothing.
        """
        kept = [n for n, verdict in enumerate(self.verdicts) if verdict.keep]
        before = dict(zip(kept, [-1, *kept], strict=False))
        after = dict(zip(kept, [*kept[1:], -1], strict=False))
        for places in self.places.values():
            self.next_place.update(pairwise(places))
            self.prev_place.update((b, a) for a, b in pairwise(places))
        # A pending block or text is not queued twice; a text stands for all its kept places.
        work: deque[int | str] = deque(sorted(self.short))
        pending = set(work)
        while work:
            item = work.popleft()
            pending.discard(item)
            todo = [item] if isinstance(item, int) else self.places[item]
            for j in (k for k in todo if k in self.short):
                for k in self._settle(j, before, after):
                    if k not in pending:
                        pending.add(k)
                        work.append(k)
        return self.gone

    def _settle(self, j: int, before: dict[int, int], after: dict[int, int]) -> list[int | str]:
        """Remove ``j`` if it is in a run; what to check again then (nothing if it stays)."""
        if not self._kept(j):
            return []
        of = next((i for i in self._originals(j) if self._in_run(j, i, before, after)), None)
        if of is None:
            return []
        self.gone[j] = of
        again: list[int | str] = [*self._later_places(j)]  # their nearest places change
        self._unlink(j)
        left, right = before.pop(j), after.pop(j)
        for n, side, other in ((left, after, right), (right, before, left)):
            if n >= 0:
                side[n] = other
                again.extend(k for k in (n,) if k in self.short)
                again.extend(self._watchers(n))
        return again

    def _originals(self, j: int) -> list[int]:
        """The first place of ``j``'s text and up to ``NEAREST`` kept places nearest before it."""
        return [self.short[j], *reversed(self._walk(j, self.prev_place))]

    def _later_places(self, j: int) -> list[int]:
        """The kept places after ``j`` that count it among their nearest."""
        return self._walk(j, self.next_place)

    @staticmethod
    def _walk(j: int, links: dict[int, int]) -> list[int]:
        """Up to ``NEAREST`` places from ``j`` along ``links``, nearest first."""
        found: list[int] = []
        k = links.get(j)
        while k is not None and len(found) < NEAREST:
            found.append(k)
            k = links.get(k)
        return found

    def _watchers(self, n: int) -> list[int | str]:
        """The blocks that have ``n`` among their originals: the first place of a text stands
        for all its later places, queued as the text (expanded when its turn comes, so a
        thousand removals next to it do not queue a thousand places a thousand times)."""
        norm = self.norms[n]
        places = self.places.get(norm, [])
        if places and self.exact.get(norm) == n:
            return [norm]
        return [k for k in self._later_places(n) if k in self.short]

    def _unlink(self, j: int) -> None:
        before, after = self.prev_place.pop(j, None), self.next_place.pop(j, None)
        if before is not None:
            if after is None:
                del self.next_place[before]
            else:
                self.next_place[before] = after
        if after is not None:
            if before is None:
                del self.prev_place[after]
            else:
                self.prev_place[after] = before

    def _in_run(self, j: int, i: int, before: dict[int, int], after: dict[int, int]) -> bool:
        if not self._kept(i):
            return False
        return any(
            side[i] >= 0 and (self._pairs(j + d, side[i]) or self._pairs(side[j], side[i]))
            for d, side in ((-1, before), (1, after))
        )

    def _pairs(self, n: int, i: int) -> bool:
        """Block ``n`` is (or may be, for a short one) a copy of block ``i``."""
        if not 0 <= n < len(self.verdicts):
            return False
        if not self._kept(n):
            return self.gone.get(n, self.verdicts[n].of) == i
        return n in self.short and i in self._originals(n)

    def _kept(self, n: int) -> bool:
        return n not in self.gone and self.verdicts[n].keep
