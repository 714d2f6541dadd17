"""``--explain``: the report as a table on stderr, for a person checking what was removed."""

from __future__ import annotations

import sys

from articlefix.report import Report


def explain_report(name: str, report: Report) -> None:
    """A rich table on a terminal; plain tab-separated lines when stderr is a file or pipe."""
    rows = [
        ("removed", str(r.position), str(r.line), r.text, f"{r.repeats} (line {r.repeats_line})",
         f"{r.similarity:.0f}", r.reason)
        for r in report.removed
    ] + [
        ("kept", str(s.position), str(s.line), s.text,
         f"{s.resembles} (line {s.resembles_line})", f"{s.similarity:.0f}",
         f"similar, kept: {s.difference}")
        for s in report.similar_kept
    ]
    title = (f"{name}: {report.blocks_in} blocks in, {report.blocks_out} out, "
             f"{len(report.removed)} removed, {len(report.similar_kept)} similar kept")
    if not sys.stderr.isatty():
        print(title, file=sys.stderr)
        for row in rows:
            print("\t".join(row), file=sys.stderr)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in ("verdict", "block", "line", "first words", "repeats", "sim.", "reason"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(stderr=True).print(table)
