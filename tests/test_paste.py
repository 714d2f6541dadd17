"""Paste or structure (DESIGN.md rule 6): which confirmed repeats go, in text mode and in Markdown.

Each case is an article written as lines (one paragraph per line) and the number of times the
repeated line must appear in the output.
"""

from __future__ import annotations

import pytest

from articlefix import Options, clean
from articlefix.paste import LONG, LONG_AUTHORED

BODY = [
    "The new release brings a faster compiler and a smaller standard library for embedded boards.",
    "Packages now build in parallel by default, which halves the time of a clean build on CI.",
    "The debugger can step into generated code and shows the source it came from, line by line.",
    "Support for the oldest operating systems ends with this release, as announced a year ago.",
]
LEAD_IN = "See the detailed release notes for more."  # 7 words: what an author repeats
OTHER_LEAD_IN = "The full list of changes is on the website."
SENTENCE = "The team thanks the two hundred people who sent patches, reports and reviews this year."
assert len(LEAD_IN.split()) < LONG <= len(SENTENCE.split())

# title, lines, the repeated line, how often it stays
CASES = [
    ("a lead-in before each section stays", [BODY[0], LEAD_IN, BODY[1], LEAD_IN, BODY[2]],
     LEAD_IN, 2),
    ("the lead-in goes where the text shows a paste", [BODY[0], LEAD_IN, BODY[1], LEAD_IN,
     BODY[2], BODY[3], BODY[1], BODY[2]], LEAD_IN, 1),
    ("a sentence pasted alone goes", [SENTENCE, BODY[0], BODY[1], SENTENCE], SENTENCE, 1),
    ("a copy right after its original goes", [BODY[0], LEAD_IN, LEAD_IN, BODY[1]], LEAD_IN, 1),
    ("a copy in other spacing goes", [BODY[0], LEAD_IN, BODY[1], LEAD_IN.replace(" ", "  ")],
     "more.", 1),
    ("a run of two short lines goes", [LEAD_IN, "Read more", BODY[0], LEAD_IN, "Read more"],
     LEAD_IN, 1),
    ("a run goes whose pair was pasted once before", [LEAD_IN, OTHER_LEAD_IN, LEAD_IN, BODY[0],
     OTHER_LEAD_IN, LEAD_IN], LEAD_IN, 1),
]  # fmt: skip


@pytest.mark.parametrize(("title", "lines", "line", "stays"), CASES, ids=[c[0] for c in CASES])
def test_text_mode_removes_a_repeat_only_where_the_text_shows_a_paste(
    title: str, lines: list[str], line: str, stays: int
) -> None:
    result = clean("\n".join(lines) + "\n", Options(input_format="text"))
    assert result.markdown.count(line) == stays
    assert clean(result.markdown, Options(input_format="text")).markdown == result.markdown


def test_a_repeat_kept_as_structure_is_reported() -> None:
    result = clean("\n".join([BODY[0], LEAD_IN, BODY[1], LEAD_IN, BODY[2]]) + "\n")
    [kept] = result.report.similar_kept
    assert (kept.position, kept.resembles) == (4, 2)
    assert "kept as structure" in kept.difference


@pytest.mark.parametrize(("extra", "stays"), [(LONG_AUTHORED - 1, 2), (LONG_AUTHORED, 1)])
def test_authored_markdown_loses_only_a_long_paragraph(extra: int, stays: int) -> None:
    words = " ".join(f"word{n}" for n in range(extra))
    text = f"# Notes\n\n{words}\n\n- a list\n\n{words}\n"
    assert clean(text, Options(input_format="markdown")).markdown.count(words) == stays
