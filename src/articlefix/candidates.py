"""Stage 4's hash indexes: which earlier kept blocks may be copies of a block, never all pairs.

Three keys per block (``fingerprint.py``): its first words and last words, for near copies, and
its first four words, for teasers and glued blocks. Each key's postings are capped: a key that
``POSTINGS`` kept blocks share tells none of them apart (template lines: "Ligue 1, 12e journée
: ..."), and finds nothing from then on, so template-like text stays linear.
"""

from __future__ import annotations

#: Longest index list: a key shared by this many kept blocks is too common to tell blocks apart,
#: and finds no candidates from then on.
POSTINGS = 16

# A key's postings: one block as a bare int (most keys have one: an int is half a 1-tuple's
# size, on millions of blocks), more as a tuple in reading order. Head and tail keys share one
# table (a tail key is stored negated: keys are positive), a table less of dict overhead.
_Postings = int | tuple[int, ...]


class CandidateIndex:
    """The kept blocks by key, for one call of ``dedup``: add, remove, look up. Keys are a
    block's ``head``, ``tail`` and ``start`` (``fingerprint.py``; 0: none)."""

    __slots__ = ("_near", "_starts")

    def __init__(self) -> None:
        self._near: dict[int, _Postings] = {}
        self._starts: dict[int, _Postings] = {}

    def add(self, n: int, head: int, tail: int, start: int) -> None:
        """Block ``n`` under each of its keys whose list is not full (once: a teaser expanded
        in place is added again with its full text's keys)."""
        near = self._near
        if head:
            _post(near, head, n)
        if tail:
            _post(near, -tail, n)
        if start:
            _post(self._starts, start, n)

    def remove(self, n: int, head: int, tail: int, start: int) -> None:
        for index, key in ((self._near, head), (self._near, -tail), (self._starts, start)):
            postings = _tuple(index.get(key))
            if n in postings:
                index[key] = tuple(k for k in postings if k != n)

    def near(self, head: int, tail: int) -> list[int]:
        """Blocks that start or end alike, in reading order; full lists find nothing."""
        heads, tails = self._near.get(head), self._near.get(-tail)
        # Most blocks: nothing earlier looks alike, or one full list (template lines).
        if tails is None or tails == heads:
            return [] if heads is None else sorted(_usable(heads))
        found = {*_usable(heads), *_usable(tails)}
        return sorted(found) if found else []

    def starting(self, start: int) -> tuple[int, ...]:
        """Blocks whose first four words are this block's, in reading order ((): full list)."""
        postings = _tuple(self._starts.get(start))
        return () if len(postings) == POSTINGS else postings


def _post(index: dict[int, _Postings], key: int, n: int) -> None:
    # Most keys are new (``setdefault`` posts them) or full (template lines).
    if (postings := index.setdefault(key, n)) != n:
        if isinstance(postings, int):
            index[key] = (postings, n)
        elif len(postings) < POSTINGS and n not in postings:
            index[key] = (*postings, n)


def _usable(postings: _Postings | None) -> tuple[int, ...]:
    found = _tuple(postings)
    return () if len(found) >= POSTINGS else found


def _tuple(postings: _Postings | None) -> tuple[int, ...]:
    if postings is None:
        return ()
    return (postings,) if isinstance(postings, int) else postings
