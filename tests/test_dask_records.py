"""Records and site boilerplate on a real two-process LocalCluster: the bytes of the serial run."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest
from click.testing import CliRunner

from articlefix.cli import cli
from articlefix.daskrecords import clean_records, record_lines, site_index
from articlefix.records import RecordJob
from crawl_pages import crawl


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def crawl_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two sites over two files, one plain (read in several blocks) and one gzip; a bad line."""
    folder = tmp_path_factory.mktemp("crawl")
    pages = crawl(pages=16, seed=4) + crawl(pages=12, seed=9, host="other.example")
    records = [json.dumps({"id": n, "url": p.url, "text": p.text}) for n, p in enumerate(pages)]
    plain, packed = folder / "a.jsonl", folder / "b.jsonl.gz"
    plain.write_text("\n".join(records[::2]) + "\n{broken\n", encoding="utf-8")
    packed.write_bytes(gzip.compress(("\n".join(records[1::2]) + "\n").encode("utf-8")))
    return [plain, packed]


def serial(paths: list[Path], *args: str) -> bytes:
    result = CliRunner().invoke(cli, ["-j", "1", *args, *map(str, paths)])
    assert result.exit_code == 3, result.output  # the broken line
    return result.stdout_bytes


@pytest.mark.parametrize("sites", [True, False])
def test_the_cluster_gives_the_serial_bytes(
    cluster: distributed.LocalCluster, crawl_files: list[Path], sites: bool
) -> None:
    job = RecordJob()
    with distributed.Client(cluster):
        lines = record_lines([str(p) for p in crawl_files], blocksize=4_000)
        assert lines.npartitions > 2  # the plain file is split
        index = site_index(lines, job) if sites else None
        out = "".join(line + "\n" for line in clean_records(lines, job, index).compute())
    flags = ["--site-boilerplate"] if sites else []
    assert out.encode("utf-8") == serial(crawl_files, *flags)
    if sites:
        assert "site_boilerplate" in out


def test_scheduler_flag_sends_records_to_the_cluster(
    cluster: distributed.LocalCluster, crawl_files: list[Path]
) -> None:
    args = ["--site-boilerplate", "--scheduler", cluster.scheduler_address]
    result = CliRunner().invoke(cli, [*args, *map(str, crawl_files)])
    assert result.exit_code == 3, result.output
    assert result.stdout_bytes == serial(crawl_files, "--site-boilerplate")
    assert "a.jsonl: line 15: invalid JSON" in result.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_2(crawl_files: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["--scheduler", "tcp://127.0.0.1:9", str(crawl_files[0])])
    assert result.exit_code == 2
    assert result.stderr.startswith("articlefix: cannot reach the Dask scheduler at tcp://")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_site_boilerplate_over_files_on_the_cluster(
    cluster: distributed.LocalCluster, tmp_path: Path
) -> None:
    (tmp_path / "site").mkdir()
    for n, page in enumerate(crawl(pages=10, seed=6)):
        (tmp_path / "site" / f"{n:02}.txt").write_text(page.text, encoding="utf-8")
    outputs = {}
    for name, extra in (("serial", []), ("cluster", ["--scheduler", cluster.scheduler_address])):
        args = ["--site-boilerplate", "-o", str(tmp_path / name), *extra, str(tmp_path / "site")]
        assert CliRunner().invoke(cli, args).exit_code == 0
        outputs[name] = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
    assert outputs["serial"] == outputs["cluster"]
    assert b"Front page / Local" not in b"".join(outputs["serial"].values())
