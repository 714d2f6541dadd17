"""Golden files: every ``samples/*.txt`` must clean to its ``.expected.md``, byte for byte.

Layout (read the pairs side by side): ``samples/NAME.txt`` is raw input and
``samples/NAME.expected.md`` the exact output. Variants of one article share its expected
file: ``seed.cp1252.txt`` and ``seed.wrapped72.txt`` both expect ``seed.expected.md`` (the
part of the name before the first dot). Samples named ``clean-*`` are already clean: their
expected file is the input itself.

Each sample goes through the library, the CLI with a path, and the CLI on stdin; each expected
file must be a fixed point (cleaning it again changes nothing).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import articlefix
from articlefix.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
INPUTS = sorted(SAMPLES.glob("*.txt"))
EXPECTED = sorted(SAMPLES.glob("*.expected.md"))


def expected_for(path: Path) -> Path:
    return SAMPLES / f"{path.name.split('.', 1)[0]}.expected.md"


def words(markdown: str) -> list[str]:
    """The prose words, without the markup articlefix adds (``##``, ``>``, the dash, escapes)."""
    text = re.sub(r"(?m)^(?:## |> ?(?:— )?)", "", markdown)
    return re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", text).split()


def test_samples_are_there() -> None:
    assert len(INPUTS) >= 9
    assert all(expected_for(path).is_file() for path in INPUTS)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_library(path: Path) -> None:
    result = articlefix.clean(path.read_bytes())
    assert result.markdown.encode("utf-8") == expected_for(path).read_bytes()


@pytest.mark.parametrize("via", ["path", "stdin"])
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_cli(path: Path, via: str) -> None:
    """``articlefix FILE`` and ``articlefix -`` with the bytes piped in print the same."""
    args, data = ([str(path)], None) if via == "path" else (["-"], path.read_bytes())
    run = CliRunner().invoke(cli, args, input=data)
    assert run.exit_code == 0, run.output
    assert run.stdout_bytes == expected_for(path).read_bytes()


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_expected_is_a_fixed_point(path: Path) -> None:
    expected = path.read_text(encoding="utf-8")
    assert articlefix.clean(expected).markdown == expected
    assert articlefix.clean(path.read_bytes()).report.removed == ()


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("clean-*.txt")), ids=lambda p: p.name)
def test_clean_sample_is_unchanged(path: Path) -> None:
    """An article with nothing to fix comes out as it went in: nothing removed, no word moved."""
    result = articlefix.clean(path.read_bytes())
    assert result.report.removed == ()
    assert words(result.markdown) == words(path.read_text(encoding="utf-8"))
    assert result.markdown.encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_tags_change_no_word(path: Path) -> None:
    """Headings and quotes are markup around the words; with tagging off the words are the same."""
    tagged = articlefix.clean(path.read_bytes())
    plain = articlefix.clean(path.read_bytes(), articlefix.Options(tag=False))
    assert all(r.repeats < r.position for r in tagged.report.removed)
    assert tagged.report.removed == plain.report.removed
    assert words(tagged.markdown) == words(plain.markdown)
