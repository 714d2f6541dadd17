"""One JSON Lines record in, one out: what a worker does with a line of a crawl's export.

Records are ``{"id", "url", "text", ...}`` objects (Scrapy feeds, trafilatura's JSON, the
JSON Lines datatrove, dolma and NeMo Curator read). The output record is the input object with
its text field replaced by the Markdown and the per-record report (the ``--report`` schema,
with ``path`` the input file and ``line`` the line number) added under ``"articlefix"``; every
other field is passed through as it was parsed. A line that cannot be cleaned (invalid JSON,
no text field, a text that is not a string, a text over ``--max-bytes``) gives an error record:
its fields, when it had any, untouched, and the report saying why.

Everything here is a pure function of the line, the settings and the site index, so a process
pool, Dask or Spark can map it; reading, ordering and writing are recordbatch.py's.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from articlefix.inputrecord import InputRecord, clean_input, not_cleaned
from articlefix.options import Options
from articlefix.report import Status, json_line

if TYPE_CHECKING:
    from collections.abc import Iterable

    from articlefix.crawl import Page, SiteIndex
    from articlefix.siteindex import Counts

#: The key the per-record report is added under.
REPORT_KEY = "articlefix"


class RecordJob(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """How to read and clean the records of one run."""

    options: Options = Options()
    text_field: str = "text"
    site_field: str | None = None  # None: the host of the record's "url"
    max_bytes: int | None = None


class Outcome(NamedTuple):
    """A cleaned line: the output line, and what the tally counts and tells of it."""

    line: bytes
    source: str  # the input file, for messages
    status: Status
    removed: int
    error: str | None = None  # "line 3: invalid JSON: ..."


def clean_line(
    job: RecordJob, source: str, number: int, line: bytes, index: SiteIndex | None = None
) -> Outcome:
    """The output record of one input line (``number`` is 1-based, for messages)."""
    parsed = _parse(line)
    if isinstance(parsed, str):
        return _failed(None, not_cleaned(source, Status.ERROR, parsed, len(line)), number)
    text = parsed.get(job.text_field)
    if not isinstance(text, str):
        message = (
            f"no {job.text_field!r} field"
            if text is None
            else (f"the {job.text_field!r} field is {_json_type(text)}, not a string")
        )
        return _failed(parsed, not_cleaned(source, Status.ERROR, message, len(line)), number)
    if job.max_bytes is not None and len(line) > job.max_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > job.max_bytes:
            message = f"text larger than --max-bytes ({size} > {job.max_bytes} bytes), not cleaned"
            return _failed(parsed, not_cleaned(source, Status.SKIPPED, message, size), number)
    site = None if index is None else index.get(site_of(parsed, job))
    record = clean_input(source, text, job.options, site=site)
    if record.markdown is None:
        return _failed(parsed, record, number)
    parsed[job.text_field] = record.markdown
    parsed[REPORT_KEY] = _report(record, number)
    return Outcome(json_line(parsed), source, record.status, record.removed)


def clean_lines(
    job: RecordJob, source: str, first: int, lines: Iterable[bytes], index: SiteIndex | None
) -> list[Outcome]:
    """The output records of consecutive lines numbered from ``first``; blank lines are no
    records (but keep their number)."""
    return [
        clean_line(job, source, number, line, index)
        for number, line in enumerate(lines, first)
        if line.strip()
    ]


def lost_lines(source: str, first: int, lines: Iterable[bytes], why: str) -> list[Outcome]:
    """The records of lines whose worker process died: each an error record, its fields kept.

    A worker cleans a chunk of lines, so all of that chunk's records carry the error; the
    other chunks, and the run, go on.
    """
    out = []
    for number, line in enumerate(lines, first):
        if line.strip():
            parsed = _parse(line)
            message = f"{why} while cleaning this record's chunk"
            record = not_cleaned(source, Status.ERROR, message, len(line))
            out.append(_failed(parsed if isinstance(parsed, dict) else None, record, number))
    return out


def count_lines(job: RecordJob, lines: Iterable[bytes]) -> Counts:
    """The site index's counts over some lines: a part for :meth:`Counts.merge`."""
    from articlefix.crawl import count_pages

    pages = (page_of(job, line) for line in lines)
    return count_pages([p for p in pages if p is not None], job.options)


def page_of(job: RecordJob, line: bytes) -> Page | None:
    """The line as a page of its site, for the index; None when it cannot be one."""
    from articlefix.crawl import Page

    parsed = _parse(line)
    if isinstance(parsed, str):
        return None
    text, site = parsed.get(job.text_field), site_of(parsed, job)
    if not isinstance(text, str) or site is None:
        return None
    if job.max_bytes is not None and len(line) > job.max_bytes:
        return None
    return Page(site, text)


def site_of(record: dict[str, Any], job: RecordJob) -> str | None:
    """The record's site: ``--site-field`` when given, else the host of its ``url``."""
    from articlefix.crawl import site_of_url

    if job.site_field is not None:
        value = record.get(job.site_field)
        return None if value is None else str(value)
    return site_of_url(record.get("url"))


def _parse(line: bytes) -> dict[str, Any] | str:
    """The line's object, or why it is not one."""
    try:
        value = json.loads(line)
    except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8/16/32
        return f"invalid JSON: {str(exc).splitlines()[0]}"
    if not isinstance(value, dict):
        return f"{_json_type(value)}, not a JSON object"
    return value


def _json_type(value: object) -> str:
    """What the JSON value is, with its article: "an array", "a number"."""
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return names.get(type(value), "an array" if isinstance(value, list) else "an object")


def _failed(parsed: dict[str, Any] | None, record: InputRecord, number: int) -> Outcome:
    out = {} if parsed is None else parsed
    out[REPORT_KEY] = _report(record, number)
    message = f"line {number}: {record.error}"
    return Outcome(json_line(out), record.path, record.status, 0, message)


def _report(record: InputRecord, number: int) -> dict[str, object]:
    """The record's report with its line number; without ``duration_ms``, so that the same
    records give the same bytes, in one process, a pool or a cluster."""
    return {**record.to_json(timed=False), "line": number}
