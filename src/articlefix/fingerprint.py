"""Stage 3: a block -> the normalised form and hash keys that dedup compares.

Normalisation erases exactly the differences that formatting causes (Unicode forms, case, quote
marks, dashes, spacing, a trailing agency credit) and nothing else: digits, words and brackets
survive, because a different number or name is different content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from zlib import crc32

_SINGLE = "'’‘‛‚`´′"
_DOUBLE = '"“”„‟«»‹›″'
_DASHES = "—–―‐‑‒−"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Single-character replacements: a few str.replace calls (C loops that skip absent characters)
# beat one str.translate over a Unicode-wide table by several times on long text.
_REPLACE = tuple(
    [(ch, "'") for ch in _SINGLE[1:]]
    + [(ch, " ") for ch in _DOUBLE]
    + [(ch, "-") for ch in _DASHES]
    + [(ch, "") for ch in _INVISIBLE]
)
_AGENCY = re.compile(
    r"\s*[(\[](?:afp|ap|dpa|reuters|ansa|efe|epd|kna|sda|ats|apa|belga|anp|upi|tass|xinhua|"
    r"kyodo|yonhap|pa|ips|sid|bloomberg|agence france-presse|associated press)"
    r"(?:\s*[/,]\s*(?:afp|ap|dpa|reuters|ansa|efe|epd|kna|sda|ats|apa|belga|anp|upi|sid))*[)\]]$"
)

_LEADING_DASH = re.compile(r"-+ +")
_REPLACE_ASCII = tuple((old, new) for old, new in _REPLACE if old.isascii())

#: Words in the head and tail keys: a change inside a long block leaves one of them intact.
KEY_WORDS = 5


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup needs of one block; ``norm`` is the text with formatting erased.

    Keys are stable integer hashes, not word tuples: a 100 MB dump has millions of blocks, and
    the words are cheap to split again for the few candidates that get compared.
    """

    norm: str
    size: int  # words
    keys: tuple[int, ...]  # head and tail word shingles, for the candidate index
    start: int  # the first four words, for teasers and glued blocks (0: fewer words)
    teaser: bool  # ends in an ellipsis: may be the cut-off start of a later paragraph

    @property
    def words(self) -> list[str]:
        return self.norm.split()


def normalise(text: str) -> str:
    """Formatting-free form of ``text``: equal for copies that differ only in formatting.

    A leading dash before a blank is formatting too: an attribution line is written with one
    when its quote is gone, and without one when it follows its quote.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    for old, new in _REPLACE if not text.isascii() else _REPLACE_ASCII:
        if old in text:
            text = text.replace(old, new)
    # Splitting and joining costs more than the rest together: only when spacing is irregular.
    text = " ".join(text.split()) if "  " in text or not text.isprintable() else text.strip()
    if text.startswith("-") and (dash := _LEADING_DASH.match(text)):
        text = text[dash.end() :]
    return _unagency(text)


def _unagency(text: str) -> str:
    """Drop a trailing agency credit such as " (AFP)", which copies gain or lose."""
    return _AGENCY.sub("", text) if text.endswith((")", "]")) else text


def stable_hash(words: list[str], tag: int = 0) -> int:
    """A key that is the same in every process (the built-in ``hash`` is salted).

    CRC-32 is enough: a collision only adds a candidate, which comparison then rejects.
    """
    return crc32(" ".join(words).encode("utf-8", "surrogatepass")) << 2 | tag


def fingerprint(text: str) -> Fingerprint:
    norm = normalise(text)
    teaser = norm.endswith("...")  # NFKC has turned "…" into "..."
    if teaser:
        norm = norm[:-3].rstrip()
    if not norm:
        return Fingerprint(norm, 0, (), 0, teaser)
    size = norm.count(" ") + 1  # ``normalise`` leaves single spaces only
    head = norm.split(" ", KEY_WORDS)[:KEY_WORDS]  # never split a long paragraph whole
    keys: tuple[int, ...] = ()
    if size > KEY_WORDS:
        keys = (stable_hash(head, 1), stable_hash(norm.rsplit(" ", KEY_WORDS)[-KEY_WORDS:], 2))
    start = stable_hash(head[:4], 3) if size >= 4 else 0
    return Fingerprint(norm, size, keys, start, teaser)
