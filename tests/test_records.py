"""Records mode through the command: JSON Lines in and out, compressed by suffix, errors as
records, input order under -j, and site boilerplate over a crawl's records."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from articlefix import clean
from articlefix.cli import cli
from articlefix.pool import WINDOW
from articlefix.recordbatch import _Chunk, _Pool
from articlefix.records import RecordJob
from crawl_pages import crawl

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed.txt"
OPENERS: dict[str, Any] = {"": open, ".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def run(*args: str | Path, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def lines_of(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines()]


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    with OPENERS[path.suffix if path.suffix in OPENERS else ""](path, "wb") as file:
        for record in records:
            file.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def articles(count: int) -> list[dict[str, Any]]:
    seed = SEED.read_text(encoding="utf-8").splitlines()
    return [
        {"id": f"a{n}", "url": f"https://x.example/{n}", "meta": {"n": n, "tags": ["a", None]},
         "text": "\n".join(seed[n % 7 : n % 7 + 20] + seed[n % 7 : n % 7 + 3])}
        for n in range(count)
    ]  # fmt: skip


def test_each_record_is_what_clean_gives_and_other_fields_pass_through(tmp_path: Path) -> None:
    records = articles(12)
    result = run(write(tmp_path / "in.jsonl", records))
    assert result.exit_code == 0, result.output
    out = lines_of(result.stdout_bytes)
    assert [r["id"] for r in out] == [r["id"] for r in records]
    for before, after in zip(records, out, strict=True):
        assert after["text"] == clean(before["text"]).markdown
        assert list(after) == [*before, "articlefix"]  # same keys, same order, report last
        assert after["meta"] == before["meta"]
        report = after["articlefix"]
        assert report["status"] == "changed" and report["removed"] and report["error"] is None
        assert report["line"] == records.index(before) + 1 and "duration_ms" not in report


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_compressed_records_in_and_out_by_suffix(tmp_path: Path, suffix: str) -> None:
    records = articles(5)
    plain = run("--jsonl", write(tmp_path / "in.jsonl", records)).stdout_bytes
    if suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        source = tmp_path / "in.jsonl.zst"
        source.write_bytes(
            zstandard.ZstdCompressor().compress((tmp_path / "in.jsonl").read_bytes())
        )
    else:
        source = write(tmp_path / f"in.jsonl{suffix}", records)
    target = tmp_path / f"out.ndjson{suffix}"
    result = run(source, "--output", target)
    assert result.exit_code == 0, result.output
    if suffix == ".zst":
        data = zstandard.ZstdDecompressor().stream_reader(target.read_bytes()).read()
    else:
        data = OPENERS[suffix](target).read()
    assert data == plain.replace(str(tmp_path / "in.jsonl").encode(), str(source).encode())


def test_bad_lines_become_error_records_and_the_run_goes_on(tmp_path: Path) -> None:
    big = "word " * 400
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"id": 1, "text": "A first record with a long enough sentence."}\n'
        b"{not json\n"
        b'{"id": 3}\n'
        b'{"id": 4, "text": ["a list"]}\n'
        b"\n"
        b"[1, 2]\n" + json.dumps({"id": 7, "text": big}).encode() + b"\n"
        b'{"id": 8, "text": "The last record, cleaned as well as the first one."}\n'
    )
    result = run(source, "--max-bytes", "1000")
    assert result.exit_code == 3
    out = lines_of(result.stdout_bytes)
    reports = [r["articlefix"] for r in out]
    assert [r["line"] for r in reports] == [1, 2, 3, 4, 6, 7, 8]  # the blank line is no record
    assert [r["status"] for r in reports] == ["changed", "error", "error", "error", "error",
                                              "skipped", "changed"]  # fmt: skip
    assert out[2]["id"] == 3 and out[3]["text"] == ["a list"]  # fields kept as they were
    assert out[5]["text"] == big  # a skipped text is passed through untouched
    assert "line 2: invalid JSON" in result.stderr
    assert "in.jsonl: line 4: the 'text' field is an array, not a string" in result.stderr


def test_text_field_and_stdin(tmp_path: Path) -> None:
    records = [{"id": r["id"], "body": r["text"]} for r in articles(3)]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    result = run("--jsonl", "--text-field", "body", "-", input=data)
    assert result.exit_code == 0, result.output
    assert [r["body"] for r in lines_of(result.stdout_bytes)] == [
        clean(r["body"]).markdown for r in records
    ]


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl.gz", articles(150))
    one = run("-j", "1", source)
    two = run("-j", "2", source)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes
    assert len(lines_of(two.stdout_bytes)) == 150


def test_the_pool_reads_only_a_few_chunks_ahead() -> None:
    """Flat memory: the reader is at most WINDOW chunks per worker ahead of the writer."""
    pulled = []

    def chunks() -> Iterator[_Chunk]:
        for n in range(100):
            pulled.append(n)
            yield _Chunk("x", n, [b"{}\n"])

    ahead = []
    with _Pool(2, RecordJob(), None) as pool:
        for n, _ in enumerate(pool.map(len, chunks(), lambda chunk, why: 0)):
            ahead.append(len(pulled) - 1 - n)
    assert len(ahead) == 100
    assert 0 < max(ahead) <= 2 * WINDOW  # the one being written, and those behind it


def test_site_boilerplate_over_records(tmp_path: Path) -> None:
    site = crawl()
    source = write(tmp_path / "crawl.jsonl", [{"url": p.url, "text": p.text} for p in site])
    result = run(source, "--site-boilerplate")
    assert result.exit_code == 0, result.output
    for page, record in zip(site, lines_of(result.stdout_bytes), strict=True):
        assert "Front page / Local / Sport / Weather" not in record["text"]
        assert page.title in record["text"]
        assert record["articlefix"]["site_boilerplate"]
    piped = run("--jsonl", "--site-boilerplate", "-", input=source.read_bytes())
    assert [r["text"] for r in lines_of(piped.stdout_bytes)] == [
        r["text"] for r in lines_of(result.stdout_bytes)
    ]
    assert {r["articlefix"]["path"] for r in lines_of(piped.stdout_bytes)} == {"-"}
    reordered = write(tmp_path / "reordered.jsonl", [json.loads(x) for x in
                      reversed(source.read_text(encoding="utf-8").splitlines())])  # fmt: skip
    again = run(reordered, "--site-boilerplate")
    assert [r["text"] for r in reversed(lines_of(again.stdout_bytes))] == [
        r["text"] for r in lines_of(result.stdout_bytes)
    ]


def test_site_field_groups_records(tmp_path: Path) -> None:
    site = crawl()
    records = [{"site": f"s{n % 2}", "text": p.text} for n, p in enumerate(site)]
    result = run(write(tmp_path / "c.jsonl", records), "--site-boilerplate", "--site-field", "site")
    pages = {
        r["articlefix"]["site_boilerplate"][0]["site_pages"] for r in lines_of(result.stdout_bytes)
    }
    assert pages == {7}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.jsonl", "b.txt"], "a.jsonl holds JSON Lines records and b.txt does not"),
        (["--jsonl", "--in-place", "a.jsonl"], "--in-place cannot be used with JSON Lines"),
        (["--jsonl", "--report", "r.jsonl", "a.jsonl"], "--report cannot be used with JSON"),
        (["--output", "o.jsonl", "b.txt"], "--output is for JSON Lines records"),
    ],
)
def test_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "b.txt").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_an_unreadable_or_corrupt_input_is_one_error_line(tmp_path: Path) -> None:
    good = write(tmp_path / "good.jsonl", articles(2))
    corrupt = tmp_path / "bad.jsonl.gz"
    corrupt.write_bytes(gzip.compress(good.read_bytes())[:-30])
    result = run(tmp_path / "missing.jsonl", corrupt, good)
    assert result.exit_code == 3
    assert "missing.jsonl: no such file or directory" in result.stderr
    assert result.stderr.count("bad.jsonl.gz") == 1
    assert len(lines_of(result.stdout_bytes)) >= 2


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz"])
def test_compressed_text_files_are_read_through_their_codec(tmp_path: Path, suffix: str) -> None:
    data = SEED.read_bytes()
    plain = tmp_path / "seed.txt"
    plain.write_bytes(data)
    packed = tmp_path / f"seed.txt{suffix}"
    with OPENERS[suffix](packed, "wb") as file:
        file.write(data)
    assert run(packed).stdout_bytes == run(plain).stdout_bytes == clean(data).markdown.encode()
    assert run("-o", tmp_path / "out", packed).exit_code == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["seed.md"]
    refused = run("--check", packed)
    assert refused.exit_code == 2
    assert f"--check cannot rewrite a compressed file ({packed})" in refused.output


def test_ctrl_c_exits_130_and_leaves_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import articlefix.records

    real = articlefix.records.clean_input
    calls: list[int] = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(articlefix.records, "clean_input", interrupted)
    result = run(
        "-j", "1", write(tmp_path / "in.jsonl", articles(5)), "--output", tmp_path / "o.jsonl"
    )
    assert (result.exit_code, result.stderr) == (130, "articlefix: interrupted\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
