"""furniture.py's quick test of a line's start gives the furniture pattern's answer, always."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from articlefix import furniture

_WORDS = [word for words in furniture._WORDS for word in words.split("|")]
# Letters that match ASCII ones case-insensitively ("ſ" is "s", the Kelvin sign "k", dotted
# and dotless i), accents, a combining mark and the other characters the pattern looks at.
_TRICKY = "ſKİıéÉàÀöÖ\u0307’'•-–:|/©>»›([!_ \t\n0123456789"
_starts = st.builds(
    lambda word, cuts, rest: (
        "".join(ch.upper() if k in cuts else ch for k, ch in enumerate(word.replace("?", "")[:8]))
        + rest
    ),
    st.sampled_from(_WORDS),
    st.sets(st.integers(0, 7)),
    st.builds(
        str.__add__,
        st.sampled_from(["", ":", " :", "s:", " by Jane", " on", " 3", "credit", " |", " »"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ" + _TRICKY, max_size=6),
    ),
)
_anything = st.text(alphabet="abcdeiklmnoprstuvwyzBIKPSTW" + _TRICKY, max_size=12)


@given(st.one_of(_starts, _anything))
@example("Biden veut accélérer les livraisons d’armes")  # the seed's headings: no regex
@example("L’Europe appelée à intensifier son soutien")
@example("By Jane Doe")
@example("Wo: Rathaus")
@example("byline")
@example("ſources: dpa")  # matches "sources" case-insensitively
@example("Photocredit: AP")
@example("Crédits: AP")  # an accent among the first three letters: the regex decides
def test_the_quick_test_agrees_with_the_pattern(text: str) -> None:
    expected = re.match(furniture._FURNITURE_START, text, re.IGNORECASE) is not None
    assert furniture._furniture_start(text) is expected


def test_the_words_have_the_shape_the_quick_test_needs() -> None:
    """A word that starts with an ASCII letter continues with letters for its first three
    characters, or has two letters: what lets a line's first letters rule it out."""
    for word in _WORDS:
        if word[0].isascii():
            head = word[:3]
            assert head.isalpha() and head == head.lower(), word


def test_no_button_is_longer_than_the_length_that_rules_one_out() -> None:
    """Each word of the button pattern, at its longest ("e-mail", "was this helpful?")."""
    words = furniture._BUTTON.removeprefix("(?:").split(")")[0].split("|")
    longest = [re.sub(r"(\\\?|.)\?", r"\1", word).replace("\\?", "?") for word in words]
    assert "found this helpful" in longest and "e-mail" in longest
    assert max(map(len, longest)) == furniture.BUTTON_CHARS
    for word in longest:
        assert re.fullmatch(furniture._BUTTON, word.upper() + " ", re.IGNORECASE), word


@given(_anything)
@example("“Go,” she said")
@example("« Non », dit-il")
def test_speech_is_only_looked_for_where_its_punctuation_is(text: str) -> None:
    if re.search(furniture._SPEECH, text):
        assert any(mark in text for mark in furniture._SPEECH_MARKS)


@given(st.text(alphabet="aBZé 12.,:/%-$€٣x", max_size=14))
@example("EFFECTIFS22J. Delaplace23T. Monconduit")
@example("LOW Lowe's 113.40 1.62 1.41%")
@example("Scores ٣ ٤ ٥")  # Arabic-Indic digits are \d too
def test_a_line_of_data_needs_a_digit(text: str) -> None:
    if re.search(furniture._GLUED_CELLS, text) or any(
        re.fullmatch(furniture._NUMBER, word) for word in text.split()
    ):
        assert any(ch.isdecimal() for ch in text)


def test_digits_of_any_script_make_a_line_of_data() -> None:
    assert furniture._data("Scores ٣ ٤ ٥ ٦")  # Arabic-Indic digits: decimal, as \d reads them
    assert not furniture._data("Scores three four five")
