"""The heading rules' short cuts decide as the rules they stand for (hypothesis properties)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from articlefix.headings import EVIDENCE, LONG_WORDS, heads, long, size, title_shape

# Latin letters with and without accents, a curly apostrophe, CJK ideographs and kana, digits,
# spaces and sentence ends: where the byte-length short cut for CJK could go wrong.
_LETTERS = "aBé’中ひ1 .:)"
_LINES = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=140)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@given(_LINES)
def test_size_counts_words_and_half_a_word_a_cjk_character(text: str) -> None:
    words = min(len(text.split()), LONG_WORDS + 2)
    cjk = len(_CJK.findall(text[: 4 * LONG_WORDS])) if words <= LONG_WORDS else 0
    assert size(text) == words + cjk // 2


@given(_LINES)
def test_long_is_24_words_or_more(text: str) -> None:
    assert long(text) == (size(text) >= LONG_WORDS)


@given(_LINES, _LINES, _LINES)
def test_heads_names_the_first_evidence_of_a_title_shaped_line(
    text: str, after: str, before: str
) -> None:
    found = (e.name for e in EVIDENCE if e.test(text, after, before))
    expected = next(found, None) if title_shape(text, after) else None
    assert heads(text, after, before) == expected
