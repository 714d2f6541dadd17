"""The pull quote as one unit: one rule (quotes.py) read by dedup and classify, one writer."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from articlefix import clean
from articlefix.blocks import split_blocks
from articlefix.classify import Credit, TagKind, TypedBlock, classify, per_block
from articlefix.quotes import (
    _ATTRIBUTES,
    _CLOSES,
    _NAME_ORG,
    _names_org,
    _quoted,
    _speaker,
    pairing,
)
from articlefix.render import render

SAID = "We will open the new ferry terminal before the summer season begins."
POST = "ferry's late again"


@pytest.mark.parametrize(
    ("quote", "line", "closes", "attributes"),
    [
        (SAID, "— Ana Lopez, Harbour Board", True, True),
        (SAID, "Ana Lopez, Harbour Board", True, True),
        (SAID.rstrip("."), "Ana Lopez, Harbour Board", False, False),  # no sentence end
        ("A short caption", "— Ana Lopez", False, True),  # too short to be quoted
        (POST, "— quaywatch (@quaywatch) 3 May 2024", True, True),  # a post, however short
        (SAID, "— By Ana Lopez", False, False),  # who wrote it, not who said it
        (SAID, "Von Ana Lopez, Hafenblatt", False, False),
        (SAID, "— Ana Lopez, Harbour Board.", False, False),  # a sentence, not a name
    ],
)
def test_which_line_attributes_the_paragraph_before_it(
    quote: str, line: str, closes: bool, attributes: bool
) -> None:
    pairs = pairing([quote, line])
    assert pairs.closes(1, 0) is closes
    assert pairs.attributes(1, 0) is attributes


def test_a_paragraph_before_a_paragraph_is_no_pair() -> None:
    pairs = pairing([SAID, "The board meets on Tuesday."])
    assert not pairs.closes(1, 0)
    assert not pairs.attributes(1, 0)


def test_classify_emits_the_quote_and_its_attribution_as_one_unit() -> None:
    blocks = split_blocks(f"{SAID}\n— Ana Lopez, Harbour Board\nThe board meets on Tuesday.\n")
    typed = classify(blocks, tag=True)
    assert [t.kind for t in typed] == [TagKind.QUOTE, TagKind.PARAGRAPH]
    assert typed[0].credit == Credit("Ana Lopez, Harbour Board", typed[0].credit.rule)
    assert [t.kind for t in per_block(typed)] == ["quote", "attribution", "paragraph"]


def test_render_writes_the_unit_as_one_blockquote() -> None:
    unit = TypedBlock(SAID, TagKind.QUOTE, "test", credit=Credit("Ana Lopez", "test"))
    after = TypedBlock("The board meets on Tuesday.", TagKind.PARAGRAPH, "test")
    assert render([unit, after]) == f"> {SAID}\n>\n> — Ana Lopez\n\nThe board meets on Tuesday.\n"


def test_report_lists_quote_and_attribution_at_their_own_lines() -> None:
    result = clean(f"Harbour news\n{SAID}\n— Ana Lopez, Harbour Board\n{SAID[:40]} later.\n")
    tags = [(t.line, t.kind, t.rule) for t in result.report.tags]
    assert (2, "quote", "paragraph followed by an attribution line") in tags
    assert (3, "attribution", "attribution line after a pull quote") in tags
    assert '"kind": "attribution"' in json.dumps([t._asdict() for t in result.report.tags])


# A name, a comma, blanks, the organisation's first character and the rest: where the comma
# test could go wrong. "À" and "Þ" bound the capitals after the comma, "×" lies between them.
_WORD = st.sampled_from(["Ana", "Àli", "9to5", "de", "1"])
_SPEAKER_LINES = st.builds(
    lambda name, blanks, first, rest: f"{name},{blanks}{first}{rest}",
    st.lists(_WORD, min_size=2, max_size=4).map(" ".join),
    st.text(st.sampled_from(" \t\u00a0"), max_size=2),
    st.sampled_from("AZÀÞ×a1"),
    st.text(st.sampled_from("ab ,."), max_size=4),
)


@given(_SPEAKER_LINES)
@example("Ana Lopez, Þorn Group")  # the last capital of the range; "×" is inside it
@example("Ana Lopez, ×3")
def test_the_comma_short_cut_decides_as_the_name_and_organisation_pattern(text: str) -> None:
    assert _names_org(text) == (_NAME_ORG.fullmatch(text) is not None)


_QUOTES = st.sampled_from(
    [SAID, SAID.rstrip("."), "A short caption", POST, f"“{SAID}”", SAID + " "]
)
_LINES = st.one_of(
    _SPEAKER_LINES,
    st.sampled_from(
        ["Ana Lopez, Harbour Board", "— Ana Lopez, Harbour Board", "– Ana Lopez", "— q (@q) 3 May"]
    ),
)


@given(_QUOTES, _LINES)
@example(f"“{SAID}”", "Ana Lopez, Harbour Board")  # a sentence's end inside its quote mark
def test_a_pair_is_told_as_the_shapes_of_its_two_blocks_tell_it(quote: str, line: str) -> None:
    """The short cut before a line's shape (no dash, no sentence end) decides as the shapes do."""
    pairs = pairing([quote, line])
    for asked, needs in ((pairs.closes, _CLOSES), (pairs.attributes, _ATTRIBUTES)):
        need = needs.get(_speaker(line))
        assert asked(1, 0) == (need is not None and _quoted(quote) & need == need)
