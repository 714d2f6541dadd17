"""Compressed streams by file suffix: ``.gz``, ``.bz2``, ``.xz``, and ``.zst`` where the
``zstandard`` package is installed. Crawls are kept compressed (datatrove, dolma and NeMo
Curator read ``.jsonl.gz`` and ``.jsonl.zst``), so inputs are read through the decompressor
and outputs written through the compressor their name asks for, never as raw bytes.

The codecs load only for a name that needs them; a plain name costs nothing.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import BinaryIO, cast

from articlefix.errors import ArticlefixError
from articlefix.files import STDIN

COMPRESSED = (".gz", ".bz2", ".xz", ".zst")
RECORD_SUFFIXES = (".jsonl", ".ndjson")
#: Compression level for written ``.gz``: 6 is gzip's own default; 9 costs about twice the
#: time for a few per cent on JSON Lines of articles.
GZIP_LEVEL = 6


def compression(name: str) -> str | None:
    """The compression suffix of ``name`` (``.gz`` ...), or None for a plain name."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix if suffix in COMPRESSED else None


def base_name(name: str) -> str:
    """``name`` without its compression suffix: ``a.txt.gz`` -> ``a.txt``."""
    return name[: -len(suffix)] if (suffix := compression(name)) else name


def is_records(name: str) -> bool:
    """Whether a file name says JSON Lines: ``.jsonl``/``.ndjson``, compressed or not. Here,
    not in records.py, because every run asks it and few go on to read records."""
    return base_name(name).lower().endswith(RECORD_SUFFIXES)


def open_input(name: str) -> BinaryIO:
    """A binary stream of ``name``'s content (stdin for ``-``), decompressed by its suffix.

    Raises OSError for a file that cannot be opened, ArticlefixError for a ``.zst`` without
    the ``zstandard`` package.
    """
    raw = sys.stdin.buffer if name == STDIN else open(name, "rb")  # noqa: SIM115 - returned
    try:
        return _decompressed(raw, compression(name))
    except BaseException:
        raw.close()
        raise


def _decompressed(raw: BinaryIO, suffix: str | None) -> BinaryIO:
    if suffix == ".gz":
        import gzip

        return cast("BinaryIO", gzip.GzipFile(fileobj=raw, mode="rb"))
    if suffix == ".bz2":
        import bz2

        return cast("BinaryIO", bz2.BZ2File(raw, "rb"))
    if suffix == ".xz":
        import lzma

        return cast("BinaryIO", lzma.LZMAFile(raw, "rb"))
    if suffix == ".zst":
        reader = _zstd().ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return cast("BinaryIO", io.BufferedReader(reader))
    return raw


@contextmanager
def compressed_output(file: BinaryIO, name: str) -> Iterator[BinaryIO]:
    """``file`` wrapped in the compressor ``name``'s suffix asks for; closing the wrapper
    writes the compressed trailer and leaves ``file`` open for its owner to sync and rename."""
    suffix = compression(name)
    if suffix is None:
        yield file
        return
    writer: BinaryIO
    if suffix == ".gz":
        import gzip

        # No name and no time in the header: the same records give the same bytes.
        writer = cast("BinaryIO", gzip.GzipFile("", "wb", GZIP_LEVEL, file, mtime=0))
    elif suffix == ".bz2":
        import bz2

        writer = cast("BinaryIO", bz2.BZ2File(file, "wb"))
    elif suffix == ".xz":
        import lzma

        writer = cast("BinaryIO", lzma.LZMAFile(file, "wb"))  # noqa: SIM115 - closed below
    else:
        writer = cast("BinaryIO", _zstd().ZstdCompressor().stream_writer(file, closefd=False))
    with writer:
        yield writer


def _zstd() -> ModuleType:
    try:
        import zstandard
    except ImportError:
        raise ArticlefixError(
            ".zst needs the zstandard package: python -m pip install zstandard"
        ) from None
    return zstandard
