"""Paths to bytes and bytes to paths: finding inputs, mapping outputs, atomic writes, diffs.

Everything that touches the file system for the command lives here, so the pipeline stays
pure and the batch loop only decides what to do with each result.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from articlefix.patterns import compiled
from articlefix.report import Status

if TYPE_CHECKING:
    # Loaded where a run walks a folder or writes a file: its import (urllib, ipaddress)
    # would cost a one-file run in a shell about 8 ms.
    from pathlib import Path

STDIN = "-"
# What must not reach a terminal from a file name: controls, bidi overrides, lone surrogates.
# Compiled (and cached by ``re``) when a message is first shown: a run that succeeds in silence
# saves the 0.3 ms its wide ranges take to compile.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


class Input(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """One file to clean, where its result goes, and why it must not be cleaned (if it must not).

    ``problem`` is decided before any worker starts (missing file, too big, output clash), so
    the batch can report it in input order without reading the file.
    """

    path: str
    output: Path | None = None
    status: Status | None = None  # set with ``problem``
    problem: str | None = None
    size: int | None = None
    stamp: tuple[int, int, int] | None = None  # see :func:`changed`
    inside: str | None = None  # the real --output-dir, checked again when ``output`` is written


def collect(
    args: Sequence[str],
    include: Sequence[str],
    output_dir: Path | None,
    max_bytes: int,
    *,
    rewrites: bool = False,
) -> list[Input]:
    """The inputs named by ``args``, directories walked, in a deterministic order.

    File arguments are taken whatever their name (pre-commit passes exactly the files it
    wants); files found in a directory must match one of the ``include`` globs. A folder that
    cannot be read is an error input of its own, never a silent gap. With ``rewrites`` (the
    modes that read a file, compare and may replace it) a file named twice is taken once, and
    a pipe is refused: it cannot be read twice, nor replaced by a file.
    """
    taken: dict[Path, str] = {}
    found: list[Input] = []
    skip_dir = os.path.realpath(output_dir) if output_dir else None
    for arg in args:
        if arg == STDIN:
            found.append(Input(STDIN))
        elif os.path.isdir(arg):
            from pathlib import Path

            unreadable: list[OSError] = []
            for rel in _walk(Path(arg), include, skip_dir, unreadable.append):
                out = output_dir / _markdown_name(rel) if output_dir else None
                path = str(Path(arg) / rel)
                found.append(_checked(path, out, (output_dir, skip_dir), max_bytes, taken,
                                      pipe_ok=False))  # fmt: skip
            found.extend(Input(str(exc.filename), status=Status.ERROR, problem=cause(exc))
                         for exc in unreadable)  # fmt: skip
        else:
            out = None
            if output_dir:
                from pathlib import Path

                out = output_dir / _markdown_name(Path(Path(arg).name))
            found.append(_checked(arg, out, (output_dir, skip_dir), max_bytes, taken,
                                  pipe_ok=not rewrites))  # fmt: skip
    return _once(found) if rewrites else found


def _once(inputs: list[Input]) -> list[Input]:
    """Each file once, at its first mention: a second pass over a file just fixed would find
    it changed while being cleaned."""
    seen: set[str] = set()
    kept = []
    for item in inputs:
        real = os.path.realpath(item.path)
        if real not in seen or item.problem is not None:
            seen.add(real)
            kept.append(item)
    return kept


def _markdown_name(rel: Path) -> Path:
    """The output's name: ``a.txt`` and ``a.txt.gz`` both give ``a.md``."""
    from articlefix.streams import base_name

    return rel.with_name(base_name(rel.name)).with_suffix(".md")


def _walk(
    top: Path, include: Sequence[str], skip: str | None, unreadable: Callable[[OSError], None]
) -> list[Path]:
    """Matching files under ``top``, relative to it; hidden folders and files are left out,
    and so is the output folder, so a second run does not clean its own output. A folder
    that cannot be listed goes to ``unreadable``."""
    import fnmatch  # as pathlib: only for a directory (0.1 ms of a one-file start)
    from pathlib import Path

    files: list[Path] = []
    for folder, dirs, names in os.walk(top, onerror=unreadable):
        dirs[:] = [
            d for d in dirs
            if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) != skip
        ]  # fmt: skip
        rel = Path(folder).relative_to(top)
        files.extend(
            rel / name
            for name in names
            if not name.startswith(".") and any(fnmatch.fnmatch(name, g) for g in include)
        )
    return sorted(files, key=lambda p: p.parts)


def _checked(
    path: str,
    out: Path | None,
    roots: tuple[Path | None, str | None],
    max_bytes: int,
    taken: dict[Path, str],
    *,
    pipe_ok: bool,
) -> Input:
    """The input, or the reason it cannot be processed: unreadable, not a file, too big, an
    unsafe or already-used output path. A clash is an error for the later input, never an
    overwrite. A pipe is read only when named (``<(curl …)``) and ``pipe_ok``: a FIFO met in a
    folder would wait for a writer forever, and a device such as /dev/zero never ends.
    ``roots``: the output folder as given and real (resolved once for the batch)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return Input(path, status=Status.ERROR, problem=cause(exc))
    if not stat.S_ISREG(info.st_mode) and not (pipe_ok and stat.S_ISFIFO(info.st_mode)):
        return Input(path, status=Status.ERROR, problem="not a regular file")
    size, stamp = info.st_size, _stamp(info) if stat.S_ISREG(info.st_mode) else None
    if size > max_bytes:
        return Input(path, status=Status.SKIPPED, problem=f"larger than --max-bytes ({size} > "
                     f"{max_bytes} bytes), not read", size=size)  # fmt: skip
    root, inside = roots
    if out is None or root is None or inside is None:
        return Input(path, size=size, stamp=stamp)
    from pathlib import Path

    real = Path(os.path.realpath(out))
    if not real.is_relative_to(inside):
        return Input(path, status=Status.ERROR, problem=f"output {out} would be outside {root}")
    if real == Path(os.path.realpath(path)):
        return Input(path, status=Status.ERROR, problem=f"output {out} is the input itself")
    if real in taken:
        return Input(path, status=Status.ERROR, problem=f"output {out} is already used by "
                     f"{taken[real]}")  # fmt: skip
    taken[real] = path
    return Input(path, out, size=size, stamp=stamp, inside=inside)


def changed(item: Input) -> bool:
    """Whether the file is no longer the one listed (an editor saved it mid-batch): its result
    was cleaned from other bytes, so writing it would lose that save."""
    return item.stamp is not None and _stamp(os.stat(item.path)) != item.stamp


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns


def same_newlines(markdown: str, original: bytes) -> str:
    """``markdown`` with the original's line endings: a CRLF file stays CRLF when fixed in place.

    Markdown mode keeps each line's own ending already (its output holds CR where the file
    did), and that is left as it is.
    """
    crlf = original.count(b"\r\n")
    mostly_crlf = crlf and crlf * 2 >= original.count(b"\n") and "\r" not in markdown
    return markdown.replace("\n", "\r\n") if mostly_crlf else markdown


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style patch (``a/``, ``b/`` prefixes), so ``git apply`` can take it."""
    import difflib  # only for --diff

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        _patch_name(f"a/{path}"), _patch_name(f"b/{path}"),
    )  # fmt: skip
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


_C_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\"}


def _patch_name(name: str) -> str:
    """``name`` as git writes it in a patch: C-quoted, other bytes in octal, when it holds a
    control character, a quote, a backslash or undecodable bytes (which no strict UTF-8 output
    could write); as it is otherwise."""
    if not any(ch < " " or ch in '"\\\x7f' or "\udc80" <= ch <= "\udcff" for ch in name):
        return name
    quoted = (
        f"\\{_C_ESCAPES[b]}" if b in _C_ESCAPES else chr(b) if 31 < b < 127 else f"\\{b:03o}"
        for b in os.fsencode(name)
    )
    return f'"{"".join(quoted)}"'


def shown(line: str) -> str:
    """``line`` safe for a terminal, on one line: a scraped file name may hold a newline, an
    escape sequence, a bidi override or undecodable bytes (shown as ``\\xff``)."""
    return compiled(_UNSAFE).sub(_escaped, line)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\u{code:04x}" if 0x100 <= code < 0xD800 else f"\\x{code & 0xFF:02x}"


def cause(exc: Exception) -> str:
    """One line: the OS reason without Python's '[Errno 2]' decoration, or the message."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
