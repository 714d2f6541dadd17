"""What the review page shows of an input: each block and what became of it (``--review``).

Apart from pipeline.py, which fills them in :func:`articlefix.pipeline.trace`: a run without
``--review`` does not define them (two NamedTuples, 0.25 ms of every start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from articlefix.pipeline import Result


class Traced(NamedTuple):
    """One input block and what became of it: what the review page shows of it."""

    text: str  # as read (decoded, repaired)
    line: int
    kept: bool
    kind: str  # how it was written ("heading", "item", ...); "" when removed
    rule: str  # the tagging rule, when kept
    reason: str  # dedup's: why it went, or why a look-alike stayed ("similar, kept: ...")
    of: int | None  # 0-based: the block it repeats, or resembles (a look-alike kept)
    similarity: float
    written: str  # the text written when kept (a teaser's fuller text, an item's words)
    marker: str  # a list item's marker
    look_alike: bool  # kept though it resembles block ``of`` (the reason says how it differs)


class Trace(NamedTuple):  # not a dataclass: defining one costs about 1 ms
    """:func:`articlefix.pipeline.clean`'s result and the fate of every block of the input."""

    result: Result
    blocks: tuple[Traced, ...]
