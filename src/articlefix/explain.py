"""``--explain``: a report record as a table on stderr, for a person checking what was removed."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any


def explain_record(name: str, record: Mapping[str, Any]) -> None:
    """A rich table on a terminal; plain tab-separated lines when stderr is a file or pipe.

    It takes the plain record (not the ``Report`` object) because that is what comes back from
    worker processes and clusters.
    """
    rows = [
        ("removed", str(r["position"]), str(r["line"]), r["text"],
         f"{r['repeats']} (line {r['repeats_line']})", f"{r['similarity']:.0f}", r["reason"])
        for r in record["removed"]
    ] + [
        ("kept", str(s["position"]), str(s["line"]), s["text"],
         f"{s['resembles']} (line {s['resembles_line']})", f"{s['similarity']:.0f}",
         f"similar, kept: {s['difference']}")
        for s in record["similar_kept"]
    ]  # fmt: skip
    title = (
        f"{name}: {record['blocks_in']} blocks in, {record['blocks_out']} out, "
        f"{len(record['removed'])} removed, {len(record['similar_kept'])} similar kept"
    )
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


def plural(n: int, noun: str) -> str:
    """``1 file``, ``2 files``, ``0 errors``: English plurals of the nouns used here."""
    return f"{n} {noun}{'s' * (n != 1)}"


def file_line(record: dict[str, Any]) -> str:
    """The ``-v`` line of one cleaned input: what happened to it, in a phrase."""
    return (
        f"{record['status']}, {plural(len(record['removed']), 'block')} removed of "
        f"{record['blocks_in']}, {plural(record['headings'], 'heading')}, "
        f"{plural(record['quotes'], 'quote')}, {record['encoding']['name']}"
    )
