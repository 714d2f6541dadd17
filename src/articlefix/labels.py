"""Stage 4, last pass: a one- or two-word block ("Q:", "Photo") goes only inside a repeated run.

Apart from ``dedup.py``, which finds each block's earlier places: whether a label goes depends
on its neighbours, which change as other labels go, so it is settled here, over and over, until
nothing changes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple, Protocol

#: Nearest earlier places of a label that count as its originals (with its first place).
NEAREST = 16


class Decided(Protocol):
    """What this pass reads of dedup's verdicts."""

    @property
    def keep(self) -> bool: ...

    @property
    def of(self) -> int | None: ...


class Repeats(NamedTuple):
    """What dedup's main pass found of texts seen again: all this pass reads of it."""

    short: Mapping[int, int]  # each short block seen before -> the first place of its text
    places: tuple[tuple[int, ...], ...]  # per text seen again: its later kept places, in order
    leaders: Mapping[int, int]  # a text's first place -> its entry in ``places``


class _Text(NamedTuple):
    """A text queued for another look: all its places (see ``_watchers``)."""

    entry: int


def label_runs(verdicts: Sequence[Decided], repeats: Repeats) -> dict[int, int]:
    """The short repeats that go, each with the original it repeats.

    A short repeat goes only in a run: a neighbour repeats its original's neighbour. The
    evidence is a neighbour removed as a copy, or one that is itself a short repeat (a run of
    labels). Neighbours are taken among kept blocks, a label's originals are its first place
    and its nearest kept places before it, and each removal re-checks the blocks whose
    neighbours or originals it changes, until nothing changes: a second run, which meets only
    the kept blocks, then finds nothing.
    """
    if not repeats.short:  # no short block seen again (template lines): nothing to settle
        return {}
    return LabelRuns(verdicts, repeats).run()


class LabelRuns:
    """The kept blocks' neighbours and each label's kept places, for one call of ``dedup``."""

    def __init__(self, verdicts: Sequence[Decided], repeats: Repeats) -> None:
        self.verdicts, self.short = verdicts, repeats.short
        self.places, self.leaders = repeats.places, repeats.leaders
        self.links = _Places(repeats.places)
        self.gone: dict[int, int] = {}  # labels this pass removes -> the original they repeat

    def run(self) -> dict[int, int]:
        kept = [n for n, verdict in enumerate(self.verdicts) if verdict.keep]
        before = dict(zip(kept, [-1, *kept], strict=False))
        after = dict(zip(kept, [*kept[1:], -1], strict=False))
        # A pending block or text is not queued twice; a text stands for all its kept places.
        work: deque[int | _Text] = deque(sorted(self.short))
        pending = set(work)
        while work:
            item = work.popleft()
            pending.discard(item)
            todo = self.places[item.entry] if isinstance(item, _Text) else (item,)
            for j in (k for k in todo if k in self.short):
                for k in self._settle(j, before, after):
                    if k not in pending:
                        pending.add(k)
                        work.append(k)
        return self.gone

    def _settle(self, j: int, before: dict[int, int], after: dict[int, int]) -> list[int | _Text]:
        """Remove ``j`` if it is in a run; what to check again then (nothing if it stays)."""
        if not self._kept(j):
            return []
        of = next((i for i in self._originals(j) if self._in_run(j, i, before, after)), None)
        if of is None:
            return []
        self.gone[j] = of
        again: list[int | _Text] = [*self.links.later(j)]  # their nearest places change
        self.links.unlink(j)
        left, right = before.pop(j), after.pop(j)
        for n, side, other in ((left, after, right), (right, before, left)):
            if n >= 0:
                side[n] = other
                again.extend(k for k in (n,) if k in self.short)
                again.extend(self._watchers(n))
        return again

    def _originals(self, j: int) -> list[int]:
        """The first place of ``j``'s text and up to ``NEAREST`` kept places nearest before it."""
        return [self.short[j], *reversed(self.links.earlier(j))]

    def _watchers(self, n: int) -> list[int | _Text]:
        """The blocks that have ``n`` among their originals: the first place of a text stands
        for all its later places, queued as the text (expanded when its turn comes, so a
        thousand removals next to it do not queue a thousand places a thousand times)."""
        entry = self.leaders.get(n)
        if entry is not None:
            return [_Text(entry)]
        return [k for k in self.links.later(n) if k in self.short]

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


class _Places:
    """Among each text's later places, the neighbours still kept: linked lists, unlinked as
    labels go."""

    __slots__ = ("_next", "_prev")

    def __init__(self, places: Sequence[Sequence[int]]) -> None:
        self._next: dict[int, int] = {}
        self._prev: dict[int, int] = {}
        for row in places:
            self._next.update(pairwise(row))
            self._prev.update((b, a) for a, b in pairwise(row))

    def earlier(self, j: int) -> list[int]:
        """Up to ``NEAREST`` kept places before ``j``, nearest first."""
        return self._walk(j, self._prev)

    def later(self, j: int) -> list[int]:
        """The kept places after ``j`` that count it among their nearest."""
        return self._walk(j, self._next)

    def unlink(self, j: int) -> None:
        before, after = self._prev.pop(j, None), self._next.pop(j, None)
        if before is not None:
            if after is None:
                del self._next[before]
            else:
                self._next[before] = after
        if after is not None:
            if before is None:
                del self._prev[after]
            else:
                self._prev[after] = before

    @staticmethod
    def _walk(j: int, links: dict[int, int]) -> list[int]:
        found: list[int] = []
        k = links.get(j)
        while k is not None and len(found) < NEAREST:
            found.append(k)
            k = links.get(k)
        return found
