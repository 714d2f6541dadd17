"""One immutable bundle of settings, shared by the library, the CLI and the config file."""

from __future__ import annotations

from dataclasses import dataclass, replace

from articlefix.formats import FORMATS, InputFormat, is_markdown_name


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for :func:`articlefix.clean`; the defaults suit scraped news text.

    Frozen and made of plain values so that it pickles for process pools, Dask and Spark.
    Checked when made: ``Options(input_format="md")`` raises ``ValueError`` (it used to read
    the input as plain text), a value of the wrong type ``TypeError``.
    """

    #: ``text``: every block is prose (a leading ``-`` is escaped, not a list);
    #: ``markdown``: the input is someone's Markdown, edited, never rewritten: only pasted
    #: paragraphs go, every other byte stays (unless it is scraped text saved as Markdown);
    #: ``auto``: ``markdown`` for a Markdown file name (:func:`for_file`), else ``text``.
    input_format: InputFormat = "auto"
    #: Undo mojibake (UTF-8 read as cp1252/latin-1) with ftfy's ``fix_encoding``.
    repair_mojibake: bool = True
    #: Tag headings and pull quotes; off, every kept block is written as a paragraph.
    tag: bool = True
    #: At most this many earlier blocks are compared with each block: keeps cost linear
    #: on template-like text where every line looks like every other.
    max_candidates: int = 8

    def __post_init__(self) -> None:
        if self.input_format not in FORMATS:
            allowed = ", ".join(map(repr, FORMATS))
            raise ValueError(f"input_format must be one of {allowed}, not {self.input_format!r}")
        for name in ("repair_mojibake", "tag"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be a bool, not {getattr(self, name)!r}")
        # bool is an int too, but ``max_candidates=True`` is surely a slip
        if not isinstance(self.max_candidates, int) or isinstance(self.max_candidates, bool):
            raise TypeError(f"max_candidates must be an int, not {self.max_candidates!r}")
        if self.max_candidates < 1:
            raise ValueError(f"max_candidates must be 1 or more, not {self.max_candidates}")


def for_file(options: Options, name: str) -> Options:
    """The options for the file ``name``: ``auto`` becomes ``markdown`` for a Markdown name
    (``a.md``, and ``a.md.gz`` too)."""
    if options.input_format == "auto" and is_markdown_name(name):
        return replace(options, input_format="markdown")
    return options
