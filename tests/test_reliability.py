"""Bad inputs and hostile paths: each bad input costs one line on stderr naming the file and
the cause, exit 3 at the end, and never the other files of the run; outputs stay inside
``--output-dir``. Faults during writes, SIGKILL and Ctrl-C are in test_faults.py.

The real command runs in a child process where the exit status, stderr or a hang matter.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import articlefix
from articlefix import batch
from articlefix.cli import cli
from articlefix.inputrecord import InputRecord
from articlefix.inputrecord import clean_file as real_clean_file

SRC = Path(articlefix.__file__).resolve().parent.parent
SUMMARY = re.compile(r"articlefix: \d+ files?, ")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def article(n: int, paragraphs: int = 2) -> bytes:
    """An article of its own for every ``n``, its first paragraph pasted again at the end."""
    body = [
        f"Report {n}.{k}: the harbour authority said on Tuesday that quay {n} would open in "
        f"the spring, {k + 2} years later than planned, after old foundations were found."
        for k in range(paragraphs)
    ]
    return ("\n".join([*body, body[0]]) + "\n").encode()


def articles(folder: Path, names: str) -> list[Path]:
    """``a.txt`` holding ``article(0)``, ``b.txt`` ``article(1)``, ... in ``folder``."""
    folder.mkdir(exist_ok=True)
    pages = [folder / f"{name}.txt" for name in names]
    for n, page in enumerate(pages):
        page.write_bytes(article(n))
    return pages


def fixed(data: bytes) -> bytes:
    """What ``--in-place`` or ``--output-dir`` must write for ``data`` (UTF-8, LF)."""
    return articlefix.clean(data).markdown.encode()


def command(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: real exit status, stderr, signals and limits."""
    with spawn(*args, **kwargs) as child:
        try:
            out, err = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:  # a hang: its workers must not outlive the test
            os.killpg(child.pid, signal.SIGKILL)
            raise
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def spawn(
    *args: str | Path, how: Sequence[str] = ("-m", "articlefix"), **kwargs: Any
) -> subprocess.Popen[str]:
    """``articlefix *args`` started in a session of its own, so signals reach its workers;
    ``how`` runs it another way (tests/fault.py)."""
    return subprocess.Popen(
        [sys.executable, *how, *map(str, args)], **{"stdout": subprocess.PIPE,
        **kwargs}, stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
        env=child_env(), start_new_session=True,
    )  # fmt: skip


def child_env() -> dict[str, str]:
    """The child imports the articlefix under test, and shows no progress bar."""
    env = {k: v for k, v in os.environ.items() if k not in ("PRE_COMMIT", "FORCE_COLOR")}
    return {**env, "PYTHONPATH": str(SRC)}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def errors(stderr: str) -> list[str]:
    """The per-file error lines (the summary line left out)."""
    lines = stderr.splitlines()
    return [line for line in lines if line.startswith("articlefix: ") and not SUMMARY.match(line)]


def with_each_read(monkeypatch: pytest.MonkeyPatch, before: Callable[[Path], None]) -> None:
    """Call ``before(path)`` just before a worker reads each file (``-j 1``: in-process)."""

    def clean_file(
        path: str, options: articlefix.Options, max_bytes: int | None = None
    ) -> InputRecord:
        before(Path(path))
        return real_clean_file(path, options, max_bytes)

    monkeypatch.setattr(batch, "clean_file", clean_file)


def test_every_bad_input_costs_one_line_and_the_others_go_on(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.jsonl"
    (src / "h_folder.txt").mkdir(parents=True)  # a folder named like a file is walked
    rng = random.Random(7)
    files = {
        "a_good.txt": article(1), "b_empty.txt": b"", "c_png.txt": PNG + rng.randbytes(400),
        "d_nul.txt": bytes(4096), "e_high.txt": bytes(rng.randrange(0x80, 0x100) for _ in
        range(4096)), "h_folder.txt/inner.txt": article(3), "z_good.md": article(2),
    }  # fmt: skip
    for name, data in files.items():
        (src / name).write_bytes(data)
    with (src / "f_huge.txt").open("wb") as huge:  # sparse: reading it would never end
        huge.truncate(1 << 40)
    os.mkfifo(src / "g_fifo.txt")  # no writer: reading it would wait forever
    gone = tmp_path / "gone.txt"

    done = command("-j", "2", "-o", out, "--report", report, src, gone)

    assert done.returncode == 3
    assert "Traceback" not in done.stderr and done.stdout == ""
    causes = {
        "c_png.txt": "not text", "d_nul.txt": "not text", "e_high.txt": "not text",
        "f_huge.txt": "larger than --max-bytes", "g_fifo.txt": "not a regular file",
    }  # fmt: skip
    expected = sorted(
        [f"{src / name}: {why}" for name, why in causes.items()]
        + [f"{gone}: no such file or directory"]
    )
    lines = sorted(errors(done.stderr))
    assert len(lines) == len(expected) == len(done.stderr.splitlines()) - 1
    for line, start in zip(lines, expected, strict=True):
        prefix, why = start.split(": ", 1)
        assert line.startswith(f"articlefix: {prefix}: ") and why in line, line
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.md")) == [
        "a_good.md", "b_empty.md", "h_folder.txt/inner.md", "z_good.md"
    ]  # fmt: skip
    assert (out / "a_good.md").read_bytes() == fixed(article(1)) != article(1)
    assert (out / "z_good.md").read_bytes() == fixed(article(2))
    assert (out / "h_folder.txt" / "inner.md").read_bytes() == fixed(article(3))
    assert (out / "b_empty.md").read_bytes() == b""  # empty in, empty out: not an error
    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert [r["status"] for r in records].count("error") == 5
    assert [r["status"] for r in records].count("skipped") == 1


@pytest.mark.slow
def test_a_6_mb_line_and_100_000_one_word_lines_are_cleaned(tmp_path: Path) -> None:
    rng = random.Random(3)
    vocabulary = [f"w{n}x" for n in range(5000)]
    line = " ".join(rng.choice(vocabulary) for _ in range(6_000_000 // 6))
    words = [f"word{n}" for n in range(100_000)]
    (tmp_path / "line.txt").write_text(line)
    (tmp_path / "words.txt").write_text("\n".join(words) + "\n")

    result = run("-q", "-o", tmp_path / "out", tmp_path / "line.txt", tmp_path / "words.txt")

    assert result.exit_code == 0, result.output
    assert len(line) >= 6_000_000
    assert (tmp_path / "out" / "line.md").read_text().split() == line.split()
    assert (tmp_path / "out" / "words.md").read_text().split() == words


def test_a_file_that_vanishes_or_becomes_a_folder_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = articles(tmp_path, "abcd")

    def meddle(path: Path) -> None:
        if path.name in ("b.txt", "c.txt"):
            path.unlink()
        if path.name == "c.txt":
            path.mkdir()

    with_each_read(monkeypatch, meddle)
    result = run("-j", "1", "-i", *pages)

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {pages[1]}: no such file or directory",
        f"articlefix: {pages[2]}: is a directory",
    ]
    assert [pages[n].read_bytes() for n in (0, 3)] == [fixed(article(n)) for n in (0, 3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "c.txt", "d.txt"]


def test_a_file_that_grew_past_max_bytes_before_it_is_read_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listed under the limit, read over it: reading stops at the limit, the file is skipped."""
    pages = articles(tmp_path, "ab")
    limit = len(article(0)) + 100

    def grow(path: Path) -> None:
        if path.name == "a.txt":
            with path.open("ab") as file:
                file.write(b"x" * 1000)

    with_each_read(monkeypatch, grow)
    result = run("-j", "1", "--max-bytes", str(limit), *pages)

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {pages[0]}: larger than --max-bytes (over {limit} bytes when read), "
        "not cleaned"
    ]
    assert result.stdout == fixed(article(1)).decode()
    assert "1 skipped" in result.stderr


def test_a_named_pipe_stops_being_read_at_max_bytes(tmp_path: Path) -> None:
    """A pipe has no size to check when listed (``<(curl …)``): the limit holds as it is read."""
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    sent: list[int] = []

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb", buffering=0) as pipe:
            for _ in range(1000):  # 1 MB, far past the limit: the reader stops early
                pipe.write(b"y" * 1024)
                sent.append(1)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    done = command("--max-bytes", "10000", fifo)
    writer.join(10)

    assert done.returncode == 3
    assert errors(done.stderr) == [
        f"articlefix: {fifo}: larger than --max-bytes (over 10000 bytes when read), not cleaned"
    ]
    assert done.stdout == ""
    assert len(sent) < 1000  # the reader closed the pipe instead of draining it


@pytest.mark.parametrize("mode", ["-i", "-o"])
def test_a_file_saved_while_it_is_cleaned_keeps_that_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """An editor saves the file between the worker's read and the write: writing the result
    (cleaned from the older bytes) would undo that save, so nothing is written."""
    pages = articles(tmp_path / "in", "abc")
    saved = article(1) + b"Editor's note: the quay opened early.\n"

    def clean_then_save(
        path: str, options: articlefix.Options, max_bytes: int | None = None
    ) -> InputRecord:
        record = real_clean_file(path, options, max_bytes)
        if path == str(pages[1]):
            Path(path).write_bytes(saved)
        return record

    monkeypatch.setattr(batch, "clean_file", clean_then_save)
    out = tmp_path / "out"
    result = run("-j", "1", *([mode, out] if mode == "-o" else [mode]), *pages)

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {pages[1]}: changed while being cleaned; nothing written"
    ]
    assert pages[1].read_bytes() == saved
    written = {p.name: p.read_bytes() for p in (out if mode == "-o" else pages[0].parent).iterdir()}
    assert written[pages[0].with_suffix(".md" if mode == "-o" else ".txt").name] == fixed(
        article(0)
    )
    assert len(written) == (2 if mode == "-o" else 3)  # nothing for b, no temp file


def test_file_names_cannot_break_the_one_line_rule(tmp_path: Path) -> None:
    """Scraped titles become file names: a newline, an escape sequence or undecodable bytes
    in one must not split the error line, drive the terminal, or break the report."""
    src, report = tmp_path / "in", tmp_path / "r.jsonl"
    src.mkdir()
    odd = os.fsdecode(b"caf\xe9 \xe2\x80\xae.txt")  # latin-1 byte, then a right-to-left override
    (src / "new\nline.txt").write_bytes(bytes(8))
    (src / "\x1b[31mred.txt").write_bytes(bytes(8))
    (src / odd).write_bytes(article(1))

    done = command("-o", tmp_path / "out", "--report", report, src)

    assert done.returncode == 3
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr
    assert len(done.stderr.splitlines()) == 3  # two errors and the summary
    assert f"articlefix: {src}/\\x1b[31mred.txt: binary data" in done.stderr
    assert f"articlefix: {src}/new\\x0aline.txt: binary data" in done.stderr
    records = [json.loads(line) for line in report.read_bytes().decode("utf-8").splitlines()]
    (good,) = (r["path"] for r in records if r["error"] is None)
    assert Path(good).name == odd  # the same bytes back
    assert (tmp_path / "out" / Path(odd).with_suffix(".md")).read_bytes() == fixed(article(1))


def test_outputs_stay_inside_the_output_folder(tmp_path: Path) -> None:
    out, outside, src = tmp_path / "out", tmp_path / "outside", tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    outside.mkdir()
    out.mkdir()
    for n, name in enumerate(["a.txt", "b.txt", "sub/c.txt"]):
        (src / name).write_bytes(article(n))
    (outside / "b.md").write_bytes(b"not yours\n")
    (out / "b.md").symlink_to(outside / "b.md")  # planted: writing b.md would leave DIR

    result = run("-o", out, src / "sub" / ".." / "a.txt", (src / "b.txt").resolve(),
                 src / "sub" / ".." / "sub")  # fmt: skip

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {(src / 'b.txt').resolve()}: output {out / 'b.md'} would be outside {out}"
    ]
    assert (outside / "b.md").read_bytes() == b"not yours\n"
    assert sorted(p.name for p in outside.iterdir()) == ["b.md"]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if not p.is_symlink())
    assert written == ["a.md", "c.md"]
    assert (out / "a.md").read_bytes() == fixed(article(0))
    for path in out.rglob("*"):
        if not path.is_symlink():
            assert Path(os.path.realpath(path)).is_relative_to(out.resolve())


def test_a_report_that_cannot_be_written_stops_before_any_file_is_touched(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(article(1))
    report = tmp_path / "no" / "such" / "r.jsonl"

    done = command("-i", "--report", report, page)

    assert done.returncode == 3
    assert done.stderr == f"articlefix: {report}: no such file or directory\n"
    assert page.read_bytes() == article(1)
