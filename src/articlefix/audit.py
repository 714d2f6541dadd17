"""The report of one run, from its blocks, their verdicts and their tags (``report.py`` holds
the records and their JSON). Positions are the input's: a block that stands for a run of
identical lines (``Block.copies``) counts as that many blocks, and its removal as that many."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from articlefix.blocks import Blocks
from articlefix.classify import TAGGED, TypedBlock, per_block
from articlefix.report import (
    Encoding,
    Removal,
    Removals,
    Report,
    SimilarKept,
    SiteRemoval,
    Tag,
    preview,
)
from articlefix.verdict import Verdict

if TYPE_CHECKING:  # sites.py loads for a page cleaned against a site index alone
    from articlefix.sites import Verdict as SiteVerdict


class Numbering:
    """Each block's 0-based position among the input's blocks, a run counted line by line."""

    __slots__ = ("_at", "total")

    def __init__(self, blocks: Blocks) -> None:
        runs = blocks.runs()
        self._at = [0, *accumulate(map(blocks.copies, range(len(blocks))))] if runs else None
        self.total = self._at[-1] if self._at else len(blocks)

    def __call__(self, n: int) -> int:
        return n if self._at is None else self._at[n]


def report(
    blocks: Blocks,
    verdicts: Sequence[Verdict],
    kept: int,
    tags: tuple[Tag, ...],
    encoding: Encoding,
    warnings: tuple[str, ...],
) -> Report:
    at = Numbering(blocks)
    return Report(
        encoding=encoding,
        blocks_in=at.total,
        blocks_out=kept,
        removed=_removed(blocks, verdicts, at),
        similar_kept=_similar(blocks, verdicts, at),
        tags=tags,
        warnings=warnings,
    )


def tags(blocks: Blocks, kept: list[int], typed: list[TypedBlock]) -> tuple[Tag, ...]:
    at = Numbering(blocks)
    return tuple(
        Tag(at(n) + 1, blocks[n].line, t.kind, t.rule)
        for n, t in zip(kept, per_block(typed), strict=True)
        if t.kind in TAGGED
    )


def site_removals(blocks: Blocks, chrome: Sequence[SiteVerdict | None]) -> tuple[SiteRemoval, ...]:
    at = Numbering(blocks)
    return tuple(
        SiteRemoval(at(n) + 1, b.line, preview(b.text), c.match.value, c.pages, c.site_pages)
        for n, c in enumerate(chrome)
        if c is not None
        for b in (blocks[n],)
    )


def _removed(blocks: Blocks, verdicts: Sequence[Verdict], at: Numbering) -> Removals:
    records, counts = [], []
    for n, v in enumerate(verdicts):  # a block is built for a removal only
        if not v.keep and v.of is not None:
            b, original = blocks[n], blocks[v.of]
            records.append(Removal(at(n) + 1, b.line, b.lines, preview(b.text), at(v.of) + 1,
                                   original.line, v.similarity, v.reason))  # fmt: skip
            counts.append(b.copies)
    runs = any(count > 1 for count in counts)
    return Removals(tuple(records), tuple(counts) if runs else None)


def _similar(blocks: Blocks, verdicts: Sequence[Verdict], at: Numbering) -> tuple[SimilarKept, ...]:
    return tuple(
        SimilarKept(
            at(n) + 1,
            b.line,
            preview(b.text),
            at(v.of) + 1,
            blocks[v.of].line,
            v.similarity,
            v.difference,
        )
        for n, v in enumerate(verdicts)
        if v.keep and v.of is not None and v.look_alike
        for b in (blocks[n],)
    )
