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


# (what it shows, the paragraph, the line after it, the attribution written or None: no quote)
ATTRIBUTIONS = [
    (
        "a short post before its author line",
        "Ferry cancelled again.",
        "— Harbour Watch (@harbourwatch) 3 March 2024",
        "Harbour Watch (@harbourwatch) 3 March 2024",
    ),
    (
        "a lower-case post and a lower-case name",
        "honestly the new quay looks great",
        "— jo (@jo_on_the_quay) March 3, 2024",
        "jo (@jo_on_the_quay) March 3, 2024",
    ),
    (
        "a name that starts with a digit",
        "“The new quay opens in the spring, two years later than planned,” she said.",
        "— 9to5Harbour.com",
        "9to5Harbour.com",
    ),
    (
        "an English byline",
        "“The new quay opens in the spring, two years later than planned,” she said.",
        "By Jane Doe, Harbour Times",
        None,
    ),
    (
        "a German byline after a dash",
        "„Der neue Kai öffnet im Frühjahr, zwei Jahre später als geplant“, sagte sie.",
        "— Von Hans Müller, dpa",
        None,
    ),
    (
        "a French byline",
        "« Le nouveau quai ouvrira au printemps, deux ans plus tard que prévu », a-t-elle dit.",
        "Par Jeanne Dupont, Le Journal du Port",
        None,
    ),
    (
        "a Spanish byline",
        "«El nuevo muelle abrirá en primavera, dos años más tarde de lo previsto», dijo.",
        "Por María García, Diario del Puerto",
        None,
    ),
]


@pytest.mark.parametrize(
    ("quote", "attribution", "written"),
    [row[1:] for row in ATTRIBUTIONS],
    ids=[row[0] for row in ATTRIBUTIONS],
)
def test_attribution_lines(quote: str, attribution: str, written: str | None) -> None:
    result = clean(f"{LONG}\n{quote}\n{attribution}\n{LONG.replace('figures', 'numbers')}\n")
    if written is None:
        assert "blockquote_open" not in tokens(result.markdown)
        assert result.report.quotes == 0
    else:
        assert f"> {quote}\n>\n> — {written}\n" in result.markdown
        assert tokens(result.markdown).count("blockquote_open") == 1
    assert clean(result.markdown).markdown == result.markdown


# (kind of page text, a line of it) — before a long paragraph, where a title would be a heading.
NOT_TITLES = [
    ("sentence ending inside its quote", "He called it “the best harbour in the north.”"),
    ("sentence ending inside its quote", "Sie nannte es „den schönsten Hafen im Norden!“"),
    ("dialogue", "“Are you coming down to the quay,” she asked"),
    ("dialogue", "« Pas aujourd’hui », répond le capitaine"),
    ("link only", "https://example.org/photos/north-quay-at-dawn"),
    ("link only", "pic.twitter.com/Xq7Harbour"),
    ("image only", "![The north quay at dawn](quay.jpg)"),
    ("date line", "Published on 3 March 2024"),
    ("date line", "Tuesday 12 March 2024 by Jane Doe"),
    ("date line", "Veröffentlicht am 12.03.2024"),
    ("date line", "Mis à jour le 12 mars 2024"),
    ("byline", "Posted by Jane Doe"),
    ("caption", "The old quay in the winter of 1963 Getty Images"),
    ("caption", "Der alte Kai im Winter (Foto: Hafenarchiv)"),
    ("caption", "Photo CreditJane Doe for The Harbour Times"),
    ("cut sentence", "The board said the work would start in April and"),
    ("cut sentence", "If the ferry runs late again, the bus to town"),
    ("cut sentence", "Die Anmeldung ist bis Freitag möglich, und zwar für"),
    ("related article", "Related: Ferry fares rise for the third year"),
    ("related article", "Read more: Ferry fares rise for the third year"),
    ("related article", "Lire aussi : Les tarifs du ferry augmentent"),
    ("shop button", "Get it at Harbour Books for $19.99"),
    ("button", "Found this helpful"),
    ("link with an arrow", "Más en Puerto ›"),
    ("list of names", "Jane Doe, John Smith, Ana Lopez"),
    ("line of data", "HBR Harbour Corp 113.40 1.62 1.41%"),
    ("line of data", "KADER12M. Jansen7P. Olsen19K. Berg"),
    ("line of data", "95'88'74'65'52'45'"),
    ("cut before its object", "Tickets are sold at the harbour office with"),
    ("cut before its object", "Anmeldung bis Freitag beim"),
    ("two clauses", "The ferry was late again; nobody on the quay was surprised"),
    ("dateline", "HAMBURG, GERMANY"),
    ("dateline", "NEW ORLEANS, LOUISIANA"),
    ("field of a notice", "Venue: the old harbour hall"),
    ("field of a notice", "Ort: Alte Hafenhalle, Saal 2"),
    ("field of a notice", "Lieu : la halle du port"),
]


@pytest.mark.parametrize(
    "line", [line for _, line in NOT_TITLES], ids=[f"{kind}: {line}" for kind, line in NOT_TITLES]
)
def test_page_text_on_a_short_line_is_not_a_heading(line: str) -> None:
    result = clean(f"{LONG}\n{line}\n{LONG.replace('afternoon', 'morning')}\n")
    assert headings(result.markdown) == []
    assert "heading_open" not in tokens(result.markdown)


MEDIUM = "Work on the north quay starts in April and should take three summers."
# Longer than the heading below it: the line between paragraphs rule does not take it first.
TOP = "Part two of the harbour plan"


@pytest.mark.parametrize(
    ("lines", "expected", "rule"),
    [
        (["The plan", MEDIUM], ["The plan"], "short line before a longer sentence"),
        (["Was der Umbau kostet", MEDIUM], ["Was der Umbau kostet"], "before a longer sentence"),
        (["Before you start", "You will need three things:"], ["Before you start"], "sentence"),
        ([TOP, "The new quay", MEDIUM], [TOP, "The new quay"], "before a heading"),
    ],
    ids=["subhead", "German subhead", "before a lead-in", "heading over a heading"],
)
def test_subheads_before_short_paragraphs(lines: list[str], expected: list[str], rule: str) -> None:
    result = clean("\n".join([LONG, *lines, LONG.replace("afternoon", "morning")]) + "\n")
    assert headings(result.markdown) == expected
    assert result.report.tags[0].rule.endswith(rule)
    assert clean(result.markdown).markdown == result.markdown


# A line below the subhead that a scraper left without its full stop (a link or code dropped).
UNSTOPPED = "The crane arrives on Monday with the pontoons for the new north quay"


def test_subhead_between_paragraphs_before_an_unstopped_longer_line() -> None:
    result = clean("\n".join([LONG, "Harbour works", UNSTOPPED, LONG]) + "\n")
    assert headings(result.markdown) == ["Harbour works"]
    assert result.report.tags[0].rule == "short line between paragraphs, before a longer line"
    assert clean(result.markdown).markdown == result.markdown


@pytest.mark.parametrize(
    "above",
    ["You will need the following:", "Pontoons for the north quay"],
    ids=["after a lead-in with a colon", "inside a list"],
)
def test_a_list_item_before_an_unstopped_line_is_no_subhead(above: str) -> None:
    result = clean("\n".join([LONG, above, "Harbour works", UNSTOPPED, LONG]) + "\n")
    assert "Harbour works" not in headings(result.markdown)


@pytest.mark.parametrize("line", ["So, where does the ferry go now?", "Aber, was kostet der Kai?"])
def test_a_question_a_discourse_word_opens_is_a_subhead(line: str) -> None:
    """Not a question put to someone by name ("Herr Teuber, was genau ist das?" is one)."""
    result = clean(f"{LONG}\n{line}\n{LONG.replace('afternoon', 'morning')}\n")
    assert headings(result.markdown) == [line]


def test_a_list_of_short_lines_is_not_a_stack_of_headings() -> None:
    """Only the last line before the text may head it; the ones above it are items."""
    items = ["Timber from local forests", "Steel from the old shipyard", "Stone from the quarry"]
    result = clean("\n".join([LONG, *items, MEDIUM, LONG.replace("afternoon", "morning")]) + "\n")
    assert headings(result.markdown) == items[-1:]


@pytest.mark.parametrize(
    ("line", "after", "heading"),
    [
        ("cargo vet", "Cargo now ships cargo vet, which checks who audited a dependency.", True),
        ("工件的生命周期", "所有工件都会安装到全局仓库的目录内，通常位于用户的主目录下。", True),
        ("and then the board", "The board said it would meet the harbour master again.", False),
        ("said the harbour master", "The harbour master told us the quay was unsafe.", False),
    ],
    ids=["lower-case name", "caseless script", "cut: function word", "cut: not taken up"],
)
def test_lower_case_and_caseless_titles(line: str, after: str, heading: bool) -> None:
    result = clean(f"{LONG}\n{line}\n{after}\n{LONG.replace('afternoon', 'morning')}\n")
    assert headings(result.markdown) == ([line] if heading else [])
