"""A page's blocks as site boilerplate sees them: a stable key of each block's normalised text
and the words of the short ones (each number as "0"), never the texts. The index
(:mod:`articlefix.siteindex`) counts them over a crawl, the map (:mod:`articlefix.sites`)
looks a page's blocks up in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from hashlib import blake2b
from typing import NamedTuple

#: Longest line (in words) taken as a page's title: longer, the first block is a lede.
TITLE_WORDS = 20
#: Words at most before a title in a link ("Read also:", "More:").
LEAD_WORDS = 3
#: Words kept of a block: enough for any title with its lead-in; longer blocks are prose.
KEPT_WORDS = TITLE_WORDS + LEAD_WORDS
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")  # a run of digits: one number slot, "0"
#: Spaces past which a block is surely longer than KEPT_WORDS: only its start is split.
_LONG = 2 * KEPT_WORDS
#: More than KEPT_WORDS words, found without making a string of any (possessive: no word is
#: split to make up the count).
_OVER_KEPT = re.compile(rf"(?:\W*+\w++){{{KEPT_WORDS + 1}}}")


class PageLine(NamedTuple):
    """One block as the index sees it."""

    key: int  # the normalised text's hash
    words: tuple[str, ...]  # the first KEPT_WORDS words, each number as "0"; () when longer
    size: int  # words in all; when longer than KEPT_WORDS, a number that is
    cut: bool  # ends in an ellipsis

    @property
    def spoken(self) -> int:
        """The key of the words alone: a title and a link to it differ in punctuation."""
        return key_of(" ".join(self.words))


def line_of(norm: str, key: int) -> PageLine:
    """What the index needs of a block, from its normalised form and its :func:`key_of`."""
    cut = norm.endswith("...")  # NFKC made "…" three dots
    if size := prose_size(norm):  # prose: splitting it would cost more than the rest
        return PageLine(key, (), size, cut)
    words = words_of(norm)
    return PageLine(key, words[:KEPT_WORDS], len(words), cut)


def prose_size(norm: str) -> int:
    """The words of a block surely longer than KEPT_WORDS (a number that is), found without
    splitting it; 0 for one that may be shorter."""
    spaces = norm.count(" ")
    if spaces < KEPT_WORDS or (spaces < _LONG and not _OVER_KEPT.match(norm)):
        return 0
    return spaces + 1


def prose_start(norm: str) -> str:
    """The start of a long block that holds its first TITLE_WORDS words (a title, or the lede
    the cut-off links to it show): :func:`prose_title` of it is that of the block."""
    return " ".join(norm.split(" ", _LONG)[:_LONG])


def prose_title(norm: str) -> tuple[str, ...]:
    """The first TITLE_WORDS words of a long block; only its start is split."""
    return words_of(prose_start(norm))[:TITLE_WORDS]


def words_of(norm: str) -> tuple[str, ...]:
    """The words of a normalised text, each run of digits in them as "0"."""
    words = _WORD.findall(norm)
    if "".join(words).isalpha():  # no digits: most lines, split with one regex pass
        return tuple(words)
    return tuple(w if w.isalpha() else _NUMBER.sub("0", w) for w in words)


def key_of(text: str) -> int:
    """A stable 64-bit key (the built-in hash differs between processes)."""
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest())


def keys_of(norms: Sequence[str]) -> list[int]:
    return [key_of(norm) for norm in norms]
