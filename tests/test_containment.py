"""Containment: a block that another block holds whole, read as a case table.

Each row is a small article of our own, one paragraph a line, and the blocks that must come out.
Rows marked ``goes`` are pastes (a teaser and its paragraph, a pair glued into one); rows marked
``kept`` are the guards: text that looks contained but is content, and must stay.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from articlefix import Options, clean

UNTAGGED = Options(tag=False)  # what dedup keeps, read without headings or quotes

FULL = (
    "The harbour board agreed on Monday to rebuild the old north quay with timber from "
    "local forests, a plan that will take three summers and cost the town 4 million."
)
LEAD = "The harbour board agreed on Monday to rebuild the old north quay."
LEAD_FULL = f"{LEAD} Work starts in April, and the ferry will use the south quay until then."
BETWEEN = "Fishermen who use the quay every morning said they had waited for years."
SHORT_TAIL = "Nobody voted against it."
GLUED_HEAD = (
    "The harbour board voted on Monday evening, after a long debate in the town hall about "
    "the price of timber and steel, to rebuild the old north quay."
)


class Case(NamedTuple):
    name: str
    lines: list[str]
    out: list[str]  # the blocks written, in order
    reason: str | None  # the reason given for the one removal, None: nothing removed


CASES = [
    # --- pastes: the container stays once, at the first place ---
    Case(
        "teaser ending in a full stop, right before its paragraph",
        [LEAD, LEAD_FULL, BETWEEN],
        [LEAD_FULL, BETWEEN],
        "fuller text moved to the teaser's place",
    ),
    Case(
        "teaser ending in [\u2026] before its paragraph",
        ["The harbour board agreed on Monday to rebuild the old [\u2026]", BETWEEN, FULL],
        [FULL, BETWEEN],
        "fuller text moved to the teaser's place",
    ),
    Case(
        "teaser ending in (...) before its paragraph",
        ["The harbour board agreed on Monday to rebuild (...)", BETWEEN, FULL],
        [FULL, BETWEEN],
        "fuller text moved to the teaser's place",
    ),
    Case(
        "teaser ending in [...] after its paragraph",
        [FULL, BETWEEN, "The harbour board agreed on Monday to rebuild the old north [...]"],
        [FULL, BETWEEN],
        "teaser of an earlier paragraph",
    ),
    Case(
        "pair glued into one, whose copy also looks like its first half",
        [GLUED_HEAD, SHORT_TAIL, BETWEEN, f"{GLUED_HEAD} {SHORT_TAIL}"],
        [GLUED_HEAD, SHORT_TAIL, BETWEEN],
        "earlier blocks 1-2 glued together",
    ),
    # --- guards: contained-looking text that is content ---
    Case(
        "lead sentence repeated inside a paragraph further on",
        [LEAD, BETWEEN, LEAD_FULL],
        [LEAD, BETWEEN, LEAD_FULL],
        None,
    ),
    Case(
        "next paragraph starts with a sentence of fewer than eight words",
        ["The quay will be rebuilt.", "The quay will be rebuilt. The ferry moves south."],
        ["The quay will be rebuilt.", "The quay will be rebuilt. The ferry moves south."],
        None,
    ),
    Case(
        "a question the next paragraph starts by repeating",
        [
            "Why did the harbour board wait so long to rebuild the quay?",
            "Why did the harbour board wait so long to rebuild the quay? Money, mostly.",
        ],
        [
            "Why did the harbour board wait so long to rebuild the quay?",
            "Why did the harbour board wait so long to rebuild the quay? Money, mostly.",
        ],
        None,
    ),
    Case(
        "an elision [\u2026] inside a quotation, not at its end",
        [
            "\u201cWe will rebuild [\u2026] with timber from our own forests,\u201d she said.",
            BETWEEN,
            "\u201cWe will rebuild the quay with timber from our own forests,\u201d she said.",
        ],
        [
            "\u201cWe will rebuild [\u2026] with timber from our own forests,\u201d she said.",
            BETWEEN,
            "\u201cWe will rebuild the quay with timber from our own forests,\u201d she said.",
        ],
        None,
    ),
    Case(
        "a paragraph that ends in [\u2026] and starts another one only in part",
        ["The harbour board agreed on Tuesday to rebuild [\u2026]", BETWEEN, FULL],
        ["The harbour board agreed on Tuesday to rebuild [\u2026]", BETWEEN, FULL],
        None,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_containment(case: Case) -> None:
    result = clean("\n".join(case.lines) + "\n", UNTAGGED)
    written = [line.replace("[", "\\[").replace("]", "\\]") for line in case.out]
    assert result.markdown.strip().split("\n\n") == written
    reasons = [r.reason for r in result.report.removed]
    assert reasons == ([] if case.reason is None else [case.reason])
    assert clean(result.markdown, UNTAGGED).markdown == result.markdown  # a second run agrees
