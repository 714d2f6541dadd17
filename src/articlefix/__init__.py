r"""articlefix: raw scraped article text in, clean Markdown out, every repeat reduced to one.

    >>> from articlefix import clean
    >>> clean("Title\nBody text that is long enough to be a paragraph.\n").markdown
    '## Title\n\nBody text that is long enough to be a paragraph.\n'

The pipeline (and rapidfuzz with it) loads on first use of :func:`clean`, and the modules
behind the other names when they are first asked for, so that ``articlefix --version`` and
``--help`` start as fast as click allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlefix._version import __version__
from articlefix.errors import ArticlefixError

if TYPE_CHECKING:
    from articlefix.options import Options
    from articlefix.pipeline import Result, clean
    from articlefix.report import Report

__all__ = ["ArticlefixError", "Options", "Report", "Result", "__version__", "clean"]

_LAZY = {
    "Options": "articlefix.options",
    "clean": "articlefix.pipeline",
    "Result": "articlefix.pipeline",
    "Report": "articlefix.report",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'articlefix' has no attribute {name!r}")
