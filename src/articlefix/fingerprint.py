"""Stage 3: a block -> the normalised form and hash keys that dedup compares.

Normalisation erases exactly the differences that formatting causes (Unicode forms, case, quote
marks, dashes, spacing, a trailing agency credit) and nothing else: digits, words and brackets
survive, because a different number or name is different content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from hashlib import blake2b

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

#: Words in the head and tail keys: a change inside a long block leaves one of them intact.
KEY_WORDS = 5


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup needs of one block; ``norm`` is the text with formatting erased.

    Keys are stable 64-bit hashes, not word tuples: a 100 MB dump has millions of blocks, and
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
    """Formatting-free form of ``text``: equal for copies that differ only in formatting."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    text = " ".join(text.split())
    return _AGENCY.sub("", text) if text.endswith((")", "]")) else text


def stable_hash(words: list[str], tag: bytes = b"") -> int:
    """A hash that is the same in every process (the built-in ``hash`` is salted)."""
    data = tag + " ".join(words).encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


def fingerprint(text: str) -> Fingerprint:
    norm = normalise(text)
    teaser = norm.endswith("...")  # NFKC has turned "…" into "..."
    if teaser:
        norm = norm[:-3].rstrip()
    words = norm.split()
    keys: tuple[int, ...] = ()
    if len(words) > KEY_WORDS:
        keys = (stable_hash(words[:KEY_WORDS], b"h"), stable_hash(words[-KEY_WORDS:], b"t"))
    start = stable_hash(words[:4]) if len(words) >= 4 else 0
    return Fingerprint(norm, len(words), keys, start, teaser)
