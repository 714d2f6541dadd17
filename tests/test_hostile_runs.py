"""Runs that once lost output or hung: a standard output that fills up, is closed or whose
reader leaves, an unbounded standard input, a worker killed mid-batch, SIGTERM and SIGHUP.

Every fault comes at a chosen moment (``fault.py``, or a limit set before the child starts),
never after a random sleep.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from articlefix.cli import cli
from test_faults import file_size_limit, pages, with_fault
from test_reliability import article, command, errors, fixed


@pytest.mark.parametrize("mode", ["stdout", "--diff"])
def test_standard_output_cut_short_fails_the_run(tmp_path: Path, mode: str) -> None:
    """A full disk or ``ulimit -f`` under ``> out.md``: before, half an article and exit 0."""
    page = tmp_path / "a.txt"
    page.write_bytes(article(0, paragraphs=150))
    assert len(fixed(page.read_bytes())) > 16384
    options = [mode] if mode != "stdout" else []
    with (tmp_path / "out.md").open("wb") as out:
        done = command(*options, page, stdout=out, preexec_fn=file_size_limit(8192))
    assert done.returncode == 3
    assert done.stderr == "articlefix: standard output: file too large\n"


@pytest.mark.parametrize(
    ("closed", "args", "status", "message"),
    [
        (0, ["-"], 3, "articlefix: <stdin>: standard input is closed\n"),
        (1, ["PAGE"], 3, "articlefix: standard output: closed\n"),
        (1, ["--diff", "PAGE"], 3, "articlefix: standard output: closed\n"),
        (2, ["-i", "PAGE"], 1, ""),
    ],
)
def test_a_closed_standard_stream_is_one_line_or_silence_never_a_traceback(
    tmp_path: Path, closed: int, args: list[str], status: int, message: str
) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(article(0))
    argv = [page if a == "PAGE" else a for a in args]
    done = command(*argv, preexec_fn=lambda: os.close(closed))
    assert done.returncode == status
    assert done.stderr == message
    if closed == 2:  # nothing can be said, but the work is done and the status tells
        assert page.read_bytes() == fixed(article(0))


def test_a_reader_that_went_away_stops_the_batch(tmp_path: Path) -> None:
    """``articlefix *.txt | head -1``: before, every later file was cleaned and reported as a
    broken pipe. Now the run stops at the first, as cat does: 141, nothing more cleaned."""
    names = "abcdefghij"
    paths = [tmp_path / f"{n}.txt" for n in names]
    for n, path in enumerate(paths):
        path.write_bytes(article(n))
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first byte
    try:
        done = command("-v", "-j", "1", "--report", tmp_path / "r.jsonl", *paths, stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == 141
    assert "broken pipe" not in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "r.jsonl").read_text() == ""  # not one file cleaned after the first


def records_file(path: Path, count: int) -> Path:
    lines = (json.dumps({"id": n, "text": article(n).decode()}) + "\n" for n in range(count))
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_records_on_standard_output_are_complete_or_the_run_fails(tmp_path: Path) -> None:
    """Records mode wrote with unchecked buffered writes: a full disk gave a traceback (exit
    1), a reader gone away exit 0. Now: one line and 3, and 141 as in file mode."""
    source = records_file(tmp_path / "in.jsonl", 300)
    with (tmp_path / "out.jsonl").open("wb") as out:
        full = command("--jsonl", source, stdout=out, preexec_fn=file_size_limit(8192))
    assert (full.returncode, full.stderr) == (3, "articlefix: standard output: file too large\n")
    reader, writer = os.pipe()
    os.close(reader)
    try:
        gone = command("--jsonl", source, stdout=writer)
    finally:
        os.close(writer)
    assert (gone.returncode, gone.stderr) == (141, "")


def test_an_output_that_is_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    """``--output /dev/null`` as root replaced the device with a regular file (an atomic
    rename over it); a named pipe stands in for it here."""
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reading = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reading.start()
    done = command("--jsonl", records_file(tmp_path / "in.jsonl", 3), "--output", fifo)
    reading.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(got[0].splitlines()) == 3


def test_max_bytes_holds_for_standard_input() -> None:
    """Before, standard input was read whole: unbounded input grew to a MemoryError."""
    result = CliRunner().invoke(cli, ["--max-bytes", "1000", "-"], input=b"word " * 1000)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "<stdin>: larger than --max-bytes (over 1000 bytes when read), not cleaned" in (
        result.stderr
    )


def test_a_killed_worker_costs_its_file_and_the_batch_finishes(tmp_path: Path) -> None:
    """``kill -9`` on a worker, as the OOM killer does: before, the batch hung at 0 % CPU."""
    src, out = tmp_path / "src", tmp_path / "out"
    made = pages(src, 8)
    doomed = src / "p003.txt"

    done = with_fault("cleaning:p003.txt", 1, "SIGKILL", "-j", "2", "-o", out, src)

    assert done.returncode == 3, done.stderr
    assert errors(done.stderr) == [
        f"articlefix: {doomed}: worker process died (SIGKILL) while cleaning this file"
    ]
    for path, data in made.items():
        if path != doomed:
            assert (out / f"{path.stem}.md").read_bytes() == fixed(data)
    assert not (out / "p003.md").exists()


def test_a_killed_worker_in_records_mode_costs_its_chunk_and_the_run_finishes(
    tmp_path: Path,
) -> None:
    """The same for records: before, records mode ran on multiprocessing.Pool and hung."""
    records = [
        {"id": f"r{n}", "text": article(n).decode(), "url": f"https://a.example/{n}"}
        for n in range(150)
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    whole = command("-j", "1", "--output", tmp_path / "whole.jsonl", source)
    assert whole.returncode == 0, whole.stderr

    done = with_fault(
        "record:quay 100 ", 1, "SIGKILL", "-j", "2", "--output", tmp_path / "out.jsonl", source
    )

    assert done.returncode == 3, done.stderr
    out = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    good = (tmp_path / "whole.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(out) == len(good) == 150
    lost = [n for n, (a, b) in enumerate(zip(out, good, strict=True)) if a != b]
    assert 100 in lost and len(lost) <= 64  # one chunk of records, the rest as a clean run
    for n in lost:
        report = json.loads(out[n])["articlefix"]
        assert report["status"] == "error" and "worker process died (SIGKILL)" in report["error"]
        assert json.loads(out[n])["id"] == f"r{n}"  # its fields kept


def test_warnings_reach_the_report_and_explain(tmp_path: Path) -> None:
    """Bidi overrides, zero-width characters and bytes read by a guess: before, clean() found
    them and neither --report nor --explain said so."""
    page, report = tmp_path / "a.txt", tmp_path / "r.jsonl"
    data = "Pay \u202eto this\u202c account.\nA line\u200b here.\n".encode() + b"\xff\n"
    page.write_bytes(data)

    result = CliRunner().invoke(cli, ["--report", str(report), "--explain", str(page)])

    assert result.exit_code == 0, result.output
    (record,) = (json.loads(line) for line in report.read_text().splitlines())
    assert record["warnings"] == [
        f"1 byte(s) not valid UTF-8 read as cp1252, first at byte {data.index(255)}",
        "2 bidirectional control character(s) (U+202C, U+202E), first on line 1",
        "1 zero-width character(s) (U+200B), first on line 2",
    ]
    for warning in record["warnings"]:
        assert warning in result.stderr
