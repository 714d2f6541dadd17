"""Scraped lists (text mode): runs of bullet, numbered and lettered lines become Markdown lists.

Checked on the parsed structure (markdown-it-py): a list only where two or more consecutive
lines carry a list marker, its items' text as written, and the output a fixed point.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from articlefix import Options, clean

LONG = (
    "The committee spent most of the afternoon going through the figures line by line, and "
    "several members asked for more detail on how the money would be spent next year."
)
LATER = LONG.replace("afternoon", "evening").replace("next year", "in the spring")
md = MarkdownIt("commonmark")


def lists(markdown: str) -> list[tuple[str, list[str]]]:
    """Each list in the document: its kind and its items' text as a reader sees it."""
    tokens = md.parse(markdown)
    found: list[tuple[str, list[str]]] = []
    for k, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            found.append((token.type.split("_")[0], []))
        elif token.type == "inline" and tokens[k - 2].type == "list_item_open":
            found[-1][1].append(_text(token))
    return found


def _text(token: Token) -> str:
    return "".join(c.content for c in token.children or () if c.type == "text")


def cleaned(text: str, options: Options | None = None) -> str:
    out = clean(text, options).markdown
    assert clean(out, options).markdown == out  # every case: a second run changes nothing
    return out


@pytest.mark.parametrize("bullet", ["•", "*", "-", "+", "–", "▪", "·", "◦"])
def test_bullets_of_any_kind_become_one_dash_list(bullet: str) -> None:
    out = cleaned(f"{LONG}\n{bullet} Police: $412 million (+3%)\n{bullet} Fire: $198 million\n")
    assert "\n- Police: $412 million (+3%)\n- Fire: $198 million\n" in out
    assert lists(out) == [("bullet", ["Police: $412 million (+3%)", "Fire: $198 million"])]


@pytest.mark.parametrize("delimiter", [".", ")"])
def test_numbered_lines_keep_their_numbers_and_delimiter(delimiter: str) -> None:
    items = [f"{n}{delimiter} Step {n} of the plan" for n in (3, 4, 5)]
    out = cleaned("\n".join([LONG, *items]) + "\n")
    assert "\n".join(items) in out
    assert lists(out) == [("ordered", [f"Step {n} of the plan" for n in (3, 4, 5)])]


def test_lettered_lines_are_a_list_of_their_own_that_keeps_the_letters() -> None:
    text = f"{LONG}\na) Who pays?\nb) When?\n(c) Why not?\n- one bullet\n- another\n"
    out = cleaned(text)
    assert "\n* a) Who pays?\n* b) When?\n\n(c) Why not?\n\n- one bullet\n- another\n" in out
    assert lists(out) == [
        ("bullet", ["a) Who pays?", "b) When?"]),
        ("bullet", ["one bullet", "another"]),
    ]


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("- Kiev and Kharkiv were shelled again", "\\- Kiev and Kharkiv were shelled again"),
        ("1. first", "1\\. first"),
        ("a) x", "a) x"),
    ],
)
def test_a_lone_marked_line_in_prose_stays_an_escaped_paragraph(line: str, written: str) -> None:
    out = cleaned(f"{LONG}\n{line}\nand it was short\n{LATER}\n")  # no heading: no sentence after
    assert lists(out) == []
    assert f"\n\n{written}\n\n" in out


def test_numbers_that_do_not_follow_each_other_are_prose() -> None:
    out = cleaned(f"{LONG}\n1. first point\n3. third point\n{LATER}\n")
    assert lists(out) == []
    assert "\n1\\. first point\n" in out and "3\\. third point\n" in out


def test_blank_line_separated_items_become_one_tight_list() -> None:
    out = cleaned(f"{LONG}\n\n• first item\n\n• second item\n\n{LATER}\n")
    assert "- first item\n- second item" in out


def test_a_hard_wrapped_article_never_joins_its_list_into_a_paragraph() -> None:
    wrapped = (
        "The committee spent most of the afternoon going through the\n"
        "figures line by line, and several members asked for more detail\n"
        "on how the money would be spent next year, and by whom.\n"
    )
    items = "- Police gets more money\n- Parks gets more money\n- Roads gets less money\n"
    out = cleaned(f"{wrapped}\n{items}\n{wrapped}")
    assert items in out
    assert "the figures line by line" in out  # the paragraphs are still joined


def test_items_are_escaped_like_any_text() -> None:
    hostile = ["<script>alert(1)</script> now", "[x](javascript:alert(1))", "# not a heading"]
    out = cleaned("\n".join([LONG, *(f"* {h}" for h in hostile)]) + "\n")
    assert lists(out) == [("bullet", hostile)]
    types = {t.type for t in md.parse(out)} | {
        c.type for t in md.parse(out) for c in t.children or ()
    }
    assert not types & {"html_inline", "html_block", "link_open", "heading_open"}


def test_a_pasted_list_goes_as_a_run_and_the_first_stays_a_list() -> None:
    block = "Figures:\n• Police: $412 million (+3%)\n• Fire: $198 million (+1%)\n"
    result = clean(f"{LONG}\n{block}{LATER}\n{block}")
    assert lists(result.markdown) == [
        ("bullet", ["Police: $412 million (+3%)", "Fire: $198 million (+1%)"])
    ]
    assert len(result.report.removed) == 3
    assert [t.kind for t in result.report.tags].count("item") == 2
    assert clean(result.markdown).markdown == result.markdown


def test_an_item_left_alone_by_dedup_is_written_as_a_paragraph() -> None:
    """Its partner repeated an earlier paragraph and went: alone it is prose, on every run."""
    item = "• The harbour will reopen in the spring after two years of works."
    out = cleaned(f"{item}\n{LONG}\n• {LONG}\n")
    assert lists(out) == []
    assert out.startswith(item + "\n\n")


def test_items_are_reported_as_tags_with_their_reason() -> None:
    tags = clean(f"{LONG}\n1. one\n2. two\n").report.tags
    assert [(t.kind, t.rule) for t in tags] == [
        ("item", "list item: one of 2 consecutive lines with a list marker")
    ] * 2


def test_markdown_mode_keeps_lists_as_written() -> None:
    text = "---\ntitle: x\n---\n\n* one\n* two\n\n1) a\n2) b\n"
    assert cleaned(text, Options(input_format="markdown")) == text
    assert cleaned("• one\n• two\n", Options(input_format="markdown")) == "• one\n• two\n"
