"""Stage 2, text mode: scraped bullet, numbered and lettered lists, found as Markdown lists.

Scrapers flatten ``<li>`` into lines starting with "•", "–", "*", "-", "1." or "a)". A run of
such lines becomes a list; a lone one is prose ("- Kiev said …" in a paragraph-per-line
article), escaped on output as before. The decision is made on the blocks dedup kept, because
a list is what the output will show: a second run, reading the list back, finds the same runs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from articlefix.patterns import compiled

if TYPE_CHECKING:
    from articlefix.blocks import Block

# A scraped list item: a bullet character, a number or a letter in brackets, then a blank.
# Letters only with a bracket: "a. " starts prose too often. Numbers of three digits at most,
# so "2024. Une année …" is a year, not item 2024. Compiled on first use (``re`` keeps them):
# a line meets one only when its first two characters could start such an item, and the
# articles without one (the seed, 72 of the 118 dev cases) save the 0.5 ms of compiling them.
_BULLETS = "•·▪◦●■►*+-–"
_BULLET = rf"[{re.escape(_BULLETS)}][ \t]+(?=\S)"
_NUMBERED = r"(\d{1,3})([.)])[ \t]+(?=\S)"
_LETTERED = r"(\(?[a-z]\))[ \t]+(?=\S)"
#: Consecutive lines it takes to make a list: a lone "- " or "1. " line in prose is prose.
LIST_MIN = 2


class _Item(NamedTuple):
    """A line's list marker: ``key`` tells which list it continues, ``marker`` is written."""

    key: str  # "-" a bullet, "3." or "3)" a number, "b)" or "(b)" a letter
    marker: str  # "-", "3." or "3)"; "*" for a lettered list
    at: int  # where the item's text starts (a letter stays part of it)


def _item(text: str) -> _Item | None:
    """The line's list marker, or None. Bullets are written ``-``. CommonMark has no lettered
    lists: a lettered item is a ``*`` bullet that keeps its letter as text, so that read back
    it continues the same lettered list, and a bullet list next to it stays another list (a
    new bullet character starts a new list)."""
    first, second = text[:1], text[1:2]
    if (first.isalpha() and second != ")") or not second or "\n" in text:
        return None  # a letter starts an item only before a bracket: most lines stop here
    if first in _BULLETS and second in " \t" and (bullet := compiled(_BULLET).match(text)):
        letter = compiled(_LETTERED).match(text, bullet.end())
        return (
            _Item(letter.group(1), "*", bullet.end()) if letter else _Item("-", "-", bullet.end())
        )
    if first.isdigit() and (numbered := compiled(_NUMBERED).match(text)):
        marker = numbered.group(1) + numbered.group(2)
        return _Item(marker, marker, numbered.end())
    if (first == "(" or second == ")") and (letter := compiled(_LETTERED).match(text)):
        return _Item(letter.group(1), "*", 0)
    return None


def listed(lines: list[str]) -> bool:
    """Two lines or more of a chunk look like list items: they are items, never a paragraph."""
    if len(lines) < LIST_MIN:
        return False
    return sum(_item(line.strip()) is not None for line in lines) >= LIST_MIN


def _follows(key: str, previous: str) -> bool:
    """An item with ``key`` continues a list whose last key is ``previous``: a bullet after a
    bullet, the next number with the same delimiter, the next letter in the same brackets."""
    if key == "-" or previous == "-":
        return key == previous
    if key[0].isdigit() != previous[0].isdigit() or key[-1] != previous[-1]:
        return False
    if key[0].isdigit():
        return int(key[:-1]) == int(previous[:-1]) + 1
    now, before = key.strip("()"), previous.strip("()")
    return key.startswith("(") == previous.startswith("(") and ord(now) == ord(before) + 1


def list_items(blocks: list[Block]) -> list[Block]:
    """Runs of ``LIST_MIN`` or more consecutive one-line items as ``item`` blocks (text mode).

    Run on the kept blocks, after dedup: a list is what the output will show, so a second run,
    reading it back, finds the same runs. A lone item stays text (and is escaped on output).
    """
    found = [_item(b.text) if b.kind == "text" else None for b in blocks]
    out = blocks[:]
    end = 0
    # A run starts only at an item: the loop visits those, not every block.
    for start in [k for k, item in enumerate(found) if item is not None]:
        if start < end:  # inside the run just found
            continue
        end = start + 1
        while end < len(blocks) and _run_goes_on(found, end):
            end += 1
        if end - start >= LIST_MIN:
            note = f"list item: one of {end - start} consecutive lines with a list marker"
            for k in range(start, end):
                item = found[k]
                assert item is not None  # every block of a run is an item
                text = blocks[k].text[item.at :]
                out[k] = blocks[k]._replace(text=text, kind="item", note=note, marker=item.marker)
    return out


def _run_goes_on(found: list[_Item | None], k: int) -> bool:
    now, before = found[k], found[k - 1]
    return now is not None and before is not None and _follows(now.key, before.key)
