"""``--explain``: what a run removed and kept though similar, for a person or a program.

On a terminal, one entry per block, each on a line that fits the terminal (80 columns is
enough): the text is cut at a word with an ellipsis, never wrapped mid-word. Piped, tab-separated
values under one header row; with ``--explain=json``, one JSON object per entry (JSON Lines).
The command builds the :class:`Explainer` from its flags; the batch hands it each input's
record and shows the lines it gives past its progress bar.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, NamedTuple

from articlefix.files import shown

if TYPE_CHECKING:
    from articlefix.inputrecord import InputRecord
    from articlefix.report import Report

Form = Literal["text", "json"]

#: Columns when the terminal's width cannot be read.
DEFAULT_WIDTH = 80
#: The reason column's widest: the longest reasons ("attribution line in a repeated run") fit.
REASON_WIDTH = 34
#: Text narrower than this is no use: below it the entry takes a second line for its text.
MIN_TEXT = 16


class Entry(NamedTuple):
    """One line of the explanation: a removed block, a look-alike kept, or a warning."""

    verdict: str  # "removed", "similar, kept" or "warning"
    block: int | None
    line: int | None
    of_block: int | None
    of_line: int | None
    similarity: float | None
    reason: str
    text: str


#: The piped header: the input's path, then an entry's fields, in the order they are written.
_COLUMNS = ("path", *Entry._fields)


def entries(report: Report) -> list[Entry]:
    """The report's removals, look-alikes kept and warnings, in that order."""
    removed = [
        Entry("removed", r.position, r.line, r.repeats, r.repeats_line, r.similarity, r.reason,
              r.text)
        for r in report.removed
    ]  # fmt: skip
    kept = [
        Entry("similar, kept", s.position, s.line, s.resembles, s.resembles_line, s.similarity,
              s.difference, s.text)
        for s in report.similar_kept
    ]  # fmt: skip
    warned = [Entry("warning", None, None, None, None, None, w, "") for w in report.warnings]
    return removed + kept + warned


def fit(text: str, width: int) -> str:
    """``text`` in ``width`` characters: if longer, cut after a whole word, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: max(1, width - 1)]
    space = cut.rfind(" ")
    if space > width // 3:  # a word is cut only when it alone is most of the width
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


class Explainer:
    """The explanation of a run, input after input; the tab-separated header comes once."""

    __slots__ = ("_form", "_headed", "_width")

    def __init__(self, form: Form, *, width: int | None) -> None:
        """``width``: the terminal's, or None when piped (tab-separated)."""
        self._form, self._width, self._headed = form, width, False

    def lines(self, name: str, record: InputRecord) -> list[str]:
        """The lines for one cleaned input, safe to show as they are (its text is made so)."""
        if record.report is None:
            return []
        out: list[str] = []
        rows = entries(record.report)
        if self._form == "json":
            import json  # not at the top: every run imports this module for its messages

            for row in rows:  # ASCII: nothing for a terminal to act on, and valid JSON
                out.append(json.dumps({"path": name, **row._asdict()}, ensure_ascii=True))
        elif self._width is None:
            if not self._headed:
                out.append("\t".join(_COLUMNS))
                self._headed = True
            for row in rows:  # each cell on one line, its controls shown, no tab inside
                cells = [name, *("" if v is None else str(v) for v in row)]
                out.append("\t".join(shown(" ".join(cell.split())) for cell in cells))
        else:
            _terminal(out.append, name, record.report, rows, self._width)
        return out


def _terminal(
    say: Callable[[str], None], name: str, report: Report, rows: list[Entry], width: int
) -> None:
    """The lines for a terminal ``width`` columns wide: a title, then a line per entry."""
    title = (
        f"{name}: {report.blocks_in} blocks in, {report.blocks_out} out, "
        f"{len(report.removed)} removed, {len(report.similar_kept)} similar kept"
    )
    say(shown(fit(title, width)))
    if not rows:
        return
    digits = max(4, *(len(str(row.line)) for row in rows))
    reason = min(REASON_WIDTH, max(len(_why(row)) for row in rows))
    indent = " " * (2 * digits + 3)
    text = width - len(indent) - reason - 2  # after the line, "of" and reason columns
    say(fit(f"{'line':>{digits}} {'of':>{digits}}  {'why':<{reason}}  text", width))
    for row in rows:
        if row.verdict == "warning":
            say(shown(fit(f"warning: {row.reason}", width)))
            continue
        why = fit(_why(row), reason)
        head = f"{row.line:>{digits}} {row.of_line:>{digits}}  {why:<{reason}}  "
        words = " ".join(row.text.split())
        if text >= MIN_TEXT:
            say(shown(head + fit(words, text)))
        else:
            say(shown(head.rstrip()))
            say(shown(fit(indent + words, width)))
        if row.verdict == "similar, kept":
            say(shown(fit(f"{indent}differs: {row.reason}", width)))


def _why(row: Entry) -> str:
    if row.verdict == "similar, kept":
        return f"kept, {row.similarity:.0f}% alike"
    alike = (
        f", {row.similarity:.0f}%" if row.similarity is not None and row.similarity < 100 else ""
    )
    return row.reason + alike


def terminal_width() -> int | None:
    """Standard error's width when it is a terminal, else None (piped: tab-separated)."""
    if not sys.stderr.isatty():
        return None
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return DEFAULT_WIDTH


def plural(n: int, noun: str) -> str:
    """``1 file``, ``2 files``, ``0 errors``: English plurals of the nouns used here."""
    return f"{n} {noun}{'s' * (n != 1)}"


def file_line(status: str, report: Report) -> str:
    """The ``-v`` line of one cleaned input: what happened to it, in a phrase."""
    return (
        f"{status}, {plural(len(report.removed), 'block')} removed of "
        f"{report.blocks_in}, {plural(report.headings, 'heading')}, "
        f"{plural(report.quotes, 'quote')}, {report.encoding.name}"
    )
