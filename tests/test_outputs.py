"""Batch outputs: one sync per --output-dir run instead of one per file, the report on disk as
each input finishes, --skip-existing to resume, --report - and several inputs on stdout."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import articlefix.pipeline
from articlefix.cli import cli

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed.txt"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def inputs(folder: Path, count: int) -> list[Path]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"{n:02}.txt"
        path.write_text("\n".join(lines[n : n + 12] + lines[n : n + 2]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def report(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_new_outputs_are_synced_once_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "sync", lambda: calls.append("sync"))
    paths = inputs(tmp_path / "in", 6)
    assert run("-j", "1", "-o", tmp_path / "out", *paths).exit_code == 0
    assert calls == ["sync"]
    assert len(list((tmp_path / "out").iterdir())) == 6
    calls.clear()  # files that exist are replaced only once their new bytes are on disk
    assert run("-j", "1", "-o", tmp_path / "out", *paths).exit_code == 0
    assert calls == ["fsync"] * 6 + ["sync"]


def test_an_interrupted_run_leaves_a_valid_report_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = articlefix.pipeline.clean
    calls: list[int] = []

    def interrupted(data: str | bytes, options: Any = None, **site: Any) -> Any:
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(data, options)

    paths = inputs(tmp_path / "in", 6)
    out, log = tmp_path / "out", tmp_path / "r.jsonl"
    monkeypatch.setattr(articlefix.pipeline, "clean", interrupted)
    assert run("-j", "1", "-o", out, "--report", log, *paths).exit_code == 130
    assert [r["path"] for r in report(log)] == [str(p) for p in paths[:3]]
    monkeypatch.setattr(articlefix.pipeline, "clean", real)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    result = run("-j", "1", "-o", out, "--report", log, "--skip-existing", *paths)
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in report(log)] == ["existing"] * 3 + ["changed"] * 3
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name in before} == before
    assert sorted(p.name for p in out.iterdir()) == [f"{n:02}.md" for n in range(6)]


def test_report_dash_goes_to_stdout_when_the_markdown_does_not(tmp_path: Path) -> None:
    paths = inputs(tmp_path / "in", 3)
    result = run("-o", tmp_path / "out", "--report", "-", *paths)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == list(
        map(str, paths)
    )
    assert not (Path.cwd() / "-").exists()
    clash = run("--report", "-", *paths)
    assert clash.exit_code == 2
    assert "--report - needs standard output, which Markdown takes here" in clash.output


def test_skip_existing_needs_an_output_dir(tmp_path: Path) -> None:
    result = run("--skip-existing", *inputs(tmp_path / "in", 1))
    assert result.exit_code == 2
    assert "--skip-existing needs --output-dir" in result.output


def test_several_inputs_on_stdout_never_merge(tmp_path: Path) -> None:
    paths = inputs(tmp_path / "in", 3)
    alone = [run(p).stdout for p in paths]
    together = run(*paths).stdout
    assert together == "\n* * *\n\n".join(alone)
    assert together.split("\n\n") == [
        *alone[0].rstrip("\n").split("\n\n"), "* * *",
        *alone[1].rstrip("\n").split("\n\n"), "* * *",
        *alone[2].split("\n\n"),
    ]  # fmt: skip
