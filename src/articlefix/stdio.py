"""Standard input and output as a pipeline meets them: closed, full, or a pipe whose reader left.

Markdown on standard output is complete or the run fails: every write is checked to its last
byte (a full disk or ``ulimit -f`` cuts a write short), and a failed write stops the run, since
whatever follows would land after half an article. A reader that went away (``| head``) stops
it too, as ``cat`` stops.
"""

from __future__ import annotations

import errno
import io
import os
import sys

#: Bytes read from standard input at a time: a pipe has no size to read at once, and
#: ``read(limit)`` would allocate the whole ``--max-bytes`` up front.
_CHUNK = 1 << 20


class OutputFailed(Exception):
    """Standard output took no more (closed, full, a broken pipe): the run stops here."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


#: The exit status when standard output's reader went away: 128 + SIGPIPE, as ``cat`` ends.
EXIT_PIPE = 141


def ended_by(exc: OutputFailed) -> int:
    """The exit status of a run whose standard output failed, its one line said: silence and
    141 when the reader went away (as ``cat``), else the cause and 3 (not all was written)."""
    if isinstance(exc.cause, BrokenPipeError):
        return EXIT_PIPE
    from articlefix.files import cause

    print(f"articlefix: standard output: {cause(exc.cause)}", file=sys.stderr)
    return 3


def write_out(data: bytes) -> None:
    """All of ``data`` on standard output, or :class:`OutputFailed`."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (``>&-``)
        raise OutputFailed(OSError(errno.EBADF, "closed"))
    try:
        stream.flush()
        try:
            fd = stream.fileno()
        except (AttributeError, io.UnsupportedOperation):  # in memory (CliRunner, Jupyter)
            if hasattr(stream, "buffer"):
                stream.buffer.write(data)
            else:
                stream.write(data.decode("utf-8"))
            stream.flush()
            return
        view = memoryview(data)
        while view:  # os.write may write less than asked; the next call then says why
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise OutputFailed(exc) from None


def read_in(limit: int | None) -> bytes | None:
    """Standard input's bytes, or None past ``limit`` (read up to it, not beyond)."""
    stream = sys.stdin
    if stream is None:  # started with standard input closed (``<&-``)
        raise OSError(errno.EBADF, "standard input is closed")
    if limit is None:
        return stream.buffer.read()
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        part = stream.buffer.read(min(_CHUNK, limit + 1 - size))
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
    return None


def guard_closed() -> None:
    """A closed standard stream gets /dev/null behind it, so no file articlefix opens later
    takes its number (a report opened as fd 1 would receive the Markdown). Standard input and
    output stay ``None`` to Python (their use is an error: see above); a closed standard
    error just drops the diagnostics, the exit status still tells."""
    for fd, flags in ((0, os.O_RDONLY), (1, os.O_RDONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            held = os.open(os.devnull, flags)  # the lowest free number: this one, or lower
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115, PTH123 - open as long as the process
