"""Stage 3: blocks -> the normalised forms and hash keys that dedup compares.

Normalisation erases exactly the differences that formatting causes (Unicode forms, case, quote
marks, dashes, spacing, a leading dash, a trailing agency credit) and nothing else: digits, words
and brackets survive, because a different number or name is different content.

A document's fingerprints are built at once, in columns: the case folding and replacements run
over all blocks joined (a few C loops instead of thousands of calls), and keys sit in arrays of
machine integers, a fifth of the memory of integer objects on a dump of millions of blocks.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Sequence
from typing import NamedTuple
from zlib import crc32

from articlefix.blocks import DASHES
from articlefix.patterns import compiled

_SINGLE = "'’‘‛‚`´′"
_DOUBLE = '"“”„‟«»‹›″'
_DASHES = DASHES + "‐‑‒−"  # and the hyphens and the minus sign that look like one
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Single-character replacements: a few str.replace calls (C loops that skip absent characters)
# beat one str.translate over a Unicode-wide table by several times on long text. No case
# folding makes or changes any of these characters, so they may be replaced before it.
_REPLACE = tuple(
    [(ch, "'") for ch in _SINGLE[1:]]
    + [(ch, " ") for ch in _DOUBLE]
    + [(ch, "-") for ch in _DASHES]
    + [(ch, "") for ch in _INVISIBLE]
)
_AGENCIES = (
    "afp|ap|dpa|reuters|ansa|efe|epd|kna|sda|ats|apa|belga|anp|upi|tass|xinhua|"
    "kyodo|yonhap|pa|ips|sid|bloomberg|agence france-presse|associated press"
)
_AGENCY = (
    rf"[(\[](?:{_AGENCIES})"
    r"(?:\s*[/,]\s*(?:afp|ap|dpa|reuters|ansa|efe|epd|kna|sda|ats|apa|belga|anp|upi|sid))*[)\]]"
)
# What the bracket of a credit starts with, two letters (every name has two or more): another
# bracket ("(CSIS)", "(buts : …)") is no credit without the pattern, which compiles (0.24 ms)
# for the first text whose bracket may be one.
_AGENCY_STARTS = frozenset(name[:2] for name in _AGENCIES.split("|"))
_AGENCY_BRACKET = rf"[(\[](?:{'|'.join(sorted(_AGENCY_STARTS))})"  # one, anywhere in a batch
# Texts in a batch from which that one search pays: a short article's few brackets cost less
# than compiling its pattern (0.12 ms of a one-file run such as the seed's, 31 blocks).
_GATED = 64
# A leading dash or list bullet (en dashes are hyphens by now): a scraped "• item" and the
# "- item" articlefix writes for it must be the same text to dedup, or a rerun could differ.
_BULLETS = tuple("-•·▪◦●■►*+")
_LEADING_BULLET = r"[-•·▪◦●■►*+]+ +"  # this and the next compile on first use (0.24 ms)
# What marks a cut-off text at its end, after NFKC ("…" is "..."): an ellipsis, bare or in the
# brackets that quotations and teasers put it in ("[…]", "(...)").
_ELLIPSIS = r"\s*(?:\.{3}|\[\s*\.{3}\s*\]|\(\s*\.{3}\s*\))$"
# Joins the blocks for the whole-document passes; decoded text never holds a NUL (binary).
_SEPARATOR = "\x00"
_BATCH = 1024
# Set in every key, so that 0 means "no key" even where a CRC-32 is 0.
_SOME = 1 << 32

#: Words in the head and tail keys: a change inside a long block leaves one of them intact.
KEY_WORDS = 5
#: Fewest words of a teaser without an ellipsis (a whole sentence the next block starts with):
#: shorter opening sentences ("The quay will be rebuilt.") are how authors begin paragraphs.
STOP_WORDS = 8


class Fingerprints(NamedTuple):  # not a dataclass: ~0.6 ms less at every start
    """What dedup needs of each block, one column per field; a verbatim block has size 0.

    Keys are stable integer hashes (0: none), not word tuples: a 100 MB dump has millions of
    blocks, and the words are cheap to split again for the few candidates that get compared.
    """

    norms: list[str]  # the text with formatting erased, words joined by single spaces
    sizes: array[int]  # words
    heads: array[int]  # the first words, for the near-copy index (blocks of 6+ words)
    tails: array[int]  # the last words, likewise
    starts: array[int]  # the first four words, for teasers and glued blocks
    teasers: frozenset[int]  # ends in an ellipsis: may be the cut-off start of a later block
    stops: frozenset[int]  # 8 words or more ending in a full stop: a teaser if the next block
    # kept goes on from it


def fingerprints(texts: Sequence[str | None], norms: list[str] | None = None) -> Fingerprints:
    """Fingerprints of ``texts``; ``None`` (verbatim Markdown) gets an empty one, never matched.
    ``norms``: the texts' :func:`normal_forms`, when the caller has made them (taken over)."""
    if norms is None:
        norms = _normalised(["" if text is None else text for text in texts])
    teasers = _cut_teasers(norms)
    # Columns built by comprehensions, and keys only for blocks long enough to have them:
    # the per-block loop and its appends were a fifth of this stage on template lines.
    sizes = array("l", [norm.count(" ") + 1 if norm else 0 for norm in norms])
    stops = {n for n, norm in enumerate(norms) if norm.endswith(".") and sizes[n] >= STOP_WORDS}
    none = bytes(len(norms) * array("q").itemsize)
    starts, heads, tails = array("q", none), array("q", none), array("q", none)
    for n, size in enumerate(sizes):
        if size < 4:
            continue
        # Keys are CRC-32s of the words' UTF-8, the same in every process (the built-in
        # ``hash`` is salted); a collision only adds a candidate, which comparison rejects.
        # The head key continues the start key's CRC over the fifth word.
        raw = norms[n].encode("utf-8", "surrogatepass")
        words = raw.split(b" ", KEY_WORDS)
        start = crc32(b" ".join(words[:4]))
        starts[n] = start | _SOME
        if size > KEY_WORDS:
            heads[n] = crc32(b" " + words[4], start) | _SOME
            tails[n] = crc32(raw[len(raw.rsplit(b" ", KEY_WORDS)[0]) + 1 :]) | _SOME
    return Fingerprints(norms, sizes, heads, tails, starts, teasers, frozenset(stops - teasers))


_CUT = ("...", "...]", "...)")  # what an ellipsis at the end leaves after NFKC ("…" is "...")


def _cut_teasers(norms: list[str]) -> frozenset[int]:
    """The blocks that end in an ellipsis, which goes from their normal forms (in place)."""
    teasers = set()
    for n in [n for n, norm in enumerate(norms) if norm.endswith(_CUT)]:
        if cut := compiled(_ELLIPSIS).search(norms[n]):
            teasers.add(n)
            norms[n] = norms[n][: cut.start()]
    return frozenset(teasers)


def normal_forms(texts: Sequence[str]) -> list[str]:
    """Each text's normal form, as dedup compares them: the words of a pair (whitelist.py),
    and what site-wide counts compare across pages."""
    return _normalised(list(texts))


def _normalised(texts: list[str]) -> list[str]:
    """Texts normalised; the case folding and replacements run on a batch of texts joined, and
    the rest in comprehensions whose tests let most texts through without a call.

    Batches bound the extra memory to a few copies of one batch, whatever the document's size.
    """
    norms: list[str] = []
    for at in range(0, len(texts), _BATCH):
        # NFKC text by text: a text that is already NFKC (most) costs a quick check, while
        # over texts joined one non-NFKC character (a no-break space, "…") sends the whole
        # batch through full normalisation: 0.007 against 0.065 ms a page of the sites dev crawl
        # (87 of its 112 pages hold one), 2.8 times the time on mixed text too.
        batch = [unicodedata.normalize("NFKC", text) for text in texts[at : at + _BATCH]]
        folded = _fold(_SEPARATOR.join(batch))
        parts = folded.split(_SEPARATOR)
        if len(parts) != len(batch):  # a NUL in some text after all: one by one, then
            parts = [_fold(text) for text in batch]
        # Most texts: printable (no blank but the space) and no two spaces in a row.
        parts = [p.strip() if "  " not in p and p.isprintable() else _spaced(p) for p in parts]
        # A closing bracket may end a credit only where some bracket starts an agency's name
        # in the batch: template lines that all end in a bracket ("(buts : …)") skip the call.
        gate = len(parts) >= _GATED and not compiled(_AGENCY_BRACKET).search(folded)
        ends = () if gate else _CLOSING
        norms += [_edges(p) if p.startswith(_BULLETS) or p.endswith(ends) else p for p in parts]
    return norms


def _fold(text: str) -> str:
    for old, new in _REPLACE:
        if old in text:
            text = text.replace(old, new)
    return text.casefold()


def _spaced(text: str) -> str:
    """``" ".join(text.split())``; splitting and joining costs more than the rest together, so
    it runs only for blanks other than the space (printable text has none), as replacing two
    spaces in a row is quicker (quote marks made spaces: 17 ms less on mixed 10 MB)."""
    if not text.isprintable():
        return " ".join(text.split())
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


_CLOSING = (")", "]")


def unbulleted(text: str) -> str:
    """``text`` without the blanks at its ends and a leading dash or list bullet: the same
    words as a list item and as a paragraph are the same text, not a near copy (articlefix
    writes an item's bullet itself, and a second run reads it back)."""
    return _without_bullet(text.strip())


def _without_bullet(text: str) -> str:
    if text.startswith(_BULLETS) and (dash := compiled(_LEADING_BULLET).match(text)):
        return text[dash.end() :]
    return text


def _edges(text: str) -> str:
    """A leading dash, a trailing agency credit such as " (AFP)"."""
    text = _without_bullet(text)
    if not text.endswith(_CLOSING):
        return text
    # The credit is the last bracket: matched from there, not tried at every position.
    at = max(text.rfind("("), text.rfind("["))
    credit = at >= 0 and text[at + 1 : at + 3] in _AGENCY_STARTS
    return text[:at].rstrip() if credit and compiled(_AGENCY).fullmatch(text, at) else text
