"""Atomic writes: a file is replaced all at once or not at all, keeping its mode and owner.

Every file articlefix writes (``--in-place``, ``--output-dir``, ``--report``) goes through
here: a hidden temp file in the same folder, fsync, rename. A failure or a signal leaves the
original byte for byte and no temp file (SIGKILL excepted: then the hidden temp file may stay).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pathlib import Path  # loaded only when a file is written: see files.py


@contextmanager
def atomic_output(
    path: str | Path, *, follow: bool = True, sync: bool = True
) -> Iterator[BinaryIO]:
    """Write ``path`` all at once or not at all: a temp file in the same folder, fsync, rename.

    Not ``sync``, a new file is renamed without its fsync (which costs about 4 ms, more than
    cleaning an article): the caller syncs once at the end (:func:`sync_all`). A file that
    existed is always synced first, so a crash cannot leave it empty.

    A symlink is written through (the file it points at is replaced, the link stays) unless
    not ``follow``, when the link itself is replaced. A device or a pipe is written into. An
    existing file keeps its mode. On any failure, Ctrl-C included, the temp file is removed
    and the original is left byte for byte.
    """
    target, info = _found(path, follow=follow)
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
        # A device or a pipe (``--output /dev/null``, ``--review /dev/stdout``): written into,
        # as a shell redirection would; replaced, /dev/null would become a regular file.
        with open(target, "wb") as file:
            yield file
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        info = None  # a link replaced (not followed): the new file is ours
    temp, fd = _temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as file:
            if info is not None:
                _same_owner(fd, info, str(path))
            yield file
            file.flush()
            if sync or info is not None:
                os.fsync(file.fileno())
        if info is not None:
            temp.chmod(info.st_mode & 0o7777)  # after the chown, which clears set-id bits
        try:
            temp.replace(target)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise


def _found(path: str | Path, *, follow: bool) -> tuple[Path, os.stat_result | None]:
    """The path to replace (a symlink's target when followed) and its status, None if new."""
    from pathlib import Path

    target = Path(os.path.realpath(path) if follow else os.path.abspath(path))
    try:
        return target, os.lstat(target)
    except FileNotFoundError:
        return target, None


def _temp_beside(target: Path) -> tuple[Path, int]:
    """A new hidden temp file in the target's folder, open for writing: its path and fd."""
    import secrets  # loads hashlib and random: only when a file is written

    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:  # errors name what the user can fix, never a temp file they did not know of
        return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target.parent)) from None


def _same_owner(fd: int, info: os.stat_result, path: str) -> None:
    """The new file gets the old one's owner and group (root fixing a user's file must not
    take it from them); one that cannot keep them is not replaced."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        message = "its owner or group could not be kept; not replaced"
        raise OSError(errno.EPERM, message, path) from None


def write_atomic(
    path: str | Path, data: bytes, inside: str | None = None, *, sync: bool = True
) -> None:
    """``path`` gets ``data``, its folders made as needed; see :func:`atomic_output`.

    With ``inside`` (a real folder), the folder written to is checked again now, and a symlink
    at ``path`` is replaced, not followed: one made while the batch ran cannot lead outside.
    """
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    if inside is not None and os.path.commonpath([os.path.realpath(folder), inside]) != inside:
        raise OSError(errno.EXDEV, f"output {path} would be outside {inside}")
    from articlefix.stopping import deferred

    with deferred(), atomic_output(path, follow=inside is None, sync=sync) as file:
        file.write(data)


def sync_all() -> None:
    """Flush every written file to disk at once: the one sync of an ``--output-dir`` batch."""
    os.sync()
