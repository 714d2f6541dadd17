"""The README's PySpark recipe, run on a local Spark session (optional: needs pyspark and Java)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articlefix import Options, clean
from articlefix.dask import clean_record

pyspark = pytest.importorskip("pyspark")
pytestmark = pytest.mark.spark

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_rdd_map_over_binary_files_gives_the_serial_markdown(tmp_path: Path) -> None:
    seed = (SAMPLES / "seed.txt").read_bytes()
    inputs = {"a.txt": seed, "b.txt": seed + b"\n" + seed, "bad.txt": b"\x89PNG\x00\x00"}
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
    spark = pyspark.sql.SparkSession.builder.master("local[2]").getOrCreate()
    options = Options()
    try:
        rdd = spark.sparkContext.binaryFiles(str(tmp_path / "*.txt"))
        lines = rdd.map(lambda item: json.dumps(clean_record(item[0], item[1], options))).collect()
    finally:
        spark.stop()

    records = {Path(r["path"]).name: r for r in map(json.loads, lines)}
    assert records["a.txt"]["markdown"] == clean(seed).markdown
    assert records["b.txt"]["markdown"] == records["a.txt"]["markdown"]
    assert records["bad.txt"]["status"] == "error"
