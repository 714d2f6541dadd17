"""Stage 3: a block -> the normalised form and hash keys that dedup compares.

Normalisation erases exactly the differences that formatting causes (Unicode forms, case, quote
marks, dashes, spacing, a trailing agency credit) and nothing else: digits, words and brackets
survive, because a different number or name is different content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SINGLE = "'’‘‛‚`´′"
_DOUBLE = "\"“”„‟«»‹›″"
_DASHES = "—–―‐‑‒−"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TABLE = str.maketrans(
    {**dict.fromkeys(_SINGLE, "'"), **dict.fromkeys(_DOUBLE, " "), **dict.fromkeys(_DASHES, "-"),
     **dict.fromkeys(_INVISIBLE, "")}
)
_AGENCY = re.compile(
    r"\s*[(\[](?:afp|ap|dpa|reuters|ansa|efe|epd|kna|sda|ats|apa|belga|anp|upi|tass|xinhua|"
    r"kyodo|yonhap|pa|ips|sid|bloomberg|agence france-presse|associated press)"
    r"(?:\s*[/,]\s*(?:afp|ap|dpa|reuters|ansa|efe|epd|kna|sda|ats|apa|belga|anp|upi|sid))*[)\]]$"
)
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)$")

#: Words in the head and tail keys: a change inside a long block leaves one of them intact.
KEY_WORDS = 5


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup needs of one block; ``norm`` is the text with formatting erased."""

    norm: str
    words: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]  # head and tail word shingles, for the candidate index
    teaser: bool  # ends in an ellipsis: may be the cut-off start of a later paragraph


def normalise(text: str) -> str:
    """Formatting-free form of ``text``: equal for copies that differ only in formatting."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    text = " ".join(text.split())
    return _AGENCY.sub("", text)


def fingerprint(text: str) -> Fingerprint:
    norm = normalise(text)
    teaser = bool(_ELLIPSIS.search(norm))
    if teaser:
        norm = _ELLIPSIS.sub("", norm)
    words = tuple(norm.split())
    keys: tuple[tuple[str, ...], ...] = ()
    if len(words) > KEY_WORDS:
        keys = (("h", *words[:KEY_WORDS]), ("t", *words[-KEY_WORDS:]))
    return Fingerprint(norm, words, keys, teaser)
