"""``--explain``: readable on an 80-column terminal, one header row when piped, JSON Lines on
request, and never a progress bar left above it."""

from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from articlefix import batch
from articlefix.cli import cli
from articlefix.explain import Explainer, fit
from articlefix.files import collect
from articlefix.inputrecord import InputRecord, clean_input
from articlefix.report import Report

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PARA = (
    "The harbour authority said on Tuesday that the new quay would open in the spring, "
    "two years later than first planned, after the contractor found old foundations."
)
NEAR = PARA.replace("Tuesday", "Friday").replace("harbour", "Harbour")
DIRTY = f"{PARA}\nShort line here.\n{PARA}\n{NEAR}\n"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_piped_it_is_tab_separated_under_one_header_row(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", DIRTY), write(tmp_path / "b.txt", DIRTY)
    lines = run("--explain", a, b).stderr.splitlines()
    header = "path\tverdict\tblock\tline\tof_block\tof_line\tsimilarity\treason\ttext"
    assert lines.count(header) == 1 and lines[0] == header
    rows = [line.split("\t") for line in lines[1:] if "\t" in line]
    assert rows[0][:8] == [str(a), "removed", "3", "3", "1", "1", "100.0", "exact repeat"]
    assert rows[1][:8] == [str(a), "similar, kept", "4", "4", "1", "1", rows[1][6],
                           "'Tuesday' became 'Friday'"]  # fmt: skip
    assert [row[0] for row in rows] == [str(a)] * 2 + [str(b)] * 2
    assert all(len(row) == 9 for row in rows)


def test_explain_before_a_file_name_is_still_a_flag(tmp_path: Path) -> None:
    result = run("--explain", write(tmp_path / "a.txt", DIRTY))
    assert result.exit_code == 0 and "exact repeat" in result.stderr


def test_explain_json_is_one_object_per_entry(tmp_path: Path) -> None:
    result = run("--explain=json", write(tmp_path / "a.txt", DIRTY))
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(o["verdict"], o["line"], o["of_line"]) for o in objects] == [
        ("removed", 3, 1),
        ("similar, kept", 4, 1),
    ]
    assert objects[1]["reason"] == "'Tuesday' became 'Friday'"
    assert set(objects[0]) == {"path", "verdict", "block", "line", "of_block", "of_line",
                               "similarity", "reason", "text"}  # fmt: skip


def test_a_file_named_like_the_option_after_a_double_dash_is_a_file(tmp_path: Path) -> None:
    odd = write(tmp_path / "--explain=json", DIRTY)
    result = CliRunner().invoke(cli, ["--", str(odd)])
    assert result.exit_code == 0 and result.stderr == ""


def terminal_lines(record: InputRecord, width: int = 80) -> list[str]:
    return Explainer("text", width=width).lines("seed.txt", record)


def cleaned(name: str, data: bytes) -> tuple[InputRecord, Report]:
    record = clean_input(name, data)
    assert record.report is not None
    return record, record.report


def test_the_seed_fits_80_columns_one_line_per_removal_no_word_broken() -> None:
    record, report = cleaned("seed.txt", (SAMPLES / "seed.txt").read_bytes())
    lines = terminal_lines(record)
    assert len(lines) == 2 + len(report.removed) == 44  # title, header, one line each
    assert all(len(line) <= 80 for line in lines)
    source = (SAMPLES / "seed.txt").read_text(encoding="utf-8")
    whole = set(source.split())
    for line in lines[2:]:
        text = line.split("  ")[-1]
        words = text.removesuffix("…").split()
        assert all(word in whole for word in words[:-1]), line
        assert words[-1] in whole or not text.endswith("…") or source.count(words[-1]), line


def test_a_look_alike_shows_what_differs_in_the_text_as_written(tmp_path: Path) -> None:
    record, report = cleaned("a.txt", DIRTY.encode())
    lines = terminal_lines(record)
    assert lines[-2].split()[:4] == ["4", "1", "kept,", f"{report.similar_kept[0].similarity:.0f}%"]
    assert lines[-1].strip() == "differs: 'Tuesday' became 'Friday'"


def test_narrow_terminals_put_the_text_on_a_line_of_its_own() -> None:
    record = clean_input("a.txt", DIRTY.encode())
    lines = terminal_lines(record, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert any(line.strip().startswith("The harbour authority said") for line in lines)


@pytest.mark.parametrize(
    ("text", "width", "cut"),
    [
        ("short", 10, "short"),
        ("L’administration Trump a annoncé", 20, "L’administration…"),
        ("one two three four", 12, "one two…"),
        ("Unbreakableverylongword", 10, "Unbreakab…"),
    ],
)
def test_fit_cuts_after_a_whole_word(text: str, width: int, cut: str) -> None:
    assert fit(text, width) == cut
    assert len(fit(text, width)) <= width


def test_warnings_are_entries_too() -> None:
    record, report = cleaned("a.txt", DIRTY.encode())
    warned = record._replace(report=replace(report, warnings=("1 zero-width character",)))
    assert terminal_lines(warned)[-1] == "warning: 1 zero-width character"


def test_hostile_text_cannot_drive_the_terminal() -> None:
    record = clean_input("a.txt", f"{PARA} \x1b[31mred\u202e\n{PARA} \x1b[31mred\u202e\n".encode())
    lines = terminal_lines(record)
    assert not any(re.search("[\x1b\u202e]", line) for line in lines)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_one_input_shows_no_progress_bar_to_leave_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_COLOR", "PRE_COMMIT", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    paths = [str(write(tmp_path / "a.txt", DIRTY))]
    batch.run(
        collect(paths, ("*.txt",), None, 1 << 20),
        batch.Batch(mode="check", explain=Explainer("text", width=80)),
    )
    assert "cleaning" not in terminal.getvalue()
    assert "exact repeat" in terminal.getvalue()
