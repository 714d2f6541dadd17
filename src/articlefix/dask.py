"""Run articlefix over many files on a Dask cluster: one plain, picklable record per file.

    >>> from dask.distributed import Client
    >>> from articlefix.dask import clean_paths
    >>> client = Client("tcp://scheduler:8786")            # doctest: +SKIP
    >>> records = clean_paths(paths).compute()             # doctest: +SKIP

The workers read the files themselves, so the paths must be visible to every worker (a shared
or network file system); only the path goes out and only the record comes back. A bad file
becomes a record with ``status`` ``error``, never an exception, so one file cannot fail a
batch of thousands. The record is a plain dict (JSON-ready: the ``--report`` line and the
``markdown``), so any engine can carry it: Spark can map :func:`clean_record` over
``binaryFiles`` directly. The work itself is :mod:`articlefix.inputrecord`'s, whose typed
records the command's own batches use.

dask is imported only by :func:`clean_paths`, so importing this module costs nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from articlefix.errors import SchedulerUnreachable
from articlefix.files import cause
from articlefix.inputrecord import InputRecord, clean_file, clean_input
from articlefix.options import Options

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

    from articlefix.crawl import SiteIndex
    from articlefix.siteindex import Site

#: Files per Dask task: an article takes about 10 ms, so this keeps the scheduler's ~1 ms per
#: task overhead small while still spreading a few hundred files over every worker.
PARTITION_SIZE = 16


def clean_paths(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    partition_size: int = PARTITION_SIZE,
    max_bytes: int | None = None,
    index: SiteIndex | None = None,
    plain: bool = True,
) -> dask.bag.Bag:
    """A lazy bag of one record per path, in input order (see :func:`clean_record`);
    ``plain=False``: the typed records (:class:`~articlefix.inputrecord.InputRecord`) the
    command's own batches act on.

    ``.compute()`` runs it on the current Dask client (or the local scheduler);
    ``.map(json.dumps).to_textfiles(...)`` writes a JSON Lines report from the workers.
    """
    import dask.bag as db

    names = [os.fspath(path) for path in paths]
    bag = db.from_sequence(names, partition_size=partition_size)  # type: ignore[no-untyped-call]
    bag = bag.map(clean_file, options or Options(), max_bytes, index)
    return cast("db.Bag", bag.map(_json) if plain else bag)


def clean_record(
    path: str, data: str | bytes, options: Options | None = None, *, site: Site | None = None
) -> dict[str, object]:
    """The plain record of one input: its ``--report`` line, with the ``markdown`` after
    ``status`` (None when it was not cleaned)."""
    return _json(clean_input(path, data, options, site=site))


def _json(record: InputRecord) -> dict[str, object]:
    return record.to_json(markdown=True)


def connect(address: str) -> Client:
    """A client of the Dask scheduler at ``address``, made the default for computations."""
    from distributed import Client

    try:
        return Client(address, timeout=10)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:  # unreachable, or a bad address
        message = f"cannot reach the Dask scheduler at {address}: {cause(exc)}"
        raise SchedulerUnreachable(message) from None
