"""articlefix.dask on a real two-process LocalCluster gives exactly the serial result."""

from __future__ import annotations

import json
import pickle
import textwrap
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest

import articlefix
from articlefix import Options, clean
from articlefix.dask import clean_paths
from articlefix.inputrecord import clean_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RECORD_KEYS = {
    "path", "status", "markdown", "encoding", "bytes_in", "bytes_out", "blocks_in",
    "blocks_out", "removed", "similar_kept", "warnings", "headings", "quotes", "duration_ms",
    "error", "version",
}  # fmt: skip


def _variants(lines: list[str]) -> Iterator[tuple[str, bytes]]:
    """18 articles in the seed's style: repeats, runs, re-wraps, other encodings, Markdown."""
    for k in range(6):
        body = lines[k : k + 12]
        repeated = body + body[2 : 4 + k] + [body[0]]  # a run and a lone exact copy
        yield f"copies_{k}.txt", "\n".join(repeated).encode("utf-8")
        wrapped = "\n\n".join(textwrap.fill(line, 60 + 5 * k) for line in body + body[:3])
        encoding = "cp1252" if k % 2 else "utf-8"
        yield f"wrapped_{k}.txt", (wrapped + "\n").encode(encoding, "replace")
        front = f"---\ntitle: Article {k}\n---\n\n" + "\n\n".join(body[k:] + body[k : k + 2])
        yield f"front_{k}.md", front.encode("utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = [SAMPLES / "seed.txt", SAMPLES / "seed.expected.md"]
    lines = [line for line in (SAMPLES / "seed.txt").read_text().splitlines() if line.strip()]
    for name, data in _variants(lines):
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    mojibake = (SAMPLES / "seed.txt").read_text().encode("utf-8").decode("cp1252", "replace")
    (folder / "mojibake.txt").write_text(mojibake, encoding="utf-8")
    paths.append(folder / "mojibake.txt")
    return paths


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def _serial(path: Path) -> str:
    markdown = path.suffix == ".md"
    return clean(
        path.read_bytes(), Options(input_format="markdown" if markdown else "auto")
    ).markdown


def test_cluster_gives_the_serial_markdown_for_every_file(
    client: object, corpus: list[Path]
) -> None:
    records = clean_paths(corpus, partition_size=3).compute()

    assert [r["path"] for r in records] == [str(p) for p in corpus]
    assert len(records) >= 20
    for path, record in zip(corpus, records, strict=True):
        assert record["error"] is None, record
        assert record["markdown"] == _serial(path), path.name
        assert record["bytes_in"] == len(path.read_bytes())
        assert record["bytes_out"] == len(record["markdown"].encode("utf-8"))
        same = path.read_bytes() == record["markdown"].encode("utf-8")
        assert record["status"] == ("unchanged" if same else "changed")
    assert {r["status"] for r in records} == {"changed", "unchanged"}  # seed.expected.md
    assert sum(len(r["removed"]) for r in records) > 20


def test_every_record_is_plain_json_with_the_documented_keys(
    client: object, corpus: list[Path], tmp_path: Path
) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    missing = tmp_path / "gone.txt"
    records = clean_paths([corpus[0], binary, missing, corpus[1]]).compute()

    for record in records:
        assert set(record) == RECORD_KEYS
        assert json.loads(json.dumps(record)) == record
        assert record["version"] == articlefix.__version__
    good, bad, gone, other = records
    assert good["status"] == "changed" and good["encoding"]["name"] == "utf-8"
    assert bad["status"] == "error" and bad["markdown"] is None
    assert "binary" in bad["error"] and "\n" not in bad["error"]
    assert bad["bytes_in"] == binary.stat().st_size
    assert gone["status"] == "error" and gone["error"] == "no such file or directory"
    assert gone["bytes_in"] is None
    assert other["error"] is None  # the batch went on past the bad files


def test_workers_stop_reading_at_max_bytes(client: object, corpus: list[Path]) -> None:
    limit = len(corpus[0].read_bytes()) - 1  # the seed article, one byte over
    assert len(corpus[1].read_bytes()) <= limit  # its cleaned Markdown, under
    big, small = clean_paths([corpus[0], corpus[1]], max_bytes=limit).compute()

    assert set(big) == set(small) == RECORD_KEYS
    assert big["status"] == "skipped" and big["markdown"] is None
    assert big["error"] == f"larger than --max-bytes (over {limit} bytes when read), not cleaned"
    assert small["status"] in ("changed", "unchanged") and small["error"] is None


def test_max_bytes_is_the_largest_size_cleaned(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes((SAMPLES / "seed.txt").read_bytes())
    size = page.stat().st_size
    assert clean_file(str(page), Options(), max_bytes=size).status == "changed"
    assert clean_file(str(page), Options(), max_bytes=size - 1).status == "skipped"
    assert clean_file(str(page), Options()).bytes_in == size


def test_clean_and_its_values_pickle_with_the_standard_pickle(corpus: list[Path]) -> None:
    again = pickle.loads(pickle.dumps(articlefix.clean))
    result = again(corpus[0].read_bytes(), Options(tag=False))

    assert again is clean
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(Options(max_candidates=3))) == Options(max_candidates=3)
