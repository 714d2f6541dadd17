"""Markdown mode is an editor (DESIGN.md rule 7): what people wrote keeps its meaning and bytes.

The cases read as a table: a title, the file, and what may change. Rendered blocks are compared
as a reader gets them (markdown-it-py, CommonMark with tables and strikethrough).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from articlefix import Options, clean, mdedit
from articlefix.cli import cli
from articlefix.paste import LONG_AUTHORED

MD = Options(input_format="markdown")
RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SPEC = Path(__file__).resolve().parents[2] / "shared" / "eval-md" / "commonmark-spec"
# A long paragraph in a content repository's words: pasted again, it goes.
PASTED = (
    "The ferry company said the new timetable would add two crossings a day from May, after "
    "the harbour board agreed to open the second berth at night, and that tickets bought "
    "before the change would stay valid on every sailing until the end of the summer season."
)
assert len(PASTED.split()) >= LONG_AUTHORED

# title, hand-written Markdown that must come back byte for byte
AUTHORED = [
    ("semantic line breaks", "The quay opens at six.\nBoats dock on the outer wall.\n"),
    ("hard breaks", "Harbour office  \n12 Quay Road\\\nPortsmouth\n"),
    ("nested list with a paragraph", "1. Book\n   - online\n\n   Bring papers.\n2. Pay\n"),
    ("table without outer pipes", "Size | Fee\n--- | ---\nsmall | 10\n"),
    ("fence after a text line", "Run this:\n```sh\nmake   \n```\n"),
    ("lead-in repeated", "Is rendered to:\n\n    a\n\nIs rendered to:\n\n    b\n"),
    (
        "heading per part",
        "## Part one\n\n### How you can help\n\nSort ropes.\n\n"
        "## Part two\n\n### How you can help\n\nGive money.\n",
    ),
    (
        "paired shortcodes repeated",
        "{{< note >}}\nA tip.\n{{< /note >}}\n\n{{< note >}}\nA tip.\n{{< /note >}}\n",
    ),
    ("include per section", '# A\n\n{{% include "x.md" %}}\n\n# B\n\n{{% include "x.md" %}}\n'),
    ("an image and a link line", "![A quay](quay.png)\n\n[Tide table](tides.html)\n"),
    ("an author's attribution", "> Ships are safe in harbour.\n>\n> -- John Shedd\n"),
    ("front matter, odd spacing", "---\ntitle:   'Quay'\n\ntags: [a,  b]\n---\nBody.\n"),
    ("TOML front matter", '+++\ntitle = "Quay"\n+++\n\nBody.\n'),
    ("CRLF and no final newline", "# Quay\r\n\r\nBody text.\r\nMore text."),
    ("a repeat under the bar", f"# Notes\n\n{PASTED[:120]}\n\nOther.\n\n{PASTED[:120]}\n"),
    (
        "a plain licence",
        "MIT License\n\nPermission is hereby granted, free of charge.\n\n"
        "Permission is hereby granted, free of charge.\n",
    ),
    (
        "a comment quoted in raw HTML",
        f"# Update\n\n{PASTED}\n\n<details>\n<blockquote>\n\n"
        f"{PASTED}\n\n</blockquote>\n</details>\n",
    ),
    ("a .txt with front matter is no reason", "---\na: 1\n---\n<script>x</script>\n"),
]


def blocks(text: str) -> list[str]:
    """The HTML of each top-level block, as a reader gets it."""
    tree = SyntaxTreeNode(RENDER.parse(text))
    return [RENDER.renderer.render(node.to_tokens(), RENDER.options, {}) for node in tree.children]


@pytest.mark.parametrize(("title", "text"), AUTHORED, ids=[t for t, _ in AUTHORED])
def test_authored_markdown_is_left_byte_for_byte(title: str, text: str) -> None:
    result = clean(text, MD)
    assert result.markdown == text
    assert result.report.removed == () and result.report.tags == ()


def test_a_pasted_long_paragraph_goes_and_nothing_else_changes() -> None:
    text = f"# Ferries  \n\n{PASTED}\n\n- a list  \n- kept\n\n{PASTED}\n\n| a |\n|---|\n| 1 |\n"
    result = clean(text, MD)
    assert (
        result.markdown == f"# Ferries  \n\n{PASTED}\n\n- a list  \n- kept\n\n| a |\n|---|\n| 1 |\n"
    )
    assert [(r.position, r.repeats) for r in result.report.removed] == [(4, 2)]


def test_a_removal_that_would_change_what_stays_is_not_made() -> None:
    """Without the paragraph, the indented code after it would join the list above."""
    text = f"# Notes\n\n{PASTED}\n\n- item\n\n{PASTED}\n\n    code\n"
    result = clean(text, MD)
    assert result.markdown == text
    assert result.report.removed == ()
    assert "would change the blocks around it" in result.report.similar_kept[0].difference


PARAS = [
    "Le port a rouvert lundi après deux semaines de travaux sur la digue nord, selon la mairie.",
    "Les pêcheurs ont retrouvé leurs places le long du vieux quai dès le premier jour du retour.",
    "La compagnie de ferries prévoit deux rotations de plus chaque jour à partir du mois de mai.",
    "Le conseil municipal votera le budget de la seconde tranche de travaux à la fin de juin.",
]


def test_scraped_text_saved_as_markdown_is_cleaned_as_text() -> None:
    """One paragraph per line (CommonMark glues them into one) with a pasted run."""
    lines = [*PARAS, *PARAS[:2], *(p.replace("mai", "juin") for p in PARAS[2:3])] * 2
    text = "---\ntitle: Port\n---\n" + "\n".join(lines) + "\n"
    out = clean(text, MD).markdown
    body = "\n".join(lines) + "\n"
    assert out == "---\ntitle: Port\n---\n\n" + clean(body, Options(input_format="text")).markdown
    assert clean(out, MD).markdown == out


def test_auto_mode_picks_markdown_by_file_name_only() -> None:
    """Scraped text cannot choose the mode that keeps raw HTML by starting with ``---``."""
    out = clean("---\na: 1\n---\n<script>alert(1)</script>\n").markdown
    assert "html" not in {token.type.split("_")[0] for token in RENDER.parse(out)}
    assert "\\<script>" in out


# Generated Markdown: blocks an author writes, some pasted again in runs.
AUTHOR_BLOCKS = st.sampled_from(
    [
        "## Notes",
        "- one\n- two",
        "```\ncode  \n```",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "Is rendered to:",
        "Line one  \nline two",
        "{{< x >}}",
        "> quoted",
        PASTED,
        PARAS[0] + " " + PARAS[1] + " " + PARAS[2],
        "    indented",
        "<div>html</div>",
    ]
)


@given(st.lists(AUTHOR_BLOCKS, min_size=1, max_size=12), st.sampled_from(["\n\n", "\n\n\n"]))
def test_generated_markdown_loses_only_whole_blocks(parts: list[str], gap: str) -> None:
    text = gap.join(["# Harbour", *parts]) + "\n"  # a heading: someone's Markdown
    out = clean(text, MD).markdown
    before, after = blocks(text), blocks(out)
    rest = iter(before)
    assert all(any(a == b for b in rest) for a in after), (text, out)
    assert clean(out, MD).markdown == out


SPEC_FILES = sorted(SPEC.glob("example-*.md"))


@pytest.mark.skipif(not SPEC_FILES, reason="../shared/eval-md is not beside the checkout")
def test_every_commonmark_spec_example_is_left_byte_for_byte() -> None:
    assert len(SPEC_FILES) == 655
    changed = [p.name for p in SPEC_FILES if clean(p.read_bytes(), MD).markdown != p.read_text()]
    assert changed == []


def test_a_utf8_bom_stays_where_the_file_had_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"\xef\xbb\xbf# Plugins {#plugins}\n\nText.\n")
    result = CliRunner().invoke(cli, ["--check", str(page)])
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_txt_that_starts_with_front_matter_is_text_on_the_command_line(tmp_path: Path) -> None:
    """Issue 18: its raw HTML and javascript: link must not pass through live."""
    page = tmp_path / "scraped.txt"
    page.write_text("---\ntitle: x\n---\n<script>alert(1)</script>\n[x](javascript:alert(1))\n")
    out = CliRunner().invoke(cli, [str(page)]).stdout
    kinds = {token.type for token in RENDER.parse(out)} | {
        child.type for token in RENDER.parse(out) for child in token.children or ()
    }
    assert not kinds & {"html_block", "html_inline", "link_open"}, out


def test_hostile_markdown_costs_a_bounded_number_of_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pasted paragraph here would let the list before it swallow the code after it:
    none goes, and the checks stay bounded however many there are (counted, not timed)."""
    calls = []
    real = mdedit._rendered
    monkeypatch.setattr(mdedit, "_rendered", lambda text: calls.append(1) or real(text))
    text = "# T\n\n" + "".join(f"- item\n\n{PASTED}\n\n    code\n\n" for _ in range(200))
    result = clean(text, MD)
    assert result.markdown == text and result.report.removed == ()
    assert len(calls) <= mdedit.CHECKED_ONE_BY_ONE + 2
