"""Paragraph splitting for both scraped layouts, line endings, and Markdown read back as such."""

from __future__ import annotations

import textwrap

import pytest

from articlefix import Options, clean
from articlefix.blocks import Block, split_blocks

PARAS = [
    "The harbour authority said on Tuesday that the new ferry terminal would open in the "
    "spring, two years later than planned, after a long dispute over dredging costs.",
    "Engineers found that the seabed near the old pier held far more silt than the survey "
    "had shown, and the contractor asked for more money before work could resume.",
    "Local businesses have waited for the terminal since the plan was first announced.",
    "The first crossings are expected in April, weather permitting, the authority added.",
]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_one_paragraph_per_line() -> None:
    blocks = split_blocks("\n".join(PARAS) + "\n", markdown=False)
    assert texts(blocks) == PARAS
    assert [b.line for b in blocks] == [1, 2, 3, 4]


@pytest.mark.parametrize("width", [40, 60, 72, 79])
def test_blank_line_separated_and_hard_wrapped(width: int) -> None:
    wrapped = [textwrap.fill(p, width, break_on_hyphens=False) for p in PARAS]
    blocks = split_blocks("\n\n".join(wrapped) + "\n", markdown=False)
    assert texts(blocks) == PARAS
    assert blocks[1].line == wrapped[0].count("\n") + 3
    assert blocks[0].lines == wrapped[0].count("\n") + 1


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings(newline: str) -> None:
    for text in ("\n".join(PARAS), "\n\n".join(textwrap.fill(p, 60) for p in PARAS)):
        plain = split_blocks(text, markdown=False)
        assert split_blocks(text.replace("\n", newline), markdown=False) == plain
        assert texts(plain) == PARAS


def test_a_blank_line_does_not_glue_a_paragraph_per_line_article() -> None:
    """One blank line in a one-paragraph-per-line article: the lines are not a wrapped paragraph."""
    text = "\n".join(PARAS[:2]) + "\n\n" + "\n".join(PARAS[2:]) + "\n"
    assert texts(split_blocks(text, markdown=False)) == PARAS
    assert clean(text).markdown.count("\n\n") == len(PARAS) - 1


def test_each_article_of_a_dump_decides_its_own_layout() -> None:
    """Wrapped articles among many one-paragraph-per-line ones are still joined, and vice versa."""
    per_line = "\n".join(PARAS * 20) + "\n"  # 80 lines, as scraped articles often are
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in PARAS) + "\n"
    dump = "\n".join([per_line, per_line, wrapped, per_line, per_line])
    blocks = split_blocks(dump, markdown=False)
    assert texts(blocks) == PARAS * 40 + PARAS + PARAS * 40


def test_a_list_of_one_line_chunks_takes_the_layout_of_the_article_around_it() -> None:
    """One-line chunks cast no vote: a re-wrapped entry in a long list is still joined."""
    wrapped = ["\n".join(textwrap.wrap(p, 60)) for p in PARAS]
    dates = [f"Aug. {n} -- Hollywood Casino Amphitheatre, St. Louis, MO" for n in range(1, 21)]
    entry = "Aug. 19 -- Hollywood Casino Amphitheatre - St. Louis, St.\nLouis, MO"
    text = "\n\n".join([*wrapped, *dates[:10], entry, *dates[10:], *wrapped]) + "\n"
    blocks = texts(split_blocks(text, markdown=False))
    assert "Aug. 19 -- Hollywood Casino Amphitheatre - St. Louis, St. Louis, MO" in blocks
    assert "Louis, MO" not in blocks


def test_blank_and_whitespace_lines_only_separate() -> None:
    text = "\n \t\n" + PARAS[0] + "\n   \n\n" + PARAS[1] + "   \n\n\n"
    assert texts(split_blocks(text, markdown=False)) == PARAS[:2]


def test_own_output_is_read_back() -> None:
    out = "## A Heading\n\n> Quoted words, said with care.\n>\n> — Jane Doe, Acme Corp\n\nText.\n"
    blocks = split_blocks(out, markdown=False)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "A Heading"),
        ("quote", "Quoted words, said with care."),
        ("attribution", "Jane Doe, Acme Corp"),
        ("text", "Text."),
    ]


def test_escapes_are_read_back() -> None:
    assert texts(split_blocks("\\- 1\\. \\<b> \\# x\n", markdown=False)) == ["- 1. <b> # x"]


@pytest.mark.parametrize("line", ["# One hash", "### Three hashes", "> no attribution"])
def test_plain_text_markers_are_text(line: str) -> None:
    """Only what articlefix writes is markup in plain text: ``##`` and the full pull quote."""
    assert [b.kind for b in split_blocks(line + "\n", markdown=False)] == ["text"]


FRONT = "---\ntitle: Ferry terminal\ntags: [harbour, ferry]\n---\n"


def test_front_matter_kept_in_markdown_mode() -> None:
    blocks = split_blocks(FRONT + "\n" + PARAS[0] + "\n", markdown=True)
    assert blocks[0] == Block(FRONT.rstrip("\n"), 1, 4, "verbatim")
    assert texts(blocks)[1:] == [PARAS[0]]
    # Scraped text saved as .md, one paragraph per line, a paragraph pasted twice: split, deduped.
    scraped = [PARAS[0], PARAS[1], PARAS[0], PARAS[2], PARAS[3]]
    for options in (Options(), Options(input_format="markdown")):
        out = clean(FRONT + "\n".join(scraped) + "\n", options).markdown
        assert out == FRONT + "\n" + "\n\n".join(PARAS) + "\n"
        assert clean(out, options).markdown == out


@pytest.mark.parametrize("indent", ["", " ", "   "])
def test_an_indented_markdown_heading_is_a_heading(indent: str) -> None:
    """CommonMark allows three spaces before ``#``; the output drops them, so both must agree."""
    blocks = split_blocks(f"{indent}## Title\n\nBody text.\n", markdown=True)
    assert (blocks[0].kind, blocks[0].text, blocks[0].level) == ("heading", "Title", 2)


def test_a_short_markdown_paragraph_keeps_its_line_breaks() -> None:
    """Two lines, even one sentence each, are an author's paragraph: never split."""
    paragraph = "In my case, I chose lists within lists.\nThis is what it looks like."
    out = clean(FRONT + "\n" + paragraph + "\n", Options(input_format="markdown")).markdown
    assert out == FRONT + "\n" + paragraph + "\n"


MARKDOWN = [
    "- item one\n- item two",
    "1. first\n2. second",
    "```python\nx = 1\n\n\ny = 2\n```",
    "    indented code",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<div>\n<b>html</b>\n</div>",
    "> a blockquote\n> on two lines",
    "[ref]: https://example.org",
]


@pytest.mark.parametrize("chunk", MARKDOWN)
def test_markdown_structure_is_verbatim(chunk: str) -> None:
    text = f"{PARAS[0]}\n\n{chunk}\n\n{PARAS[1]}\n"
    blocks = split_blocks(text, markdown=True)
    assert [(b.kind, b.text) for b in blocks] == [
        ("text", PARAS[0]),
        ("verbatim", chunk),
        ("text", PARAS[1]),
    ]
    out = clean(text, Options(input_format="markdown")).markdown
    assert f"\n\n{chunk}\n\n" in out
    assert clean(out, Options(input_format="markdown")).markdown == out


def test_unclosed_fence_runs_to_the_end_without_its_blank_tail() -> None:
    blocks = split_blocks("Intro text.\n\n```\ncode\n\n\n", markdown=True)
    assert blocks[-1] == Block("```\ncode", 3, 2, "verbatim")
    out = clean("```\n", Options(input_format="markdown")).markdown
    assert out == "```\n"
    assert clean(out, Options(input_format="markdown")).markdown == out


@pytest.mark.parametrize("blank", ["\n", "\n\n", "  \n\t\n"])
def test_front_matter_after_blank_lines_makes_auto_mode_read_markdown(blank: str) -> None:
    """Not only at the very first byte: a scraped .txt often starts with a blank line."""
    out = clean(blank + FRONT + PARAS[0] + "\n").markdown
    assert out == FRONT + "\n" + PARAS[0] + "\n"
    assert clean(out).markdown == out


def test_a_fence_line_inside_a_markdown_paragraph_keeps_the_paragraph_as_written() -> None:
    """CommonMark lets a fence interrupt a paragraph; split off (one paragraph per line), the
    line would open a code block on the next run and swallow the rest of the file."""
    text = f"{PARAS[0]}\n{PARAS[1]}\n```m\n\n{PARAS[2]}\n"
    blocks = split_blocks(text, markdown=True)
    assert [(b.kind, b.text) for b in blocks] == [
        ("verbatim", f"{PARAS[0]}\n{PARAS[1]}\n```m"),
        ("text", PARAS[2]),
    ]
    options = Options(input_format="markdown")
    out = clean(text, options).markdown
    assert clean(out, options).markdown == out


def test_a_markdown_quote_keeps_its_leading_no_break_space() -> None:
    options = Options(input_format="markdown")
    page = f"> \xa0{PARAS[0]}\n>\n> — Jane Doe, Harbour Authority\n"
    assert clean(page, options).markdown == page


def test_front_matter_after_blank_lines_in_markdown_mode() -> None:
    """The output drops leading blank lines, so the first run must see the front matter too."""
    options = Options(input_format="markdown")
    out = clean("\n\n" + FRONT + PARAS[0] + "\n", options).markdown
    assert out == FRONT + "\n" + PARAS[0] + "\n"
    assert clean(out, options).markdown == out
