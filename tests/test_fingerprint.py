"""fingerprint.py's test of a bracket's first two letters gives the agency pattern's answer."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from articlefix import fingerprint

_NAMES = fingerprint._AGENCIES.split("|")


@given(
    st.one_of(st.sampled_from(_NAMES), st.text(alphabet="abcdeikprstuxyCS /,-", max_size=10)),
    st.sampled_from(["", " / afp", ", dpa", "/reuters"]),
    st.sampled_from(["()", "[]", "(]"]),
)
@example("csis", "", "()")  # the seed's "(CSIS)": no credit, and no pattern compiled for it
@example("afp", "", "()")
def test_a_credit_is_cut_exactly_where_the_pattern_matches(name: str, more: str, pair: str) -> None:
    text = " ".join(f"Quay rebuilt {pair[0]}{name}{more}{pair[1]}".casefold().split())
    at = text.rfind(pair[0])
    credit = re.fullmatch(fingerprint._AGENCY, text[at:]) is not None
    assert fingerprint.normal_forms([text]) == ["quay rebuilt" if credit else text]


# Combining marks, compatibility characters (NFKC makes "ﬁ" two letters, "¨" a space and a mark),
# quote marks, blanks, bullets, brackets and a NUL: where a batch of texts normalised together
# could differ from each text normalised alone.
_PIECES = st.sampled_from(
    ["e", "\u0301", "ﬁ", "¨", "“", "'", " ", "\t", "- ", "(afp)", "...", "\0", "A"]
)


@given(st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=6))
def test_a_text_normalises_alike_alone_and_among_others(texts: list[str]) -> None:
    # Among enough others that the batch is searched once for a credit's bracket.
    texts = [*texts, *["Quay rebuilt (harbour)"] * fingerprint._GATED]
    assert fingerprint.normal_forms(texts) == [fingerprint.normal_forms([t])[0] for t in texts]
