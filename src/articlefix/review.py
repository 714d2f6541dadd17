"""``--review FILE.html``: one self-contained page to see what a run did, block by block.

Each input's article is shown as read, every block in its place: removed blocks struck through
and linked to the block they repeat, look-alikes that were kept side by side with their earlier
twin and the differing words marked, tags labelled with the rule that set them, the encoding,
repairs and warnings at the top. No script, font or image: nothing to fetch, nothing to run
(the page's Content-Security-Policy forbids both), so it is safe to open on hostile input.
Every piece of input text goes through :func:`html.escape`; invisible characters that change
how text reads (bidirectional controls, zero-width) are shown as visible marks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from articlefix._version import __version__
from articlefix.atomic import write_atomic
from articlefix.decode import HIDDEN_CHARACTERS
from articlefix.errors import ArticlefixError
from articlefix.explain import plural
from articlefix.files import cause, shown
from articlefix.options import Options, for_file
from articlefix.pipeline import trace
from articlefix.report import Report
from articlefix.traced import Trace, Traced
from articlefix.whitelist import aligned

# The characters decode.py warns about, shown as marks: on the page they would reorder or hide
# text as they do in the article.
_HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")
_STYLE = """
body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3,table,.meta,.why,.tag,dl{font-family:system-ui,sans-serif}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.2rem .6rem}
td.n{text-align:right}dl{display:grid;grid-template-columns:max-content auto;gap:0 1rem}
dt{font-weight:bold}.warnings li{color:#8a4b00}
.block{border-left:4px solid #cfd8dc;margin:.6rem 0;padding:.1rem .8rem}
.block:target{background:#fff8c4}.text{white-space:pre-wrap;margin:.2rem 0}
.removed{border-color:#e57373;color:#777}.removed del{text-decoration-color:#c62828}
.similar{border-color:#ffb300}.heading .text{font-size:1.3em;font-weight:bold}
.quote .text,.attribution .text{font-style:italic}.item .text{margin-left:1.5rem}
.meta{font-size:.75rem;color:#888}.why{font-size:.85rem;color:#b71c1c;margin:0}
.tag{font-size:.75rem;background:#e3f2fd;color:#0d47a1;padding:0 .4rem;border-radius:.3rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;font-size:.9rem}
.pair h4{margin:.2rem 0;font:bold .8rem system-ui,sans-serif}mark{background:#ffe082}
.hidden{background:#c62828;color:#fff;font:.7rem monospace;padding:0 .2rem}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def text(value: str) -> str:
    """``value`` as HTML text: escaped, invisible controls made visible."""
    return _HIDDEN.sub(_mark, html.escape(value))


def _mark(found: re.Match[str]) -> str:
    code = f"U+{ord(found.group()):04X}"
    return f'<span class="hidden" title="invisible character {code}">{code}</span>'


class Review:
    """The page of one run: a section per input, in input order, written at the end."""

    __slots__ = ("_path", "_rows", "_sections")

    def __init__(self, path: str) -> None:
        self._path = path
        self._sections: list[str] = []
        self._rows: list[str] = []

    def add(self, name: str, path: str, data: bytes | None, options: Options) -> None:
        """The section of one input; ``data`` is read from ``path`` when not given (stdin)."""
        number = len(self._sections) + 1
        try:
            if data is None:
                with open(path, "rb") as file:
                    data = file.read()
            traced = trace(data, for_file(options, path))
        except (OSError, ArticlefixError) as exc:
            self._sections.append(f'<section id="f{number}"><h2>{text(name)}</h2>'
                                  f"<p>not shown: {text(cause(exc))}</p></section>")  # fmt: skip
            self._rows.append(_row(number, name, None))
            return
        self._sections.append(_section(number, name, traced))
        self._rows.append(_row(number, name, traced))

    def page(self) -> str:
        count = len(self._sections)
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>articlefix review</title><style>{_STYLE}</style></head><body>"
            f'<h1>articlefix review</h1><p class="meta">{count} input{"s" * (count != 1)}, '
            f"articlefix {html.escape(__version__)}</p>"
            "<table><tr><th>input</th><th>encoding</th><th>blocks in</th><th>out</th>"
            "<th>removed</th><th>similar, kept</th><th>tags</th><th>warnings</th></tr>"
            f"{''.join(self._rows)}</table>{''.join(self._sections)}</body></html>\n"
        )

    def write(self) -> bool:
        """Write the page atomically; False (and one line on stderr) when that fails. A stop
        waits for the write (the run's own handlers are gone by the time it comes)."""
        from articlefix.stopping import handled

        try:
            with handled():
                write_atomic(self._path, self.page().encode("utf-8"))
        except OSError as exc:
            import sys

            print(shown(f"articlefix: {self._path}: {cause(exc)}"), file=sys.stderr)
            return False
        return True


def _row(number: int, name: str, traced: Trace | None) -> str:
    link = f'<td><a href="#f{number}">{text(name)}</a></td>'
    if traced is None:
        return f'<tr>{link}<td colspan="7">not shown</td></tr>'
    report = traced.result.report
    cells = (report.blocks_in, report.blocks_out, len(report.removed),
             len(report.similar_kept), len(report.tags), len(report.warnings))  # fmt: skip
    numbers = "".join(f'<td class="n">{n}</td>' for n in cells)
    return f"<tr>{link}<td>{text(report.encoding.name)}</td>{numbers}</tr>"


def _section(number: int, name: str, traced: Trace) -> str:
    report = traced.result.report
    enc = report.encoding
    repairs = "mojibake undone (ftfy)" if enc.mojibake_repaired else "none"
    warnings = "".join(f"<li>{text(w)}</li>" for w in report.warnings)
    facts = (
        f"<dl><dt>encoding</dt><dd>{text(enc.name)} (confidence {enc.confidence:.2f}, "
        f"{'a' if enc.bom else 'no'} byte-order mark)</dd><dt>repairs</dt><dd>{repairs}</dd>"
        f"<dt>blocks</dt><dd>{report.blocks_in} read, {report.blocks_out} kept, "
        f"{len(report.removed)} removed, {plural(len(report.similar_kept), 'look-alike')} "
        "kept</dd></dl>"
    )
    body = "".join(_blocks(number, traced.blocks) if traced.blocks else _edits(report))
    listed = f'<ul class="warnings">{warnings}</ul>' if warnings else ""
    return f'<section id="f{number}"><h2>{text(name)}</h2>{facts}{listed}{body}</section>'


def _blocks(number: int, blocks: tuple[Traced, ...]) -> Iterator[str]:
    for n, block in enumerate(blocks):
        anchor = f"f{number}-b{n + 1}"
        meta = f'<span class="meta">block {n + 1}, line {block.line}</span> '
        of = blocks[block.of] if block.of is not None else None
        link = (
            f'<a href="#f{number}-b{block.of + 1}">block {block.of + 1} (line {of.line})</a>'
            if of is not None and block.of is not None
            else ""
        )
        if not block.kept:
            why = f"removed: {text(block.reason)}" + (f", repeats {link}" if link else "")
            yield (f'<div class="block removed" id="{anchor}">{meta}<p class="why">{why}</p>'
                   f'<p class="text"><del>{text(block.text)}</del></p></div>')  # fmt: skip
            continue
        kind = html.escape(block.kind)
        tag = "" if kind in ("paragraph", "verbatim") else (
            f'<span class="tag">{kind}: {text(block.rule)}</span>'
        )  # fmt: skip
        written = text(f"{block.marker} {block.written}" if block.marker else block.written)
        similar = of is not None and block.look_alike
        pair = _pair(of.text, block.text, link, block.similarity) if similar and of else ""
        style = f"block {kind}" + (" similar" if pair else "")
        yield (f'<div class="{style}" id="{anchor}">{meta}{tag}'
               f'<p class="text">{written}</p>{pair}</div>')  # fmt: skip


def _edits(report: Report) -> Iterator[str]:
    """Markdown mode edits the file in place of its blocks: its removals, by line, and no more."""
    yield '<p class="why">Markdown, edited in place: the blocks removed from the file</p>'
    for r in report.removed:
        yield (f'<div class="block removed"><span class="meta">line {r.line}</span>'
               f'<p class="why">removed: {text(r.reason)}, repeats line {r.repeats_line}</p>'
               f'<p class="text"><del>{text(r.text)}</del></p></div>')  # fmt: skip


def _pair(earlier: str, later: str, link: str, similarity: float) -> str:
    """The look-alike and its earlier twin side by side, the words that differ marked."""
    old_marked: set[int] = set()
    new_marked: set[int] = set()
    for segment in aligned(earlier, later):
        if segment.tag != "equal":
            old_marked.update(w.at for w in segment.old)
            new_marked.update(w.at for w in segment.new)
    return (
        f'<p class="why">similar ({similarity:.0f}%), kept: it differs in content from '
        f'{link}</p><div class="pair"><div><h4>earlier</h4><p>{_marked(earlier, old_marked)}'
        f"</p></div><div><h4>this block</h4><p>{_marked(later, new_marked)}</p></div></div>"
    )


def _marked(value: str, marked: set[int]) -> str:
    words = value.split()
    return " ".join(
        f"<mark>{text(w)}</mark>" if n in marked else text(w) for n, w in enumerate(words)
    )
