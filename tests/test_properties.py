"""Properties of :func:`articlefix.clean` on generated input (Hypothesis).

Fast by default (see ``conftest.py``); ``HYPOTHESIS_PROFILE=fuzz`` runs many more examples.
"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlefix import ArticlefixError, Options, clean, mdedit
from articlefix.decode import decode
from articlefix.paste import LONG

OPTIONS = st.sampled_from(
    [
        Options(),
        Options(input_format="markdown"),
        Options(tag=False),
        Options(repair_mojibake=False),
    ]
)
# Line starts that mean something in Markdown: the output must neutralise or keep them stably.
HAZARDS = [
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2024. ",
    "1) ",
    "---",
    "```",
    "~~~",
    "    ",
    "<b>",
    "<!-- ",
    "[x](javascript:alert(1)) ",
    "&lt;",
    "\\",
    "| a |",
    "",
]


# Any characters, but often those that form mojibake ("Ã©", "â€™") and C1 controls, so the
# repair meets its hard cases: sequences cut by a wrapped line, several layers deep.
MOJIBAKE_PRONE = st.characters() | st.sampled_from("ÃÂâ€™©®°±´¶·¸»¼½¾¿\x81\x8d\x91\x9d")


def check_output(markdown: str, options: Options, data: str | bytes) -> None:
    """The output contract that holds for every input, whatever it was.

    Markdown mode edits the file: its output is the input's lines with some left out, or, for
    scraped text saved as .md, its front matter followed by what text mode writes.
    """
    assert isinstance(markdown, str)
    markdown.encode("utf-8")  # no lone surrogates
    if options.input_format == "markdown":
        text = decode(data, repair=options.repair_mojibake).text
        doc = mdedit.read(text)
        if _lines_kept_from(text, markdown):
            return
        assert markdown.startswith(mdedit.front_matter(doc))
        markdown = markdown[len(mdedit.front_matter(doc)) :]
    assert markdown == "" or (markdown.endswith("\n") and not markdown.endswith("\n\n"))
    assert not re.search(r"[ \t]$", markdown, re.MULTILINE), "trailing blanks"
    assert "\r" not in markdown


def _lines_kept_from(before: str, after: str) -> bool:
    """``after`` is ``before`` with whole lines left out, the rest in order and as they were."""
    rest = iter(before.splitlines(keepends=True))
    return all(any(line == old for old in rest) for line in after.splitlines(keepends=True))


def clean_or_error(data: str | bytes, options: Options) -> str | None:
    try:
        return clean(data, options).markdown
    except ArticlefixError as exc:
        assert str(exc) and "\n" not in str(exc), "one-line message"
        return None


@given(st.binary(max_size=3000), OPTIONS)
def test_any_bytes(data: bytes, options: Options) -> None:
    out = clean_or_error(data, options)
    if out is not None:
        check_output(out, options, data)


@given(
    st.text(max_size=3000) | st.text(st.characters(exclude_categories=()), max_size=300), OPTIONS
)
def test_any_text(data: str, options: Options) -> None:
    """Any ``str``, lone surrogates included (the second strategy draws them)."""
    out = clean_or_error(data, options)
    if out is not None:
        check_output(out, options, data)


@given(
    st.lists(
        st.one_of(st.sampled_from(HAZARDS), st.text(MOJIBAKE_PRONE, max_size=40)),
        min_size=1,
        max_size=25,
    ).map("\n".join),
    OPTIONS,
)
def test_markdown_like_text(data: str, options: Options) -> None:
    """Lines built from Markdown markers and arbitrary text: contract, and idempotence."""
    out = clean_or_error(data, options)
    if out is not None:
        check_output(out, options, data)
        assert clean(out, options).markdown == out


# --- generated articles ------------------------------------------------------------------

WORD = st.text("abcdefghijklmnopqrstuvwxyzéü", min_size=3, max_size=9)


@dataclass(frozen=True)
class Article:
    """Blocks in reading order; ``originals`` are the unique ones, ``text`` the pasted-up input."""

    originals: tuple[str, ...]
    text: str
    traced: bool  # a pasted run of two or more blocks, or a long paragraph pasted


def _sentence(words: list[str], quote: int, apostrophe: int) -> str:
    words = list(words)
    if quote < len(words):
        words[quote] = f'"{words[quote]}"'
    if apostrophe < len(words):
        w = words[apostrophe]
        words[apostrophe] = f"{w[:1]}'{w[1:]}"
    return " ".join(words).capitalize() + "."


@st.composite
def paragraphs(draw: st.DrawFn) -> list[str]:
    """Paragraphs, headings and quote attributions made of words used nowhere else."""
    sizes = draw(st.lists(st.integers(3, 40), min_size=1, max_size=10))
    needed = sum(sizes) + 4 * len(sizes)  # four more words per block for a speaker's name
    vocabulary = draw(st.lists(WORD, min_size=needed, max_size=needed, unique=True))
    names = iter(vocabulary[sum(sizes) :])
    blocks, at = [], 0
    for size in sizes:
        chosen, at = vocabulary[at : at + size], at + size
        kind = draw(st.sampled_from(["sentence", "sentence", "sentence", "heading", "quote"]))
        if kind == "heading" and size <= 8:
            blocks.append(" ".join(w.capitalize() for w in chosen))
            continue
        blocks.append(_sentence(chosen, draw(st.integers(0, 60)), draw(st.integers(0, 60))))
        name = [next(names).capitalize() for _ in range(4)]
        if kind == "quote" and size >= 6:
            blocks.append(f"{name[0]} {name[1]}, {name[2]} {name[3]}")
    return blocks


def _vary(block: str, how: str) -> str:
    """A harmless difference a re-pasted copy may carry."""
    if how == "curly":
        return re.sub(r'"([^"]*)"', "“\\1”", block).replace("'", "’")
    if how == "spaces":
        return block.replace(" ", "  ", 2) + " "
    return block


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """The originals with runs pasted again, some copies varied, in one of the two layouts."""
    originals = draw(paragraphs())
    blocks = [(b, 0) for b in originals]  # (text, change of wrap width for this copy)
    traced = False
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(originals) - 1))
        end = draw(st.integers(start + 1, min(len(originals), start + 6)))
        run = originals[start:end]
        traced = traced or len(run) > 1 or len(run[0].split()) >= LONG
        how = draw(st.sampled_from(["same", "curly", "spaces", "rewrap"]))
        shift = draw(st.integers(-15, 15)) if how == "rewrap" else 0
        at = draw(st.integers(0, len(blocks)))
        blocks[at:at] = [(_vary(b, how), shift) for b in originals[start:end]]
    if len(blocks) == 1 or draw(st.booleans()):  # one paragraph per line (no blank line)
        return Article(tuple(originals), "\n".join(b for b, _ in blocks) + "\n", traced)
    width = draw(st.integers(30, 100))  # blank-line separated, hard-wrapped
    wrapped = [
        textwrap.fill(b, width + shift, break_long_words=False, break_on_hyphens=False)
        for b, shift in blocks
    ]
    return Article(tuple(originals), "\n\n".join(wrapped) + "\n", traced)


def words(block: str) -> tuple[str, ...]:
    """A block's words without markup, quote marks, case or punctuation."""
    block = re.sub(r"^(?:## |> ?(?:— )?)", "", block, flags=re.MULTILINE)
    return tuple(re.sub(r"[^\w]", "", w).casefold() for w in block.split() if re.search(r"\w", w))


@given(articles(), st.sampled_from([Options(), Options(tag=False)]))
def test_idempotent_on_articles(article: Article, options: Options) -> None:
    once = clean(article.text, options).markdown
    check_output(once, options, article.text)
    assert clean(once, options).markdown == once


@given(articles())
def test_every_unique_paragraph_survives_exactly_once(article: Article) -> None:
    """At least once, and exactly once where a paste shows (a run pasted, a long paragraph):
    a short sentence pasted alone is kept as an author's lead-in would be. Only an
    attribution line may close several quotes (the same speaker)."""
    kept: list[tuple[str, ...]] = []
    speakers: list[tuple[str, ...]] = []
    for block in clean(article.text).markdown.split("\n\n"):
        if block.startswith("> ") and "\n>\n" in block:  # a pull quote and its attribution
            quote, who = block.split("\n>\n", 1)
            kept.append(words(quote))
            speakers.append(words(who))
        else:
            kept.append(words(block))
    for original in article.originals:
        found = words(original)
        if found in speakers:
            assert found not in kept or not article.traced, original
        elif article.traced:
            assert kept.count(found) == 1, original
        else:
            assert kept.count(found) >= 1, original
    if article.traced:
        assert len(kept) + len(set(speakers)) == len(article.originals)


FUZZ = Path(__file__).parent.parent / "fuzz"
CRASHES = sorted((FUZZ / "crashes").iterdir())


def contract_check(data: bytes) -> None:
    """The fuzzer's own checks (``fuzz/contract.py``), which need no atheris."""
    sys.path.insert(0, str(FUZZ))
    try:
        from contract import check
    finally:
        sys.path.pop(0)
    check(data)


def test_an_idempotence_failure_is_named_by_what_changed() -> None:
    """Its message is part of the fuzzer's signature: one saved input per kind of change."""
    sys.path.insert(0, str(FUZZ))
    try:
        from contract import change
    finally:
        sys.path.pop(0)
    assert change("## A\n\nB\n", "A\n\nB\n") == "heading -> text"
    assert change("A\n\nB\n", "A\n\n> B\n") == "text -> quote"
    assert change("A\n\n> — C\n", "A\n\n\\— C\n") == "attribution -> escape"
    assert change("A\n", "A\n\nB\n") == "end -> text"
    assert change("A\nB", "A") == "text -> end"


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_fuzz_regressions_hold(path: Path) -> None:
    """Every input the fuzzer once broke the contract with, replayed through its own checks."""
    data = path.read_bytes()
    contract_check(data)
    out = clean_or_error(data[1:], Options())
    if out is not None:
        check_output(out, Options(), data[1:])
