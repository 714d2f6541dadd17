"""How an input is read, and which file names are Markdown: one home for both.

Small and free of heavy imports, so that the command's ``--help`` and the config file's checks
can use it as well as :mod:`articlefix.options`.
"""

from __future__ import annotations

from os.path import splitext
from typing import Literal, get_args

InputFormat = Literal["auto", "text", "markdown"]
#: ``InputFormat``'s values, for ``--format`` and the config file.
FORMATS: tuple[InputFormat, ...] = get_args(InputFormat)
#: File names that ``auto`` reads as Markdown. Decided by the name alone: scraped text must not
#: be able to choose the mode that keeps raw HTML (a ``.txt`` that starts with ``---``).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
#: What a directory walk takes unless ``--include`` says otherwise: text and Markdown files.
DEFAULT_INCLUDE = ("*.txt", *(f"*{suffix}" for suffix in MARKDOWN_SUFFIXES))


def is_markdown_name(name: str) -> bool:
    """``name`` is a Markdown file's (``a.md``, and ``a.md.gz`` too)."""
    from articlefix.streams import base_name  # small; loaded only when a file is named

    return splitext(base_name(name))[1].lower() in MARKDOWN_SUFFIXES
