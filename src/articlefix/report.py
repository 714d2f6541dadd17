"""What a run removed, kept though similar, and tagged: the explanation users audit.

The flat records are NamedTuples, not dataclasses: a dataclass costs every start about 0.6 ms
to define (its methods are compiled from generated source), five of them 3 ms of a one-file
run's budget; ``Report`` itself stays a dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple


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
    removed: tuple[Removal, ...]
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
