"""Tagging rules on articles of our own: headings and quotes need evidence in the text."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from articlefix import clean

LONG = (
    "The committee spent most of the afternoon going through the figures line by line, "
    "and several members asked for more detail on how the money would be spent next year."
)
SHORT = "It was a short meeting."


def tokens(markdown: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").parse(markdown) if t.nesting >= 0]


def headings(markdown: str) -> list[str]:
    return [line[3:] for line in markdown.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize(
    "line",
    [
        "Budget talks resume",
        "1. Start small",
        "4) Get out",
        "Was kostet die neue Brücke?",
        "iPhone sales slow down",
        "„Die Liste wird immer länger“",
        "La réforme des retraites en question",
    ],
)
def test_short_line_before_a_long_paragraph_is_a_heading(line: str) -> None:
    result = clean(f"{LONG}\n{line}\n{LONG.replace('afternoon', 'morning')}\n")
    assert headings(result.markdown) == [line.replace("1. ", "1\\. ").replace("4) ", "4\\) ")]
    assert tokens(result.markdown).count("heading_open") == 1
    assert result.report.headings == 1
    assert result.report.tags[0].rule.startswith("short line")


def test_headline_case_label_before_a_short_paragraph_is_a_heading() -> None:
    result = clean(f"{LONG}\nWhy Monitor Your Servers\n{SHORT}\n")
    assert headings(result.markdown) == ["Why Monitor Your Servers"]


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Smith",
        "Von Hans Müller",
        "12.03.2024",
        "Photo: Reuters",
        "© Getty Images",
        "- a list item",
        "• another list item",
        "This line ends a sentence.",
        "what a lower-case start means",
        "Stop the presses!",
        "a short line before a short one",
        "(Credits: Amazon Prime Video)",
        "[Get our newsletter in your inbox]",
        "Herr Teuber, was genau ist das?",
    ],
)
def test_bylines_dates_captions_items_and_sentences_are_not_headings(line: str) -> None:
    result = clean(f"{LONG}\n{line}\n{LONG.replace('afternoon', 'morning')}\n")
    assert headings(result.markdown) == []
    assert "heading_open" not in tokens(result.markdown)


def test_last_line_is_not_a_heading() -> None:
    assert headings(clean(f"{LONG}\nSee also\n").markdown) == []


@pytest.mark.parametrize(
    ("quote", "attribution", "written"),
    [
        (
            LONG,
            "Mark Cancian, Center for Strategic and International Studies (CSIS)",
            "Mark Cancian, Center for Strategic and International Studies (CSIS)",
        ),
        (
            "“We will not give up on this town, not now and not ever,” she said.",
            "— Maria Lopez",
            "Maria Lopez",
        ),
        (
            "Interesting to see the new capture running at 60fps pic.twitter.com/abc",
            "— Digital Foundry (@digitalfoundry) November 18, 2019",
            "Digital Foundry (@digitalfoundry) November 18, 2019",
        ),
    ],
)
def test_pull_quote_with_attribution(quote: str, attribution: str, written: str) -> None:
    result = clean(f"{SHORT} {SHORT}\n{quote}\n{attribution}\n{LONG}\n")
    assert f"> {quote}\n>\n> — {written}\n" in result.markdown
    assert tokens(result.markdown).count("blockquote_open") == 1
    assert result.report.quotes == 1
    assert clean(result.markdown).markdown == result.markdown


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Drink within 30 minutes after your workout", "Beachbody Recover, 1 cup blueberries"),
        (
            "Pickelhalter mit elastischer Schnur oben und abnehmbaren Riemen unten.",
            "Truck Bull-System, um bei Teamrennen einem Partner ziehen zu können",
        ),
        (LONG, "Paris, France"),
        ("Too short to quote.", "— Jane Doe"),
    ],
)
def test_no_quote_without_evidence(before: str, after: str) -> None:
    result = clean(f"{LONG}\n{before}\n{after}\n{LONG.replace('figures', 'numbers')}\n")
    assert "blockquote_open" not in tokens(result.markdown)
    assert result.report.quotes == 0


def test_tags_off_writes_paragraphs_only() -> None:
    from articlefix import Options

    text = f"Budget talks resume\n{LONG}\n{LONG[:-1]} again.\n— Jane Doe\n"
    result = clean(text, Options(tag=False))
    assert set(tokens(result.markdown)) <= {"paragraph_open", "inline", "paragraph_close"}
