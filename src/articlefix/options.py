"""One immutable bundle of settings, shared by the library, the CLI and the config file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

InputFormat = Literal["auto", "text", "markdown"]
_FORMATS = get_args(InputFormat)


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for :func:`articlefix.clean`; the defaults suit scraped news text.

    Frozen and made of plain values so that it pickles for process pools, Dask and Spark.
    Checked when made: ``Options(input_format="md")`` raises ``ValueError`` (it used to read
    the input as plain text), a value of the wrong type ``TypeError``.
    """

    #: ``text``: every block is prose (a leading ``-`` is escaped, not a list);
    #: ``markdown``: lists, tables, code, HTML and front matter are kept exactly as written;
    #: ``auto``: ``markdown`` when the input starts with front matter, else ``text``.
    input_format: InputFormat = "auto"
    #: Undo mojibake (UTF-8 read as cp1252/latin-1) with ftfy's ``fix_encoding``.
    repair_mojibake: bool = True
    #: Tag headings and pull quotes; off, every kept block is written as a paragraph.
    tag: bool = True
    #: At most this many earlier blocks are compared with each block: keeps cost linear
    #: on template-like text where every line looks like every other.
    max_candidates: int = 8

    def __post_init__(self) -> None:
        if self.input_format not in _FORMATS:
            allowed = ", ".join(map(repr, _FORMATS))
            raise ValueError(f"input_format must be one of {allowed}, not {self.input_format!r}")
        for name in ("repair_mojibake", "tag"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be a bool, not {getattr(self, name)!r}")
        # bool is an int too, but ``max_candidates=True`` is surely a slip
        if not isinstance(self.max_candidates, int) or isinstance(self.max_candidates, bool):
            raise TypeError(f"max_candidates must be an int, not {self.max_candidates!r}")
        if self.max_candidates < 1:
            raise ValueError(f"max_candidates must be 1 or more, not {self.max_candidates}")
