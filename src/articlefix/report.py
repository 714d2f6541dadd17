"""What a run removed, kept though similar, and tagged: the explanation users audit.

The flat records are NamedTuples, not dataclasses: a dataclass costs every start about 0.6 ms
to define (its methods are compiled from generated source), five of them 3 ms of a one-file
run's budget; ``Report`` itself stays a dataclass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple, overload


class Encoding(NamedTuple):
    """How the bytes were read: a wrong guess here explains odd characters downstream."""

    name: str
    confidence: float
    bom: bool
    mojibake_repaired: bool


class Removal(NamedTuple):
    """One block that was dropped, and the kept block it repeats (numbers are 1-based)."""

    position: int
    line: int
    lines: int
    text: str
    repeats: int
    repeats_line: int
    similarity: float
    reason: str


class Removals(Sequence[Removal]):
    """The removals in order. A run of identical lines that went as one block is held as one
    record and a count, and reads as one record per line: the report says the same, at the
    cost of one record however long the run (a million repeated lines, 999,998 records)."""

    __slots__ = ("_counts", "_records")

    def __init__(self, records: tuple[Removal, ...], counts: tuple[int, ...] | None = None):
        self._records, self._counts = records, counts  # counts: lines per record, if not all 1

    def __iter__(self) -> Iterator[Removal]:
        if self._counts is None:
            yield from self._records
            return
        for record, count in zip(self._records, self._counts, strict=True):
            yield record
            for k in range(1, count):
                yield record._replace(position=record.position + k, line=record.line + k)

    def __len__(self) -> int:
        return len(self._records) if self._counts is None else sum(self._counts)

    @overload
    def __getitem__(self, at: int) -> Removal: ...
    @overload
    def __getitem__(self, at: slice) -> tuple[Removal, ...]: ...
    def __getitem__(self, at: int | slice) -> Removal | tuple[Removal, ...]:
        return (self._records if self._counts is None else tuple(self))[at]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Removals | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[type[Removals], tuple[object, ...]]:
        return Removals, (self._records, self._counts)


class SimilarKept(NamedTuple):
    """A look-alike that was kept because something other than formatting differs."""

    position: int
    line: int
    text: str
    resembles: int
    resembles_line: int
    similarity: float
    difference: str


class Tag(NamedTuple):
    """A block written as a heading, quote or attribution, and the rule that said so."""

    position: int
    line: int
    kind: str
    rule: str


class SiteRemoval(NamedTuple):
    """A block dropped as its site's boilerplate: matched how, on how many of its pages."""

    position: int
    line: int
    text: str
    match: str  # "same text", "same template", "title of another page"
    pages: int
    site_pages: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a run did to one input: read how, removed what, kept what though similar,
    tagged what (a docstring also spares ``dataclass`` building one from the signature)."""

    encoding: Encoding
    blocks_in: int
    blocks_out: int
    removed: Removals
    similar_kept: tuple[SimilarKept, ...]
    tags: tuple[Tag, ...]
    warnings: tuple[str, ...]
    site_boilerplate: tuple[SiteRemoval, ...] = ()  # only when cleaned against a site index

    @property
    def headings(self) -> int:
        return sum(tag.kind == "heading" for tag in self.tags)

    @property
    def quotes(self) -> int:
        return sum(tag.kind == "quote" for tag in self.tags)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; counts included so consumers need not recompute them.

        Every field is a plain value, a flat record or a tuple of them: read directly, which is
        ten times faster than ``dataclasses.asdict`` and its deep copies (one call per file).
        """
        data = {name: getattr(self, name) for name in self.__slots__}
        data["encoding"] = self.encoding._asdict()
        for name in ("removed", "similar_kept", "tags", "site_boilerplate"):
            data[name] = tuple(record._asdict() for record in data[name])
        return {**data, "headings": self.headings, "quotes": self.quotes}


class Status(StrEnum):
    """What became of an input, as its report record's ``status`` says (the JSON holds the
    value). ``changed`` and ``unchanged`` compare the Markdown with the input's bytes."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"  # not cleaned: ``error`` says why
    SKIPPED = "skipped"  # over --max-bytes
    EXISTING = "existing"  # --skip-existing found its output


def preview(text: str, words: int = 8) -> str:
    """The first words of a block: enough to recognise it in a report line."""
    head = text.split(None, words)  # never split a long paragraph whole
    return " ".join(head[:words]) + (" …" if len(head) > words else "")


def json_line(record: dict[str, Any]) -> bytes:
    """One JSON Lines line, UTF-8 as written (not ``\\u`` escapes); a file name with
    undecodable bytes, or a lone surrogate, which UTF-8 cannot hold, as escapes."""
    import json  # only for --report and records

    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(record).encode("ascii") + b"\n"
