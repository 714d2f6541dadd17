"""Hostile or Markdown-looking plain text must come out as the same characters, never as markup.

Checked on the parsed structure (markdown-it-py, CommonMark preset, raw HTML enabled as in most
renderers), not on the escaped string: any string is valid CommonMark, so only the tokens say
whether a line became a list, a link or live HTML.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from articlefix import Options, clean
from articlefix.blocks import split_blocks
from articlefix.classify import TypedBlock
from articlefix.render import escape, render

LONG = (
    "The committee spent most of the afternoon going through the figures line by line, and "
    "several members asked for more detail on how the money would be spent next year."
)
LATER = LONG.replace("afternoon", "evening").replace("next year", "in the spring")
SHORT = "and it was short"  # lower case, no sentence end: no body text a heading could head

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<!-- comment -->",
    "![i](http://x)",
    "&lt;b&gt;",
    "<http://evil>",
    "Read <b>this</b> & [that][ref] or &#65; or &amp; now",
    "[ref]: http://evil",
    "Click <a href='http://evil'>here</a>",
]
HAZARDS = [
    "# Ukraine",
    "#Ukraine is not a heading anyway",
    "###### small",
    "> quoted without anyone named",
    "- Kiev and Kharkiv",
    "* starred line",
    "+ plus line",
    "1. first",
    "2024. Une année difficile",
    "1) x",
    "---",
    "***",
    "___",
    "```",
    "~~~",
    "    four leading spaces",
    "=====",
    "| a | b |",
    "*emphasis* and **strong** and `code` and _under_ and a_b_c",
    "Price: 5 * 3 = 15 [approx]",
    "A line ending in a backslash \\",
    "Ends with a hash #",
]
ALLOWED_BLOCKS = {"paragraph_open", "paragraph_close", "inline"}
ALLOWED_INLINE = {"text", "softbreak"}

md = MarkdownIt("commonmark")


def parse(markdown: str) -> list[Token]:
    return md.parse(markdown)


def inline_text(token: Token) -> str:
    return "".join(child.content for child in token.children or () if child.type == "text")


def paragraphs(markdown: str) -> list[str]:
    """The plain text each inline token shows, as a reader of the rendered page sees it."""
    return [inline_text(t) for t in parse(markdown) if t.type == "inline"]


def assert_only_text(markdown: str) -> None:
    tokens = parse(markdown)
    assert {t.type for t in tokens} <= ALLOWED_BLOCKS, markdown
    children = {c.type for t in tokens for c in t.children or ()}
    assert children <= ALLOWED_INLINE, markdown


@pytest.mark.parametrize("line", HOSTILE + HAZARDS)
def test_escape_shows_the_characters(line: str) -> None:
    written = escape(line.strip())
    assert_only_text(written)
    assert paragraphs(written) == [line.strip()]


@pytest.mark.parametrize("line", HOSTILE + HAZARDS)
@pytest.mark.parametrize("options", [Options(), Options(tag=False)], ids=["tag", "no-tag"])
def test_line_inside_an_article_stays_text(line: str, options: Options) -> None:
    """Before a short line that ends no sentence no tagging rule applies: it stays text."""
    result = clean(f"{LONG}\n{line}\n{SHORT}\n{LATER}\n", options)
    assert_only_text(result.markdown)
    assert paragraphs(result.markdown) == [LONG, line.strip(), SHORT, LATER]


@pytest.mark.parametrize("line", HOSTILE + HAZARDS)
def test_line_tagged_as_a_heading_keeps_its_characters(line: str) -> None:
    """Before a long paragraph a short line may become a heading: its text still shows as is."""
    out = clean(f"{LONG}\n{line}\n{LATER}\n").markdown
    tokens = parse(out)
    assert {t.type for t in tokens} <= ALLOWED_BLOCKS | {"heading_open", "heading_close"}, out
    assert {c.type for t in tokens for c in t.children or ()} <= ALLOWED_INLINE, out
    assert all(t.tag == "h2" for t in tokens if t.type == "heading_open"), out
    assert paragraphs(out) == [LONG, line.strip(), LATER]


@pytest.mark.parametrize("line", HOSTILE + HAZARDS)
def test_line_alone_stays_text(line: str) -> None:
    out = clean(line + "\n", Options(input_format="text")).markdown
    assert_only_text(out)
    assert paragraphs(out) == [line.strip()]


@pytest.mark.parametrize("line", HOSTILE + HAZARDS)
def test_hazard_in_a_wrapped_paragraph(line: str) -> None:
    """Blank-line layout: the hazard starts the paragraph, then continues on a wrapped line."""
    text = f"{LONG}\n\n{line} and then the sentence goes\non for a while longer.\n\n{LATER}\n"
    out = clean(text).markdown
    assert_only_text(out)
    assert paragraphs(out)[1] == f"{line.strip()} and then the sentence goes on for a while longer."


def test_setext_underline_after_a_short_line() -> None:
    for text in (f"{LONG}\nLe chef\n---\n{LATER}\n", f"{LONG}\n\nLe chef\n---\n\n{LATER}\n"):
        assert_only_text(clean(text, Options(tag=False)).markdown)
        out = clean(text).markdown
        types = {t.type for t in parse(out)}
        assert "hr" not in types
        assert "Le chef" in " ".join(paragraphs(out))
        assert "---" in " ".join(paragraphs(out))


@pytest.mark.parametrize("first", ["---", "---\nLe chef"])
def test_document_starting_with_a_rule_line(first: str) -> None:
    """Without a closing line, a leading ``---`` is text, not front matter."""
    out = clean(f"{first}\n{LONG}\n", Options(tag=False)).markdown
    assert_only_text(out)


def test_hostile_heading_and_quote_keep_their_characters() -> None:
    quote = "We will <b>never</b> click [here](javascript:alert(1)) again, believe me."
    text = f"{LONG}\nWhy <script> Tags Matter #\n{LATER}\n{quote}\nJane Doe, Acme Corp\nEnd.\n"
    out = clean(text).markdown
    tokens = parse(out)
    types = [t.type for t in tokens]
    assert types.count("heading_open") == 1
    assert types.count("blockquote_open") == 1
    assert {c.type for t in tokens for c in t.children or ()} <= ALLOWED_INLINE
    shown = paragraphs(out)
    assert "Why <script> Tags Matter #" in shown
    assert quote in shown
    assert "— Jane Doe, Acme Corp" in shown


PRINTABLE = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80)
    .map(str.strip)
    .filter(bool)
)


@given(PRINTABLE)
def test_escape_of_any_line_is_one_plain_paragraph(line: str) -> None:
    written = escape(line)
    tokens = parse(written)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], written
    assert {c.type for c in tokens[1].children or ()} <= ALLOWED_INLINE, written
    assert inline_text(tokens[1]) == line, written


@pytest.mark.parametrize("text", ["Ends with #", "C#", "#", "##", "a \\#", "x ##", "Tag #1", "# x"])
def test_heading_text_with_hashes_survives(text: str) -> None:
    """A trailing '#' run would be a closing sequence; an already escaped '#' is not one."""
    written = render([TypedBlock(text, "heading", "test")])
    tokens = parse(written)
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert inline_text(tokens[1]) == text
    assert [b.text for b in split_blocks(written)] == [text]
