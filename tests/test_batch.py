"""Batches: 250 files give the same bytes and report with one worker, two, or a Dask cluster,
and every JSON Lines record matches the documented schema."""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import articlefix
from articlefix.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# The report schema (README, batch.py): key -> (types allowed when the file was cleaned,
# whether it is null for an error or a skipped file).
NUMBER = (int, float)
RECORD: dict[str, tuple[tuple[type, ...], bool]] = {
    "path": ((str,), False),
    "status": ((str,), False),
    "encoding": ((dict,), True),
    "bytes_in": ((int,), True),
    "bytes_out": ((int,), True),
    "blocks_in": ((int,), True),
    "blocks_out": ((int,), True),
    "removed": ((list,), True),
    "similar_kept": ((list,), True),
    "warnings": ((list,), True),
    "headings": ((int,), True),
    "quotes": ((int,), True),
    "duration_ms": (NUMBER, False),
    "error": ((type(None),), False),
    "version": ((str,), False),
}
ENCODING = {"name": (str,), "confidence": NUMBER, "bom": (bool,), "mojibake_repaired": (bool,)}
REMOVED = {
    "position": (int,), "line": (int,), "lines": (int,), "text": (str,), "repeats": (int,),
    "repeats_line": (int,), "similarity": NUMBER, "reason": (str,),
}  # fmt: skip
SIMILAR = {
    "position": (int,), "line": (int,), "text": (str,), "resembles": (int,),
    "resembles_line": (int,), "similarity": NUMBER, "difference": (str,),
}  # fmt: skip


def check_fields(value: dict[str, Any], fields: dict[str, tuple[type, ...]]) -> None:
    assert set(value) == set(fields)
    for key, types in fields.items():
        assert isinstance(value[key], types), (key, value[key])


def check_record(record: dict[str, Any]) -> None:
    """One report line against the schema above; raises AssertionError when it does not fit."""
    assert set(record) == set(RECORD)
    assert record["status"] in {"changed", "unchanged", "error", "skipped"}
    assert record["version"] == articlefix.__version__
    assert record["duration_ms"] >= 0
    cleaned = record["status"] in {"changed", "unchanged"}
    for key, (types, nullable_when_failed) in RECORD.items():
        if key == "error" and not cleaned:
            assert isinstance(record["error"], str) and record["error"]
            assert "\n" not in record["error"]
        elif not cleaned and nullable_when_failed and key != "bytes_in":
            assert record[key] is None, key
        elif cleaned or not nullable_when_failed:
            assert isinstance(record[key], types) and not isinstance(record[key], bool), key
    if cleaned:
        check_fields(record["encoding"], ENCODING)
        assert 0 <= record["encoding"]["confidence"] <= 1
        assert 0 <= record["blocks_out"] <= record["blocks_in"]
        for removal in record["removed"]:
            check_fields(removal, REMOVED)
            assert removal["repeats"] < removal["position"] <= record["blocks_in"]
        for kept in record["similar_kept"]:
            check_fields(kept, SIMILAR)
        assert (record["bytes_in"] == record["bytes_out"]) or record["status"] == "changed"


def articles(count: int, seed: int = 5) -> list[tuple[str, bytes]]:
    """``count`` articles: the samples, then the samples' paragraphs re-pasted at random, in
    the layouts and encodings scrapers produce. Deterministic."""
    rng = random.Random(seed)
    made = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("*.txt"))]
    pool = [
        line.strip()
        for p in sorted(SAMPLES.glob("*.expected.md"))
        for line in p.read_text(encoding="utf-8").split("\n\n")
        if len(line.split()) > 6 and line[0].isalpha()
    ]
    while len(made) < count:
        n = len(made)
        body = rng.sample(pool, rng.randint(6, 14))
        for _ in range(rng.randint(0, 3)):  # paste a run of paragraphs again, further down
            start = rng.randrange(len(body))
            run = body[start : start + rng.randint(1, 3)]
            at = rng.randint(start + len(run), len(body))
            body[at:at] = run
        layout = n % 5
        if layout == 0:
            made.append((f"g{n:03}.txt", "\n".join(body).encode("utf-8")))
        elif layout == 1:
            text = "\r\n\r\n".join(textwrap.fill(b, 50 + n % 30) for b in body)
            made.append((f"g{n:03}.txt", text.replace("\n", "\r\n").encode("utf-8")))
        elif layout == 2:
            made.append((f"g{n:03}.txt", "\n".join(body).encode("cp1252", "replace")))
        elif layout == 3:
            front = f"---\ntitle: Article {n}\n---\n\n"
            made.append((f"g{n:03}.md", (front + "\n\n".join(body) + "\n").encode("utf-8")))
        else:
            made.append((f"g{n:03}.txt", b"\xef\xbb\xbf" + "\n".join(body).encode("utf-8")))
    return made


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def report(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def without_timing(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "duration_ms"} for r in records]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "in"
    for n, (name, data) in enumerate(articles(250)):
        sub = folder / f"part{n % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    result = run("-q", "-j", "1", "--report", out / "r.jsonl", "-o", out / "out", corpus)
    assert result.exit_code == 0, result.output
    return out


def test_250_files_with_two_workers_match_one_worker(
    corpus: Path, serial: Path, tmp_path: Path
) -> None:
    result = run("-j", "2", "--report", tmp_path / "r.jsonl", "-o", tmp_path / "out", corpus)

    assert result.exit_code == 0, result.output
    assert "250 files" in result.stderr
    outputs = tree(tmp_path / "out")
    assert len(outputs) == 250
    assert outputs == tree(serial / "out")
    records = report(tmp_path / "r.jsonl")
    assert len(records) == 250
    for record in records:
        check_record(record)
    assert without_timing(records) == without_timing(report(serial / "r.jsonl"))
    assert [r["path"] for r in records] == sorted(
        (r["path"] for r in records), key=lambda p: Path(p).parts
    )
    assert {r["status"] for r in records} == {"changed", "unchanged"}
    assert sum(len(r["removed"]) for r in records) > 250


def test_records_of_failed_files_fit_the_schema_too(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SAMPLES.joinpath("quote-and-repeat.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02 binary" * 50)
    (tmp_path / "c.txt").write_bytes(b"x" * 5000)
    result = run("-j", "2", "--max-bytes", "4000", "--report", tmp_path / "r.jsonl",
                 *(tmp_path / n for n in ("a.txt", "b.txt", "c.txt", "gone.txt")))  # fmt: skip
    assert result.exit_code == 3
    records = report(tmp_path / "r.jsonl")
    for record in records:
        check_record(record)
    assert [r["status"] for r in records] == ["changed", "error", "skipped", "error"]
    assert records[2]["bytes_in"] == 5000


def test_the_schema_check_can_fail() -> None:
    good = {**dict.fromkeys(RECORD), "path": "a", "status": "error", "duration_ms": 0.0,
            "error": "boom", "version": articlefix.__version__}  # fmt: skip
    check_record(good)
    for broken in ({**good, "status": "fine"}, {**good, "error": "two\nlines"},
                   {**good, "extra": 1}, {**good, "removed": []}):  # fmt: skip
        with pytest.raises(AssertionError):
            check_record(broken)


def test_scheduler_sends_the_batch_to_a_dask_cluster(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    part = corpus / "part1"
    expected = tmp_path / "serial"
    serial = run("-q", "-j", "1", "-o", expected, "--report", tmp_path / "s.jsonl", part)
    assert serial.exit_code == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = run("--scheduler", cluster.scheduler_address, "-o", tmp_path / "out",
                     "--report", tmp_path / "r.jsonl", part)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "out") == tree(expected)
    assert without_timing(report(tmp_path / "r.jsonl")) == without_timing(
        report(tmp_path / "s.jsonl")
    )


def test_a_bad_scheduler_address_is_one_error_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pages = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for page in pages:
        page.write_bytes(SAMPLES.joinpath("seed.txt").read_bytes())
    result = run("--scheduler", "nonsense://host", *pages)
    assert result.exit_code == 2
    message = "cannot reach the Dask scheduler at nonsense://host: unknown address scheme"
    assert result.stderr.startswith(f"articlefix: {message}")
    assert result.stderr.count("\n") == 1
