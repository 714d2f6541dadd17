"""Worker processes that may die: the item a dead worker held is an error, the batch goes on.

``multiprocessing.Pool`` loses the task of a worker killed by SIGKILL (what the OOM killer
sends) and waits for its result forever, at 0 % CPU. Here each worker has a pipe of its own
and the parent watches the pipes and the workers' exit together: a worker that dies costs the
item it was cleaning (a file, or a chunk of records: the caller says what that costs), its
queued items go to the others, and a new worker takes its place. Items are read as they are
needed, a bounded window ahead, so a stream of records keeps memory flat.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
#: Items sent ahead to each worker: one being cleaned and one waiting, so it never idles
#: between items (an article takes about 10 ms, a round trip about 0.1 ms). Only for small
#: items (file names): an item larger than a pipe's buffer is sent to an idle worker alone, or
#: the parent sending it and the worker sending its last result would wait for each other.
AHEAD = 2
#: Items read, per worker, past the oldest one not given back yet: the results that wait for a
#: slow item are bounded, so memory stays flat on a stream of any length.
WINDOW = 8


class _Worker:
    """One process, its end of the pipe, and the item numbers it holds, oldest (in work) first."""

    __slots__ = ("conn", "held", "process")

    def __init__(self, work: Callable[[Any], Any]) -> None:
        self.conn, theirs = multiprocessing.Pipe()
        self.process: BaseProcess = multiprocessing.get_context().Process(
            target=_serve, args=(theirs, work), daemon=True
        )
        self.process.start()
        theirs.close()
        self.held: deque[int] = deque()


class _Items(Generic[T]):
    """The items read so far and not yet given back, numbered in reading order; reading stops
    ``window`` items past the oldest one not given back, so memory stays flat."""

    def __init__(self, items: Iterable[T], window: int, ahead: int) -> None:
        self.source, self.window, self.ahead = iter(items), window, ahead
        self.read: dict[int, T] = {}
        self.todo: deque[int] = deque()
        self.count = self.given = 0
        self.ended = False

    def next(self) -> int | None:
        """The number of the next item to send, reading one more when none waits."""
        if not self.todo and not self.ended and self.count < self.given + self.window:
            try:
                self.read[self.count] = next(self.source)
            except StopIteration:
                self.ended = True
            else:
                self.todo.append(self.count)
                self.count += 1
        return self.todo.popleft() if self.todo else None


def imap(
    work: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    lost: Callable[[T, str], R],
    *,
    ahead: int = AHEAD,
) -> Generator[R, None, None]:
    """``work(item)`` for each item in ``jobs`` processes, in the items' order; a worker that
    dies costs the item it held, which becomes ``lost(item, why)``. ``ahead`` items at most
    are sent to a worker at a time (1 for large items: see :data:`AHEAD`)."""
    queue = _Items(items, jobs * WINDOW, ahead)
    done, workers = dict[int, R](), list[_Worker]()
    try:
        workers += (_Worker(work) for _ in range(jobs))
        for worker in workers:
            _feed(worker, queue)
        while True:
            n = queue.given
            while n not in done and n < queue.count:
                _collect(workers, queue, done, work, lost)
            if n not in done:  # every item read was given back, and the items have ended
                break
            del queue.read[n]
            queue.given += 1
            yield done.pop(n)
            for worker in workers:
                _feed(worker, queue)
    except BaseException:  # a stop signal, or the caller gave up (GeneratorExit): at once
        _stop(workers, wait=0)
        raise
    _stop(workers, wait=1)


def _collect(
    workers: list[_Worker],
    queue: _Items[T],
    done: dict[int, R],
    work: Callable[[T], R],
    lost: Callable[[T, str], R],
) -> None:
    """Wait for the next result or death; a dead worker's queued items go back to the queue."""
    owners: dict[object, _Worker] = {}
    for worker in workers:
        owners[worker.conn] = owners[worker.process.sentinel] = worker
    for ready in wait(list(owners)):  # type: ignore[arg-type]  # pipes and sentinels alike
        worker = owners[ready]
        if worker not in workers:
            continue  # replaced earlier in this round
        while worker.held and worker.conn.poll():  # results sent before it died come first
            try:
                index, result = worker.conn.recv()
            except (EOFError, OSError):
                break
            worker.held.popleft()
            done[index] = result
        if not worker.process.is_alive() and worker.process.exitcode is not None:
            workers.remove(worker)
            if worker.held:
                gone = worker.held.popleft()
                done[gone] = lost(queue.read[gone], _death(worker))
            queue.todo.extendleft(reversed(worker.held))
            worker.conn.close()
            workers.append(_Worker(work))
            worker = workers[-1]
        _feed(worker, queue)


def _death(worker: _Worker) -> str:
    code = worker.process.exitcode or 0
    how = signal.Signals(-code).name if code < 0 else f"exit status {code}"
    return f"worker process died ({how})"


def _feed(worker: _Worker, queue: _Items[Any]) -> None:
    while len(worker.held) < queue.ahead and (index := queue.next()) is not None:
        worker.conn.send((index, queue.read[index]))
        worker.held.append(index)


def _serve(conn: Connection, work: Callable[[Any], Any]) -> None:
    """A worker: clean what comes down the pipe until told to stop or the parent is gone."""
    from articlefix.stopping import for_workers

    for_workers()
    try:
        while (task := conn.recv()) is not None:
            index, item = task
            conn.send((index, work(item)))
    except (EOFError, OSError):  # the parent died or stopped us: nothing to say
        pass


def _stop(workers: list[_Worker], wait: float) -> None:
    """Ask each worker to stop; one still running after ``wait`` seconds is killed."""
    for worker in workers:
        with suppress(OSError):
            worker.conn.send(None)
    for worker in workers:
        worker.process.join(wait)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
