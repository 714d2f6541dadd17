"""Worker processes that may die: the file a dead worker held is an error, the batch goes on.

``multiprocessing.Pool`` loses the task of a worker killed by SIGKILL (what the OOM killer
sends) and waits for its result forever, at 0 % CPU. Here each worker has a pipe of its own
and the parent watches the pipes and the workers' exit together: a worker that dies costs the
file it was cleaning (one error record naming the signal), its queued files go to the others,
and a new worker takes its place.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Sequence
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from articlefix.dask import problem_record

Record = dict[str, Any]
#: Files sent ahead to each worker: one being cleaned and one waiting, so it never idles
#: between files (an article takes about 10 ms, a round trip about 0.1 ms).
AHEAD = 2


class _Worker:
    """One process, its end of the pipe, and the indexes it holds, oldest (in work) first."""

    __slots__ = ("conn", "held", "process")

    def __init__(self, work: Callable[[str], Record]) -> None:
        self.conn, theirs = multiprocessing.Pipe()
        self.process: BaseProcess = multiprocessing.get_context().Process(
            target=_serve, args=(theirs, work), daemon=True
        )
        self.process.start()
        theirs.close()
        self.held: deque[int] = deque()


def imap(
    work: Callable[[str], Record], paths: Sequence[str], jobs: int
) -> Generator[Record, None, None]:
    """``work(path)`` for each path in ``jobs`` processes; the records in the paths' order."""
    todo, done, workers = deque(range(len(paths))), dict[int, Record](), list[_Worker]()
    try:
        workers += (_Worker(work) for _ in range(jobs))
        for worker in workers:
            _feed(worker, todo, paths)
        for n in range(len(paths)):
            while n not in done:
                _collect(workers, todo, done, paths, work)
            yield done.pop(n)
    except BaseException:  # a stop signal, or the caller gave up (GeneratorExit): at once
        _stop(workers, wait=0)
        raise
    _stop(workers, wait=1)


def _collect(
    workers: list[_Worker],
    todo: deque[int],
    done: dict[int, Record],
    paths: Sequence[str],
    work: Callable[[str], Record],
) -> None:
    """Wait for the next result or death; a dead worker's queued files go back to the queue."""
    owners: dict[object, _Worker] = {}
    for worker in workers:
        owners[worker.conn] = owners[worker.process.sentinel] = worker
    for ready in wait(list(owners)):  # type: ignore[arg-type]  # pipes and sentinels alike
        worker = owners[ready]
        if worker not in workers:
            continue  # replaced earlier in this round
        while worker.held and worker.conn.poll():  # results sent before it died come first
            try:
                index, record = worker.conn.recv()
            except (EOFError, OSError):
                break
            worker.held.popleft()
            done[index] = record
        if not worker.process.is_alive() and worker.process.exitcode is not None:
            workers.remove(worker)
            if worker.held:
                lost = worker.held.popleft()
                done[lost] = problem_record(paths[lost], "error", _death(worker), None)
            todo.extendleft(reversed(worker.held))
            worker.conn.close()
            workers.append(_Worker(work))
            worker = workers[-1]
        _feed(worker, todo, paths)


def _death(worker: _Worker) -> str:
    code = worker.process.exitcode or 0
    how = signal.Signals(-code).name if code < 0 else f"exit status {code}"
    return f"worker process died ({how}) while cleaning this file"


def _feed(worker: _Worker, todo: deque[int], paths: Sequence[str]) -> None:
    while todo and len(worker.held) < AHEAD:
        index = todo.popleft()
        worker.conn.send((index, paths[index]))
        worker.held.append(index)


def _serve(conn: Connection, work: Callable[[str], Record]) -> None:
    """A worker: clean what comes down the pipe until told to stop or the parent is gone."""
    from articlefix.stopping import for_workers

    for_workers()
    try:
        while (task := conn.recv()) is not None:
            index, path = task
            conn.send((index, work(path)))
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
