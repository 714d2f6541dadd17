"""Stage 4's answer per block: kept or removed, why (a :class:`Reason`), and which block it repeats.

The report's ``reason`` and ``difference`` strings are written here and only here, from the
reason's kind and its detail: no other module reads them back to learn what happened.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Reason(Enum):
    """Why a block went, or why a look-alike stayed; the value is the report's wording."""

    EXACT = "exact repeat"
    FORMATTING = "near copy (formatting)"
    TYPO = "near copy (typo fixed)"
    TEASER = "teaser of an earlier paragraph"
    MOVED = "fuller text moved to the teaser's place"
    EXPANDED = "teaser expanded"
    GLUED = "earlier blocks {} glued together"
    LABEL = "short label in a repeated run"
    ATTRIBUTION = "attribution line in a repeated run"
    SITE = "site boilerplate"
    SIMILAR = "similar, kept: {}"
    STRUCTURE = "similar, kept: same text, kept as structure ({})"
    UNSAFE = "similar, kept: a repeat whose removal would change the blocks around it"


#: A copy that differs from its original in formatting only: no author's, a paste.
NEAR_COPIES = frozenset({Reason.FORMATTING, Reason.TYPO})
#: A whole block again: what authored Markdown may lose (paste.py).
COPIES = NEAR_COPIES | {Reason.EXACT}
#: A look-alike kept: the report lists it under ``similar_kept``.
LOOK_ALIKES = frozenset({Reason.SIMILAR, Reason.STRUCTURE, Reason.UNSAFE})
_PREFIX = len("similar, kept: ")


class Verdict(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """Dedup's decision on one block; ``of`` names the earlier block it repeats or resembles.

    Built by the named constructors below, never positionally.
    """

    keep: bool
    why: Reason | None = None
    of: int | None = None
    similarity: float = 100.0
    detail: str = ""  # what fills the reason's blank: a difference, a range of blocks

    @classmethod
    def kept(cls) -> Verdict:
        return _KEPT

    @classmethod
    def repeat(cls, why: Reason, of: int, similarity: float = 100.0) -> Verdict:
        """A removal: ``of`` is the block this one repeats."""
        return cls(False, why, of, similarity)

    @classmethod
    def glued(cls, of: int, last: int) -> Verdict:
        """Blocks ``of`` to ``last``, joined into this one."""
        return cls(False, Reason.GLUED, of, detail=f"{of + 1}-{last + 1}")

    @classmethod
    def similar(cls, of: int, difference: str, similarity: float) -> Verdict:
        """Kept: ``of`` looks alike, but ``difference`` is content."""
        return cls(True, Reason.SIMILAR, of, similarity, difference)

    @classmethod
    def expanded(cls, full: int) -> Verdict:
        """A teaser kept in its place, written with block ``full``'s text."""
        return cls(True, Reason.EXPANDED, full)

    @classmethod
    def structure(cls, of: int | None, why: str) -> Verdict:
        """A repeat kept because the text shows no paste (paste.py says ``why``)."""
        return cls(True, Reason.STRUCTURE, of, detail=why)

    @classmethod
    def site(cls) -> Verdict:
        return _SITE

    def unsafe(self) -> Verdict:
        """This removal kept after all: the Markdown editor could not make it safely."""
        return self._replace(keep=True, why=Reason.UNSAFE, detail="")

    @property
    def reason(self) -> str:
        """The report's wording ('' for a block simply kept)."""
        return "" if self.why is None else self.why.value.format(self.detail)

    @property
    def look_alike(self) -> bool:
        return self.why in LOOK_ALIKES

    @property
    def difference(self) -> str:
        """What a kept look-alike's report entry says differs."""
        return self.reason[_PREFIX:]


_KEPT = Verdict(True)
_SITE = Verdict(False, Reason.SITE)
