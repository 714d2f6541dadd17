"""One immutable bundle of settings, shared by the library, the CLI and the config file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InputFormat = Literal["auto", "text", "markdown"]


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for :func:`articlefix.clean`; the defaults suit scraped news text.

    Frozen and made of plain values so that it pickles for process pools, Dask and Spark.
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
