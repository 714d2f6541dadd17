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
