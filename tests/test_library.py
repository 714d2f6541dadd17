"""The library surface: a few public names, picklable values, and no state between calls."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import articlefix
from articlefix import Options, clean

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed.txt"
MIXED = (
    "Opening paragraph of a short article that is long enough to matter here.\n"
    "A Heading Line\n"
    "Opening paragraph of a short article that is long enough to matter here.\n"
    "We never said that, and we never will, whatever anyone claims.\n"
    "Jane Doe, Acme Corp\n"
)


def test_public_names() -> None:
    assert sorted(articlefix.__all__) == sorted(
        ["ArticlefixError", "Options", "Report", "Result", "__version__", "clean"]
    )
    for name in articlefix.__all__:
        assert getattr(articlefix, name) is not None
    assert issubclass(articlefix.ArticlefixError, ValueError)


def test_clean_pickles_by_reference() -> None:
    """Process pools, Dask and Spark ship the function by pickling it."""
    assert pickle.loads(pickle.dumps(articlefix.clean)) is articlefix.clean


def test_values_round_trip_through_pickle() -> None:
    options = Options(input_format="markdown", tag=False, repair_mojibake=False)
    assert pickle.loads(pickle.dumps(options)) == options
    result = clean(SEED.read_bytes())
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert isinstance(copy, articlefix.Result)
    assert isinstance(copy.report, articlefix.Report)
    assert copy.report.removed  # the round trip kept the nested tuples, not just the text


def test_no_state_between_calls() -> None:
    """The same input gives the same result however many other inputs were cleaned before."""
    first = clean(MIXED)
    for _ in range(5):
        clean(SEED.read_bytes())
        clean(MIXED + MIXED)
    assert clean(MIXED) == first
    assert clean(MIXED.encode("utf-8")).markdown == first.markdown


def test_same_output_in_fresh_processes_with_other_hash_seeds() -> None:
    code = (
        "import sys, articlefix as a; sys.stdout.write(a.clean(sys.stdin.buffer.read()).markdown)"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            input=SEED.read_bytes(),
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {clean(SEED.read_bytes()).markdown.encode("utf-8")}


def test_options_are_frozen() -> None:
    options = Options()
    try:
        options.tag = False  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Options is mutable")


def test_report_to_dict_is_plain_data() -> None:
    import json

    data = json.loads(json.dumps(clean(MIXED).report.to_dict()))
    assert data["removed"][0]["repeats"] == 1
    assert data["quotes"] == 1


def test_report_to_dict_holds_every_field_as_asdict_would() -> None:
    """The fast conversion must not miss a field a later change adds to the report."""
    from dataclasses import fields

    report = clean(MIXED).report
    assert report.removed and report.tags
    data = report.to_dict()
    assert set(data) == {f.name for f in fields(report)} | {"headings", "quotes"}
    assert data["encoding"] == dict(zip(report.encoding._fields, report.encoding, strict=True))
    for name in ("removed", "similar_kept", "tags", "site_boilerplate"):
        records = getattr(report, name)
        assert data[name] == tuple(dict(zip(r._fields, r, strict=True)) for r in records)
    assert (data["headings"], data["quotes"]) == (report.headings, report.quotes)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"input_format": "md"}, ValueError, "input_format must be one of 'auto', 'text'"),
        ({"tag": "no"}, TypeError, "tag must be a bool, not 'no'"),
        ({"repair_mojibake": 0}, TypeError, "repair_mojibake must be a bool"),
        ({"max_candidates": 0}, ValueError, "max_candidates must be 1 or more, not 0"),
        ({"max_candidates": 2.5}, TypeError, "max_candidates must be an int"),
        ({"max_candidates": True}, TypeError, "max_candidates must be an int"),
    ],
)
def test_options_are_checked_when_made(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        Options(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("data", [None, 12, ["text"], bytearray(b"text")])
def test_clean_of_a_wrong_type_is_a_type_error(data: object) -> None:
    with pytest.raises(TypeError, match=r"clean\(\) takes str or bytes, not "):
        clean(data)  # type: ignore[arg-type]


def test_clean_with_options_of_a_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"clean\(\) takes an Options, not dict"):
        clean("text", {"tag": False})  # type: ignore[arg-type]
