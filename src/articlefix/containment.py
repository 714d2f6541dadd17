"""Stage 4, containment: a teaser and its full paragraph, or earlier blocks glued into one.

A teaser ends in an ellipsis, or is a whole sentence of its own (``stops``) that the very next
kept block goes on from: only there, as an article may well repeat its lead sentence inside a
paragraph further on. A teaser before its full text is kept in its place and written with the
full text (an :class:`Expansion`, which ``dedup`` applies); a teaser after it goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from articlefix.candidates import POSTINGS
from articlefix.columns import Columns
from articlefix.verdict import Reason, Verdict


class Expansion(NamedTuple):
    """The teaser at ``teaser`` is written with block ``full``'s text, which goes from its own
    place; ``gone``: other teasers of that text kept since, which go now, as in a second run."""

    teaser: int
    full: int
    gone: tuple[int, ...]


class Found(NamedTuple):
    verdict: Verdict
    expansion: Expansion | None = None


def contained(cols: Columns, starts: Sequence[int], j: int, previous: int | None) -> Found | None:
    """Block ``j`` holds, or is held by, one of ``starts``: the earlier kept blocks with the
    same first words (``CandidateIndex.starting``).

    ``previous``: the last kept block of three words or more, unless verbatim Markdown stands
    between (a full-stop teaser's full text must follow it).
    """
    norms, teasers = cols.norms, cols.teasers
    norm, teaser = norms[j], j in teasers
    # Template lines share their first words by the dozen: ``startswith``, which ``prefix``
    # needs anyway, rules nearly all of them out before a function call.
    for i in starts:
        if norm.startswith(norms[i]) and prefix(cols, i, j):
            glued = _glued(cols, i, cols.words(j))
            if glued is not None:
                return Found(Verdict.glued(i, glued))
            if i in teasers or (i == previous and i in cols.stops):
                gone = tuple(k for k in starts if _another_teaser(cols, k, i, j))
                return Found(Verdict.repeat(Reason.MOVED, i), Expansion(i, j, gone))
        elif teaser and norms[i].startswith(norm) and prefix(cols, j, i):
            return Found(Verdict.repeat(Reason.TEASER, i))
    return None


def prefix(cols: Columns, short: int, long: int) -> bool:
    """``short``'s words are a proper prefix of ``long``'s; a teaser's last word may be cut.

    For a pair whose texts already start alike (the words are split only then).
    """
    mine, words = cols.words(short), cols.words(long)
    n = len(mine)
    if n >= len(words) or mine[: n - 1] != words[: n - 1]:
        return False
    cut = short in cols.teasers and words[n - 1].startswith(mine[-1])
    return mine[-1] == words[n - 1] or cut


def _another_teaser(cols: Columns, k: int, i: int, j: int) -> bool:
    """A later teaser of block ``j``'s text, still kept, that the expanded ``i`` now precedes."""
    return k > i and k in cols.teasers and cols.verdicts[k].keep and prefix(cols, k, j)


def _glued(cols: Columns, i: int, words: list[str]) -> int | None:
    """Last block of the kept run starting at ``i`` whose words, joined, are ``words``."""
    at = 0
    for k in range(i, min(len(cols.sizes), i + len(words) + POSTINGS)):
        size = cols.sizes[k]
        if size and cols.verdicts[k].keep:
            if words[at : at + size] != cols.words(k):
                return None
            at += size
            if at == len(words):
                return k if k > i else None
    return None
