"""Decoding: a BOM is certain, strict UTF-8 comes first, detection only for the rest; mojibake is
undone where it shows and nowhere else; binary input is refused with a one-line message."""

from __future__ import annotations

import codecs
import random
import subprocess
import sys
import textwrap
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlefix import ArticlefixError, Options, clean, mojibake
from articlefix import decode as decode_module
from articlefix.decode import decode
from articlefix.mojibake import holds_any
from articlefix.sniff import WESTERN_CONFIDENCE

TEXT = "Le café « coûte » 2 € : l’État dit “non” – voilà.\nDeuxième ligne, déjà là.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be"],
)
def test_bom_decides(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.bom
    assert decoded.encoding == encoding
    assert not decoded.repaired


def test_bom_then_invalid_bytes_is_an_error() -> None:
    with pytest.raises(ArticlefixError, match="BOM"):
        decode(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe text")


@pytest.mark.parametrize("text", [TEXT, "café", "naïve façade", "Ærø", "Łódź", "日本語のテキスト"])
def test_valid_utf8_is_utf8(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.confidence) == (text, "utf-8", 1.0)


def test_cp1252_text() -> None:
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.text == TEXT
    assert decoded.encoding == "cp1252"
    assert not decoded.repaired


def test_str_input_loses_its_bom() -> None:
    assert decode("\ufeff" + TEXT).text == TEXT


def _modules_after(data: bytes) -> set[str]:
    code = textwrap.dedent(
        f"""
        import sys, articlefix
        articlefix.clean({data!r})
        print(" ".join(sorted(sys.modules)))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_detector_is_not_imported_for_utf8() -> None:
    """chardet costs ~100 ms to import: valid UTF-8 (and clean text) must never pay for it."""
    modules = _modules_after(TEXT.encode("utf-8"))
    assert "articlefix.pipeline" in modules
    assert "chardet" not in modules
    assert "ftfy" not in modules
    assert "chardet" not in _modules_after(TEXT.encode("cp1252"))  # plain Western text
    assert "chardet" in _modules_after(CZECH.encode("cp1250"))  # the check can fail


CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy; řeka teče přes město.\n"
# Chinese and Japanese news in their legacy multi-byte encodings: no spaces, full-width
# punctuation, so hardly a byte is ASCII (only the line breaks).
CHINESE = (
    "北京时间昨天晚上，国家统计局发布了最新的经济数据。数据显示，今年前三个季度国内生产总值同比"
    "增长百分之五，其中第三季度增长速度略有放缓。\n专家认为，消费和投资仍然是拉动经济增长的主要"
    "动力，出口形势依然严峻。\n"
)
JAPANESE = (
    "東京都は昨日、新しい交通計画を発表した。計画では、二〇三〇年までに自動運転バスを導入する。\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"), [(CHINESE, "gb2312"), (JAPANESE, "euc_jp")], ids=["gb2312", "euc-jp"]
)
def test_text_with_almost_no_ascii_bytes_in_a_multibyte_encoding(text: str, encoding: str) -> None:
    """Refused as 'almost no ASCII bytes: binary' before; random high bytes still are (below)."""
    assert decode(text.encode(encoding)).text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TEXT, "cp1252"),
        ("Größe, Maß und Übermut: „so“ – sagt er.\n", "cp1252"),
        ("El niño comió ¿qué? ¡Sí! Señor.\n", "cp1252"),
        (CZECH, "cp1250"),  # ì ø ù read as cp1252: Central European, for chardet
        ("Zażółć gęślą jaźń, powiedział.\n", "cp1250"),
        ("Привет, как дела? Всё хорошо.\n", "cp1251"),
        ("Çok güzel bir gün, ağaçlar ışıl ışıl.\n", "cp1254"),
    ],
)
def test_western_text_skips_the_detector_and_others_still_decode(text: str, encoding: str) -> None:
    """The cheap first guess takes only what cannot be another encoding; chardet the rest."""
    decoded = decode(text.encode(encoding))
    assert decoded.text == text, decoded.encoding
    guessed = decoded.confidence == WESTERN_CONFIDENCE
    assert guessed is (encoding == "cp1252")


def misread(text: str) -> str:
    """UTF-8 bytes read as cp1252 the way browsers do: its five undefined bytes become C1."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in text.encode("utf-8"))


MOJIBAKE = misread(TEXT)  # "Le cafÃ© Â« coÃ»te Â» 2 â‚¬ …"


@pytest.mark.parametrize(
    "data", [MOJIBAKE, MOJIBAKE.encode("utf-8")], ids=["str", "double-encoded bytes"]
)
def test_whole_document_mojibake_is_undone(data: str | bytes) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.repaired


def test_mojibake_in_one_line_only() -> None:
    """The damaged copy is repaired; the clean lines around it, curly quotes and all, are not."""
    clean_line = "Il a dit “non” puis ‘peut-être’ – c’est tout.\n"
    damaged = "Le café coûte 2 €, déjà “trop”.\n"
    text = clean_line + misread(damaged) + clean_line
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == clean_line + damaged + clean_line
    assert decoded.repaired


def test_lines_repaired_are_edits_not_a_repaired_copy() -> None:
    """Mojibake in some copies of a long dump: repairing adds the repaired lines to what reading
    holds, not a repaired copy of the whole (the text's parts and their join: twice the text)."""
    clean_line = "Il a dit “non” puis ‘peut-être’ – c’est tout, déjà.\n"
    damaged = "Le café coûte 2 €, déjà “trop”.\n"
    data = ((clean_line * 50 + misread(damaged)) * 400).encode("utf-8")
    peaks = []
    decode(clean_line + misread(damaged))  # ftfy loaded, and what it loads on first use
    for repair in (False, True):
        tracemalloc.start()
        decoded = decode(data, repair=repair)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert len(decoded.parts) > 1 and any(part.edits for part in decoded.parts)
    assert peaks[1] - peaks[0] < 0.25 * sys.getsizeof(decoded.text)
    assert decoded.text == ((clean_line * 50 + damaged) * 400)


@given(
    text=st.text(alphabet="ab\u200b\x85", max_size=40),
    chars=st.text(alphabet="b\u200b\x85", max_size=2),
    bounds=st.tuples(st.integers(0, 40), st.integers(0, 40)),
    scan=st.integers(1, 7),
)
def test_holds_any_searches_a_slice_at_a_time_as_the_whole(
    text: str, chars: str, bounds: tuple[int, int], scan: int
) -> None:
    start, stop = min(bounds), max(bounds)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mojibake, "_SCAN", scan)
        found = holds_any(text, chars, start, stop)
    assert found == any(ch in text[start:stop] for ch in chars)


@pytest.mark.parametrize(
    "data",
    [
        " \n\ufeff\n\n\ufeffLe café, “non”.\r\n" + misread("Déjà “trop”.\r\n") * 3,
        misread("Le café coûte 2 €.\nDéjà “trop”.\n") * 4,  # one layer, all of it
        misread(misread("Le café coûte 2 €.\n")) + "Une ligne propre, “intacte”.\n" * 3,
    ],
    ids=["boms-and-lines", "whole-document", "two-layers"],
)
@pytest.mark.parametrize("tail", [b"", b"\xff bad byte\n"], ids=["utf-8", "one-bad-byte"])
def test_decoding_a_chunk_of_lines_at_a_time_reads_as_the_whole(data: str, tail: bytes) -> None:
    """Long texts are decoded and repaired a chunk of lines at a time: the same text, report
    and warnings as in one piece, wherever the chunks end."""
    raw = data.encode("utf-8") + tail
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(decode_module, "_DECODE_CHUNK", 1 << 30)
        whole = decode(raw)
        for size in (1, 5, 40):
            patch.setattr(decode_module, "_DECODE_CHUNK", size)
            chunked = decode(raw)
            assert chunked._replace(parts=()) == whole._replace(parts=())
            assert chunked.text == whole.text


def test_mojibake_of_mojibake_is_undone_in_one_run() -> None:
    """Two layers (UTF-8 read as cp1252, twice): one run peels both, so a second finds none."""
    twice = misread(misread(TEXT))
    assert decode(twice).text == TEXT
    out = clean(twice).markdown
    assert clean(out).markdown == out
    line = "Le café coûte 2 €, déjà “trop”."
    mixed = f"{misread(misread(line))}\nUne ligne propre, “intacte”.\n"
    assert decode(mixed).text == f"{line}\nUne ligne propre, “intacte”.\n"


def test_c1_control_alone_on_a_line_is_repaired_like_its_neighbours() -> None:
    """cp1252 read as latin-1 leaves C1 controls; a line of its own must not wait for a re-wrap."""
    text = "\x91\nÄ©\n\n# "
    once = clean(text).markdown
    assert "\x91" not in once
    assert clean(once).markdown == once


def test_curly_quotes_alone_are_not_mojibake() -> None:
    text = "“Quoted” and ‘single’ and « guillemets » and l’apostrophe.\n"
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    assert not decoded.repaired


def test_repair_can_be_turned_off() -> None:
    assert decode(MOJIBAKE, repair=False).text == MOJIBAKE
    assert "cafÃ©" in clean(MOJIBAKE, Options(repair_mojibake=False)).markdown


def test_repair_is_reported() -> None:
    assert clean(MOJIBAKE).report.encoding.mojibake_repaired
    assert not clean(TEXT).report.encoding.mojibake_repaired


BINARY = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06",
    "nul in text": b"Some text\x00with a NUL byte in the middle of it.\n",
    "high bytes": bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(4096)),
    "control chars": b"text \x01\x02\x03\x04 more text\n",
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)),
}


@pytest.mark.parametrize("data", BINARY.values(), ids=BINARY.keys())
def test_binary_input_is_refused_in_one_line(data: bytes) -> None:
    with pytest.raises(ArticlefixError) as caught:
        clean(data)
    message = str(caught.value)
    assert message
    assert "\n" not in message
    assert isinstance(caught.value, ValueError)


def test_empty_input_is_empty_output() -> None:
    assert clean(b"").markdown == ""
    assert clean("\n\n  \n").markdown == ""


@pytest.mark.parametrize("text", ["Some text \udcff here.\n", "half a pair \ud83d only\n"])
def test_str_with_lone_surrogates_is_refused(text: str) -> None:
    """No UTF-8 output can hold them: a clear error instead of a crash when writing."""
    with pytest.raises(ArticlefixError, match="surrogate"):
        clean(text)


@pytest.mark.parametrize("text", ["a\n\nâ\x91Ã\n&", "â€\nB\n\nÃ"])
def test_mojibake_split_by_a_line_break_is_idempotent(text: str) -> None:
    once = clean(text).markdown
    assert clean(once).markdown == once


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 * 2 + b"Hello there.\n",
        "\ufeff\ufeffHello there.\n",
        b"\xef\xbb\xbfHi.\n",
        "\n\ufeffAfter a blank line.\n",
        "\n\ufeff",
    ],
)
def test_every_leading_bom_goes(data: str | bytes) -> None:
    out = clean(data).markdown
    assert not out.startswith("\ufeff")
    assert clean(out).markdown == out


def test_repair_never_brings_in_control_characters() -> None:
    """ftfy reads "Ã€€" as an overlong NUL; such a repair is refused, or a second run fails."""
    out = clean("Le prix Ã€€ final.\n").markdown
    assert not any(ch < " " and ch != "\n" for ch in out)
    assert clean(out).markdown == out


UTF16_TEXTS = {
    "fr": TEXT * 10,
    "ru": "Портовое управление заявило во вторник, что причал откроется весной 2026 года.\n" * 8,
    "zh": "港口管理局周二表示，新码头将于2026年春天开放，比原计划晚了一年。\n文物。\n" * 8,
}


@pytest.mark.parametrize("language", UTF16_TEXTS)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text(language: str, codec: str) -> None:
    """Windows tools save UTF-16 without a BOM; before, its NUL bytes made it 'binary data'."""
    decoded = decode(UTF16_TEXTS[language].encode(codec))
    assert (decoded.text, decoded.encoding) == (UTF16_TEXTS[language], codec)


def test_nuls_on_both_sides_are_still_binary() -> None:
    data = b"".join(bytes([n % 7, 0, 0, n % 5 + 65]) for n in range(1000))
    with pytest.raises(ArticlefixError, match="NUL bytes"):
        decode(data)


def test_one_invalid_byte_leaves_the_rest_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, one bad byte sent the whole file to detection as cp1252: every accent became
    mojibake for ftfy to repair, line by line (50 MB: 36.6 s instead of 5.2 s)."""
    import ftfy

    calls: list[str] = []
    monkeypatch.setattr(ftfy, "fix_encoding", lambda line: calls.append(line) or line)
    lines = [f"Ligne {n} : l’État a dit « non », déjà." for n in range(200)]
    data = "\n".join(lines).encode() + b" \xff fin\n"  # a lone byte, invalid in UTF-8

    decoded = decode(data)

    assert decoded.encoding == "utf-8"
    assert decoded.text == "\n".join(lines) + " ÿ fin\n"  # the byte as cp1252 reads it
    assert decoded.warnings == (
        f"1 byte(s) not valid UTF-8 read as cp1252, first at byte {len(data) - 6}",
    )
    assert calls == []


def test_a_cp1252_file_is_still_left_to_detection() -> None:
    data = ("\n".join(f"Ligne {n} : l'État a dit non, déjà." for n in range(50)) + "\n").encode(
        "cp1252"
    )
    decoded = decode(data)
    assert decoded.encoding != "utf-8" and "l'État a dit non, déjà." in decoded.text
