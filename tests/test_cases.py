"""The case files (``tests/cases/*.txt``, format in ``tests/cases.py``): each case through
:func:`articlefix.clean` and through the command, and its output cleaned again unchanged.

A case marked ``%% xfail`` is a known failure: strict, so one that starts passing fails the run
until its mark goes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from articlefix import clean
from articlefix.cli import cli
from cases import CASES, Case, all_cases, read_cases

CASE_LIST = all_cases()


def _params(*, known_failures: bool = True) -> list[object]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=pytest.mark.xfail(raises=AssertionError, reason=case.xfail, strict=True),
        )
        if case.xfail is not None and known_failures
        else pytest.param(case, id=case.id)
        for case in CASE_LIST
        if known_failures or case.xfail is None
    ]


@pytest.mark.parametrize("case", _params())
def test_case_through_clean(case: Case) -> None:
    assert clean(case.input.encode("utf-8"), case.options).markdown == case.output


@pytest.mark.parametrize("case", _params())
def test_case_through_the_command(case: Case) -> None:
    result = CliRunner().invoke(cli, [*case.argv, "-"], input=case.input.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout == case.output


@pytest.mark.parametrize("case", _params(known_failures=False))
def test_case_output_is_left_as_it_is(case: Case) -> None:
    """Idempotence: articlefix's output, cleaned again with the same settings, is unchanged."""
    assert clean(case.output.encode("utf-8"), case.options).markdown == case.output


def test_every_stage_has_cases() -> None:
    assert {path.stem for path in CASES.glob("*.txt")} >= {"blocks", "dedup", "classify", "render"}
    assert all(read_cases(path) for path in CASES.glob("*.txt"))


def test_a_malformed_case_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("%% case: no output\n%% input\ntext\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:1: a case needs %% input, then %% output"):
        read_cases(path)
