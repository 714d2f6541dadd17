"""Faults during writes, SIGKILL and Ctrl-C: every file is left as it was or fully fixed, byte
for byte, and no temporary file is left behind by a write that failed.

Real faults where the machine allows them (a file-size limit, a full tmpfs, ``chattr +i`` as
root, permission bits otherwise, real signals to real batch runs); a disk-full error from
``fsync`` is also simulated, so the guarantee is checked where mounting is not allowed.
"""

from __future__ import annotations

import errno
import os
import re
import resource
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from test_reliability import article, command, errors, fixed, run

FAULT = Path(__file__).with_name("fault.py")
# atomic.atomic_output's temp files: hidden, so a later run's walk never takes them as input.
TEMP = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")
ROOT = os.geteuid() == 0


def with_fault(
    moment: str, nth: int, how: str, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    """``articlefix *args`` with ``how`` (a signal) at the ``nth`` ``moment`` (see fault.py)."""
    return command(*args, how=(str(FAULT), moment, str(nth), how))


def file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:  # ``ulimit -f``: writes past it fail with EFBIG instead of a signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def temps(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if TEMP.match(p.name)]


def pages(folder: Path, count: int, paragraphs: int = 2) -> dict[Path, bytes]:
    """``count`` articles that all need fixing, written to ``folder``; path -> original."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {folder / f"p{n:03}.txt": article(n, paragraphs) for n in range(count)}
    for path, data in made.items():
        path.write_bytes(data)
    return made


def check_fault(done_code: int, stderr: str, broken: Path, original: bytes, cause: str) -> None:
    """The failed file: one line naming it and the cause, its bytes untouched, exit 3."""
    assert done_code == 3
    assert "Traceback" not in stderr
    assert errors(stderr) == [f"articlefix: {broken}: {cause}"]
    assert broken.read_bytes() == original
    assert temps(broken.parent) == []


def test_a_file_size_limit_leaves_the_original(tmp_path: Path) -> None:
    big = pages(tmp_path / "big", 1, paragraphs=60)  # cleaned, still far over the limit
    small = pages(tmp_path / "small", 1)
    (path, original), (other, _) = *big.items(), *small.items()
    assert len(fixed(original)) > 8192 > len(fixed(small[other]))

    done = command("-i", "-j", "1", path, other, preexec_fn=file_size_limit(8192))

    check_fault(done.returncode, done.stderr, path, original, "file too large")
    assert other.read_bytes() == fixed(small[other])


@contextmanager
def tiny_disk(folder: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (root only); skips the test where mounting is not allowed."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; test_a_failed_fsync covers disk full")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_leaves_the_original(tmp_path: Path) -> None:
    other, other_data = next(iter(pages(tmp_path / "elsewhere", 1).items()))
    with tiny_disk(tmp_path / "disk") as disk:
        path, original = next(iter(pages(disk, 1, paragraphs=30).items()))
        with (disk / "filler").open("wb", buffering=0) as filler, pytest.raises(OSError):
            while True:
                filler.write(b"x" * 4096)
        done = command("-i", "-j", "1", path, other)
        check_fault(done.returncode, done.stderr, path, original, "no space left on device")
    assert other.read_bytes() == fixed(other_data)


def test_a_failed_fsync_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full as some file systems (NFS, quotas) report it: only at fsync."""
    made = pages(tmp_path, 2)
    (path, original), (other, _) = made.items()

    calls: list[int] = []

    def full(fd: int) -> None:  # the first file's write; the second one goes through
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("-i", "-j", "1", path, other)

    check_fault(result.exit_code, result.stderr, path, original, "no space left on device")
    assert other.read_bytes() == fixed(made[other])


@contextmanager
def write_protected(path: Path) -> Iterator[None]:
    """No new file in a folder, no replacing a file: ``chattr +i`` as root (permission bits do
    not stop root), read-only mode bits otherwise."""
    if ROOT:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not supported here")
    else:
        path.chmod(0o555 if path.is_dir() else 0o000)
    try:
        yield
    finally:
        if ROOT:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("protect", ["folder", "file"])
def test_a_write_protected_folder_or_file_is_left_alone(tmp_path: Path, protect: str) -> None:
    made = pages(tmp_path / "locked", 1)
    other, other_data = next(iter(pages(tmp_path / "open", 1).items()))
    path, original = next(iter(made.items()))
    with write_protected(path.parent if protect == "folder" else path):
        result = run("-i", "-j", "1", path, other)
    cause = "operation not permitted" if ROOT else "permission denied"
    cause += f" ({path.parent})" if protect == "folder" else ""
    check_fault(result.exit_code, result.stderr, path, original, cause)
    assert other.read_bytes() == fixed(other_data)


def test_symlinked_files_are_fixed_through_the_link_and_the_link_stays(tmp_path: Path) -> None:
    real = pages(tmp_path / "real", 2)
    links = tmp_path / "links"
    links.mkdir()
    for path in real:
        (links / path.name).symlink_to(Path("..") / "real" / path.name)
    (links / "dangling.txt").symlink_to("../real/gone.txt")

    result = run("-i", links)

    assert result.exit_code == 3
    assert errors(result.stderr) == [
        f"articlefix: {links / 'dangling.txt'}: no such file or directory"
    ]
    for path, data in real.items():
        assert path.read_bytes() == fixed(data)
        assert (links / path.name).readlink() == Path("..") / "real" / path.name
    assert temps(links, tmp_path / "real") == []


def states(made: dict[Path, bytes], expected: dict[Path, bytes]) -> tuple[int, int]:
    """(originals, fixed); fails on any file that is neither, byte for byte."""
    kept = done = 0
    for path, data in made.items():
        now = path.read_bytes()
        assert now in (data, expected[path]), f"{path.name} is half-written"
        kept += now == data
        done += now == expected[path]
    return kept, done


@pytest.mark.parametrize("moment", ["synced", "renaming", "renamed"])
@pytest.mark.parametrize("nth", [1, 17, 40])
def test_sigkill_at_each_moment_of_a_write_leaves_every_file_as_it_was_or_fixed(
    tmp_path: Path, moment: str, nth: int
) -> None:
    """SIGKILL to the command and its workers at the ``nth`` file's write, at each step of it:
    every file is its original or its fixed version, at most the one temp file stays, and the
    next run neither reads nor counts it."""
    made = pages(tmp_path / "batch", 50, paragraphs=20)
    expected = {path: fixed(data) for path, data in made.items()}

    done = with_fault(moment, nth, "group:SIGKILL", "-i", "-j", "2", tmp_path / "batch")

    assert done.returncode == -signal.SIGKILL
    fixed_count = nth - (moment != "renamed")
    assert states(made, expected) == (50 - fixed_count, fixed_count)
    assert len(temps(tmp_path / "batch")) == (moment != "renamed")
    again = command("-i", tmp_path / "batch")
    assert again.returncode == 1 and "50 files" in again.stderr and "0 errors" in again.stderr
    assert states(made, expected) == (0, 50)


@pytest.mark.parametrize(("name", "status"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_sigterm_and_sighup_stop_the_run_cleanly(
    tmp_path: Path, name: str, status: int, jobs: str
) -> None:
    """The signal comes while the second file is written: it is finished, the run stops, no
    temp file is left and no worker prints a traceback. Before, SIGTERM and SIGHUP killed it
    where it stood; Ctrl-C was tested after a random sleep."""
    made = pages(tmp_path / "batch", 6)
    expected = {path: fixed(data) for path, data in made.items()}

    done = with_fault("synced", 2, name, "-i", "-j", jobs, tmp_path / "batch")

    assert done.returncode == status
    named = f" ({name})" if name != "SIGINT" else ""
    assert done.stderr.splitlines()[-1] == f"articlefix: interrupted{named}"
    assert "Traceback" not in done.stderr
    assert states(made, expected) == (4, 2)
    assert temps(tmp_path / "batch") == []
