"""Signals that stop a run: Ctrl-C (SIGINT), SIGTERM and SIGHUP take one path.

Each raises :class:`Stopped` in the main thread; a write in progress first finishes or is
undone (:func:`deferred`), the workers are stopped, and the command exits ``128 + N`` with one
line. Before, SIGTERM and SIGHUP killed the process where it stood: hidden temp files were left
and orphaned workers printed tracebacks.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The signals a terminal, a service manager or ``timeout`` sends to end a run politely.
STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; ``signum`` says which (the exit status is 128 + it)."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(stop: KeyboardInterrupt) -> int:
    """How a stopped run ends, its one line said: ``128 + N``, as a shell reports it (Ctrl-C
    130, SIGTERM 143, SIGHUP 129). Loaded only then: a run that is not stopped does without
    ``signal``."""
    number = getattr(stop, "signum", signal.SIGINT)
    print(f"articlefix: interrupted{f' ({stop})' * (number != signal.SIGINT)}", file=sys.stderr)
    return 128 + number


class _Deferral:
    """Stops that came while a write was under way: raised once it is done or undone."""

    __slots__ = ("caught", "depth")

    def __init__(self) -> None:
        self.depth = 0
        self.caught: list[int] = []


_DEFERRAL = _Deferral()  # the process's signal handlers are process-wide state too


def _stop(signum: int, frame: FrameType | None) -> None:
    if _DEFERRAL.depth:
        _DEFERRAL.caught.append(signum)
        return
    raise Stopped(signum)


@contextmanager
def handled() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Stopped` as Ctrl-C raises KeyboardInterrupt, for the
    length of a run, and each waits for a write in progress (:func:`deferred`); the handlers
    before it come back after. An ignored or custom Ctrl-C handler is not ours to change."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {number: signal.getsignal(number) for number in STOPS}
    if before[signal.SIGINT] is not signal.default_int_handler:
        del before[signal.SIGINT]
    for number in before:
        signal.signal(number, _stop)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """A stop waits the few milliseconds until the file is written or left as it was.

    Python raises KeyboardInterrupt between any two bytecodes: one raised as the context
    manager enters or leaves, outside its ``try``, would leave the temp file behind. The
    handlers :func:`handled` installed note a stop while ``depth`` is up; swapping handlers
    around each write instead cost nine calls of ``signal``'s wrappers, 55 us a file written.
    """
    if threading.current_thread() is not threading.main_thread():  # handlers run only there
        yield
        return
    _DEFERRAL.depth += 1
    try:
        yield
    finally:
        _DEFERRAL.depth -= 1
        if not _DEFERRAL.depth and _DEFERRAL.caught:
            signum = _DEFERRAL.caught[0]
            _DEFERRAL.caught.clear()
            raise Stopped(signum)


def for_workers() -> None:
    """A worker leaves every stop to the parent, which ends it: no Python handler of its own
    (a SIGTERM or SIGHUP kills it quietly), Ctrl-C ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in STOPS[1:]:
        signal.signal(number, signal.SIG_DFL)
