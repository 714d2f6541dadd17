"""Paths that once lost data or hid an error: a report named like an input, a symlink planted
while the batch runs, FIFOs and files named twice with ``-i``, unreadable files and folders,
ownership and hard links under ``-i``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from articlefix import files
from test_reliability import article, command, errors, fixed, run

NOBODY = 65534
ROOT = os.geteuid() == 0


@pytest.mark.parametrize("mode", [["-o", "out"], ["-i"]])
def test_a_report_named_like_an_input_is_a_usage_error(tmp_path: Path, mode: list[str]) -> None:
    """``--output-dir out --report *.txt``: the report name forgotten, the first article would
    have become JSON."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(article(0))
    b.write_bytes(article(1))
    options = [str(tmp_path / m) if m == "out" else m for m in mode]

    result = run(*options, "--report", a, a, b)

    assert result.exit_code == 2
    assert f"--report {a} is also an input" in result.stderr
    assert a.read_bytes() == article(0) and b.read_bytes() == article(1)


def test_a_report_named_like_an_output_is_a_usage_error(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(article(0))
    report = tmp_path / "out" / "a.md"
    result = run("-o", tmp_path / "out", "--report", report, a)
    assert result.exit_code == 2
    assert f"--report {report} is also the output of {a}" in result.stderr


def test_a_symlink_planted_during_the_run_is_replaced_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is checked when inputs are listed; the link appears after that."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "a.md").write_bytes(b"not yours\n")
    (outside / "sub").mkdir()
    pages = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for n, page in enumerate(pages):
        page.write_bytes(article(n))
    listed = files.collect

    def collect_then_plant(*args: object, **kwargs: object) -> list[files.Input]:
        inputs = listed(*args, **kwargs)  # type: ignore[arg-type]
        out.mkdir()
        (out / "a.md").symlink_to(outside / "a.md")  # the file itself
        return inputs

    monkeypatch.setattr(files, "collect", collect_then_plant)
    result = run("-o", out, *pages)

    assert result.exit_code == 0, result.output
    assert (outside / "a.md").read_bytes() == b"not yours\n"
    assert not (out / "a.md").is_symlink()
    assert (out / "a.md").read_bytes() == fixed(article(0))
    assert (out / "b.md").read_bytes() == fixed(article(1))


def test_a_folder_swapped_for_a_symlink_during_the_run_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out, outside = tmp_path / "src", tmp_path / "out", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    outside.mkdir()
    (src / "sub" / "c.txt").write_bytes(article(2))
    listed = files.collect

    def collect_then_plant(*args: object, **kwargs: object) -> list[files.Input]:
        inputs = listed(*args, **kwargs)  # type: ignore[arg-type]
        out.mkdir()
        (out / "sub").symlink_to(outside, target_is_directory=True)
        return inputs

    monkeypatch.setattr(files, "collect", collect_then_plant)
    result = run("-o", out, src)

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {src / 'sub' / 'c.txt'}: output {out / 'sub' / 'c.md'} would be outside "
        f"{out.resolve()}"
    ]
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("mode", ["-i", "--check", "--diff"])
def test_a_fifo_is_not_read_twice_nor_replaced(tmp_path: Path, mode: str) -> None:
    """No writer: opening it would wait forever; ``-i`` would have replaced it with a file."""
    fifo, page = tmp_path / "f.txt", tmp_path / "a.txt"
    os.mkfifo(fifo)
    page.write_bytes(article(0))

    done = command(mode, fifo, page)

    assert done.returncode == 3
    assert errors(done.stderr) == [f"articlefix: {fifo}: not a regular file"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_file_named_twice_with_in_place_is_fixed_once(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(article(0))

    result = run("-i", page, tmp_path / "." / "a.txt", tmp_path)

    assert result.exit_code == 1, result.output
    assert result.stderr.count("Fixing") == 1 and "changed while" not in result.stderr
    assert page.read_bytes() == fixed(article(0))


@contextlib.contextmanager
def unprivileged() -> Iterator[None]:
    """Permission bits apply: as root, the real and effective user become nobody (root stays
    the saved user, to come back)."""
    if not ROOT:
        yield
        return
    os.setresgid(NOBODY, NOBODY, 0)
    os.setresuid(NOBODY, NOBODY, 0)
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)


def test_an_unreadable_file_or_folder_is_an_error_and_the_others_go_on() -> None:
    """Before: the file was a usage error that stopped every other file, and the folder was
    skipped in silence, so ``--check`` passed."""
    top = Path(tempfile.mkdtemp())
    try:
        top.chmod(0o755)
        good, locked, sub = top / "good.txt", top / "locked.txt", top / "tree" / "sub"
        sub.mkdir(parents=True)
        (top / "tree").chmod(0o755)
        for page in (good, locked, sub / "c.txt"):
            page.write_bytes(article(0))
        assert run("--check", good).exit_code == 1  # loads what the run imports, as root
        locked.chmod(0)
        sub.chmod(0)

        with unprivileged():
            result = run("--check", good, locked, top / "tree")

        assert result.exit_code == 3
        assert sorted(errors(result.stderr)) == [
            f"articlefix: {locked}: permission denied",
            f"articlefix: {sub}: permission denied",
        ]
        assert f"would fix {good}" in result.stderr
    finally:
        for folder in (top, top / "tree", top / "tree" / "sub"):
            folder.chmod(0o755)
        shutil.rmtree(top)


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_in_place_as_root_keeps_the_files_owner_and_mode(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(article(0))
    os.chown(page, NOBODY, NOBODY)
    page.chmod(0o640)

    assert run("-i", page).exit_code == 1

    info = page.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, NOBODY, 0o640)
    assert page.read_bytes() == fixed(article(0))


def test_an_owner_that_cannot_be_kept_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user fixing a file of someone else's (in a folder they may write) must not take it."""
    page = tmp_path / "a.txt"
    page.write_bytes(article(0))
    real_stat = os.lstat

    def owned_by_nobody(path: str | Path, **kwargs: object) -> os.stat_result:
        info = real_stat(path, **kwargs)  # type: ignore[arg-type]
        if Path(path) != page:
            return info
        return os.stat_result((info.st_mode, *info[1:4], NOBODY, NOBODY, *info[6:]))

    def refused(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "lstat", owned_by_nobody)
    monkeypatch.setattr(os, "fchown", refused)
    result = run("-i", page)

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {page}: its owner or group could not be kept; not replaced"
    ]
    assert page.read_bytes() == article(0)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_in_place_splits_a_hard_link_and_the_other_name_keeps_the_original(
    tmp_path: Path,
) -> None:
    """The promise (README, Reliability): the fixed file is a new file renamed into place, so
    a kill mid-write leaves the original; other names of the old file keep the old bytes."""
    page, other = tmp_path / "a.txt", tmp_path / "backup" / "a.txt"
    other.parent.mkdir()
    page.write_bytes(article(0))
    os.link(page, other)

    assert run("-i", page).exit_code == 1

    assert page.read_bytes() == fixed(article(0))
    assert other.read_bytes() == article(0)
    assert page.stat().st_nlink == other.stat().st_nlink == 1
