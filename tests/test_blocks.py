"""Paragraph splitting for both scraped layouts, line endings, and Markdown read back as such."""

from __future__ import annotations

import gc
import pickle
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlefix import clean, mojibake
from articlefix.blocks import Block, split_blocks
from articlefix.mojibake import Edit, Part, applied

PARAS = [
    "The harbour authority said on Tuesday that the new ferry terminal would open in the "
    "spring, two years later than planned, after a long dispute over dredging costs.",
    "Engineers found that the seabed near the old pier held far more silt than the survey "
    "had shown, and the contractor asked for more money before work could resume.",
    "Local businesses have waited for the terminal since the plan was first announced.",
    "The first crossings are expected in April, weather permitting, the authority added.",
]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_one_paragraph_per_line() -> None:
    blocks = split_blocks("\n".join(PARAS) + "\n")
    assert texts(blocks) == PARAS
    assert [b.line for b in blocks] == [1, 2, 3, 4]


@pytest.mark.parametrize("width", [40, 60, 72, 79])
def test_blank_line_separated_and_hard_wrapped(width: int) -> None:
    wrapped = [textwrap.fill(p, width, break_on_hyphens=False) for p in PARAS]
    blocks = split_blocks("\n\n".join(wrapped) + "\n")
    assert texts(blocks) == PARAS
    assert blocks[1].line == wrapped[0].count("\n") + 3
    assert blocks[0].lines == wrapped[0].count("\n") + 1


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings(newline: str) -> None:
    for text in ("\n".join(PARAS), "\n\n".join(textwrap.fill(p, 60) for p in PARAS)):
        plain = split_blocks(text)
        assert split_blocks(text.replace("\n", newline)) == plain
        assert texts(plain) == PARAS


@given(
    text=st.text(alphabet="ab \t\r\n\x85>#", max_size=60),
    cuts=st.lists(st.integers(0, 60), max_size=8),
    fixed=st.lists(st.text(alphabet="xé ’\r\n", max_size=4), min_size=4, max_size=4),
    size=st.integers(1, 9),
    split=st.integers(0, 60),
)
def test_lines_read_a_slice_and_an_edit_at_a_time_as_the_text_they_make(
    text: str, cuts: list[int], fixed: list[str], size: int, split: int
) -> None:
    """Blocks of a text read in pieces (parts, slices, and the lines decode.py repaired as
    edits) are those of the whole text with the edits made, wherever a piece cuts a line or a
    CRLF."""
    spans = sorted(min(cut, len(text)) for cut in cuts)
    pairs = zip(spans[::2], spans[1::2], fixed, strict=False)  # as many edits as pairs
    edits = tuple(Edit(start, stop, new) for start, stop, new in pairs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mojibake, "_SLICE", size)
        pieces = split_blocks([Part(text, edits)])
        halves = split_blocks([Part(text[:split]), Part(text[split:])])
    assert pieces == split_blocks(applied(text, edits))
    assert halves == split_blocks(text)


def test_blocks_leave_the_collector_nothing_to_walk_per_block() -> None:
    """Held in columns: a document's blocks add a few objects for the cyclic collector, not one
    per block (each full collection walked every live block when they were NamedTuples)."""
    text = "## Heading\n" + "".join(f"Paragraph number {n} of the dump.\n" for n in range(3000))
    gc.collect()
    before = len(gc.get_objects())
    blocks = split_blocks(text)
    assert len(gc.get_objects()) - before < 20
    assert blocks[0] == Block("Heading", 1, 1, "heading", 2)
    assert (
        blocks[-1]
        == blocks[len(blocks) - 1]
        == Block("Paragraph number 2999 of the dump.", 3001, 1)
    )
    assert list(blocks[1:3]) == [
        Block(f"Paragraph number {n} of the dump.", n + 2, 1) for n in (0, 1)
    ]
    blocks.retext(0, "Another heading")
    assert blocks[0] == Block("Another heading", 1, 1, "heading", 2)
    assert blocks.texts[0] == "Another heading" and not blocks.runs()


# (position, repeats) of each removal: every line between a run's first and last is listed, as
# the lines were before runs were folded (the same figures as on 8795659, which did not fold).
RUN_REMOVALS = {
    2: [(5, 1), (6, 2), (7, 3), (8, 4)],
    3: [(3, 2), (6, 1), (7, 2), (8, 2), (9, 4), (10, 5)],
    7: [*((n, 2) for n in range(3, 8)), (10, 1), *((n, 2) for n in range(11, 17)), (17, 8),
        (18, 9)],
}  # fmt: skip


@pytest.mark.parametrize("count", sorted(RUN_REMOVALS))
def test_a_run_reads_as_the_lines_it_stands_for(count: int) -> None:
    """Removed as one block, reported line by line: the report of the unfolded lines."""
    lines = ["Story one starts here today.", *["Share this"] * count, "Story one ends here now."]
    result = clean("\n".join(lines * 2) + "\n")
    assert result.report.blocks_in == 2 * len(lines)
    removed = [(r.position, r.repeats) for r in result.report.removed]
    assert removed == RUN_REMOVALS[count]
    assert [r.line for r in result.report.removed] == [n for n, _ in removed]
    assert len(result.report.removed) == len(removed)
    assert result.markdown.count("Share this") == 2
    assert pickle.loads(pickle.dumps(result.report)) == result.report  # a process pool's trip
    assert [r["position"] for r in result.report.to_dict()["removed"]] == [n for n, _ in removed]
