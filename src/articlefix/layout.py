"""Part of stage 2: the chunks of lines that blank lines separate, and which layout each is in.

A chunk is either a paragraph hard-wrapped at some width or paragraphs one per line; the line
breaks around it vote (``breaks_at_sentences``), and a chunk is joined only when its lines are
what greedy wrapping produces (``wrapped``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from articlefix.lists import LIST_MIN, listed

_OPENING = tuple('"“„«‘—–')  # a new paragraph may start with a quote mark or a dash
#: What a line that ends a sentence ends with (layout votes here, glued paragraphs in mdedit).
TERMINAL = tuple('.!?…:;"”»)')
#: Votes on either side of a chunk that decide its layout (chunks with line breaks vote).
LAYOUT_VOTES = 8


class Chunk:
    """Consecutive non-blank lines from line ``first`` on; a run of identical lines is held
    once, with how many times it stands (``counts``, None while there is no run)."""

    __slots__ = ("counts", "first", "lines")

    def __init__(self, first: int, lines: list[str], counts: list[int] | None) -> None:
        self.first, self.lines, self.counts = first, lines, counts

    def add(self, line: str) -> None:
        lines = self.lines
        if lines and line == lines[-1]:
            if self.counts is None:
                self.counts = [1] * len(lines)
            self.counts[-1] += 1
            return
        lines.append(line)
        if self.counts is not None:
            self.counts.append(1)

    @property
    def size(self) -> int:
        return len(self.lines) if self.counts is None else sum(self.counts)

    def pairs(self) -> Iterator[tuple[str, str, int]]:
        """Each line and the next, with how many times that pair stands."""
        if self.counts is None:
            for line, after in pairwise(self.lines):
                yield line, after, 1
            return
        for (line, count), (after, _) in pairwise(zip(self.lines, self.counts, strict=True)):
            if count > 1:
                yield line, line, count - 1
            yield line, after, 1
        if self.counts[-1] > 1:
            yield self.lines[-1], self.lines[-1], self.counts[-1] - 1

    def expanded(self, most: int | None = None) -> list[str]:
        """Every line, a run's at most ``most`` times."""
        if self.counts is None:
            return self.lines
        return [line for line, n in zip(self.lines, self.counts, strict=True)
                for _ in range(n if most is None else min(n, most))]  # fmt: skip

    def listed(self) -> bool:
        return listed(self.expanded(LIST_MIN))  # it counts items up to LIST_MIN

    def stripped(self) -> Chunk:
        counts = None if self.counts is None else self.counts[:]
        return Chunk(self.first, [line.strip() for line in self.lines], counts)


def blank_separated(lines: Iterable[str]) -> Iterator[Chunk]:
    """Runs of non-blank lines (lines come without trailing blanks: a blank one is empty)."""
    chunk: Chunk | None = None
    for number, line in enumerate(lines, 1):
        if line:
            if chunk is None:
                chunk = Chunk(number, [], None)
            chunk.add(line)
        elif chunk is not None:
            yield chunk
            chunk = None
    if chunk is not None:
        yield chunk


def breaks_at_sentences(chunks: list[Chunk | None]) -> list[bool]:
    """Per chunk: True when the line breaks around it mostly fall between sentences.

    Wrapping breaks a line wherever the width runs out, so only a few breaks follow a sentence
    end; in a one-paragraph-per-line article nearly all of them do, blank line or not. A chunk
    of two similar lines alone could be either, so each chunk with line breaks
    casts one vote, and the ``LAYOUT_VOTES`` nearest votes on either side decide with its own: a
    whole article's worth (a list of one-line chunks casts none), yet in a dump of articles
    concatenated, each article's own paragraphs decide for it.
    """
    voters: list[int] = []  # chunks with line breaks, in order
    votes = [0]  # running sum of their votes for "one paragraph per line"
    for n, chunk in enumerate(chunks):
        breaks = ends = 0
        for line, after, count in chunk.pairs() if chunk else ():
            breaks += count
            after = after.lstrip()
            if line.endswith(TERMINAL) and (after[:1].isupper() or after[:1] in _OPENING):
                ends += count
        if breaks:
            voters.append(n)
            votes.append(votes[-1] + (ends * 2 > breaks))
    layout = []
    at = 0  # the first voter from chunk n on: this chunk's own vote, if it has one, is at ``at``
    for n in range(len(chunks)):
        while at < len(voters) and voters[at] < n:  # voters are in order: a walk, no bisect
            at += 1
        low = max(0, at - LAYOUT_VOTES)
        high = min(len(voters), at + LAYOUT_VOTES + (at < len(voters) and voters[at] == n))
        layout.append((votes[high] - votes[low]) * 2 > high - low)
    return layout


def wrapped(chunk: Chunk) -> bool:
    """True when the breaks look like hard wrapping rather than one paragraph per line.

    Greedy wrapping breaks a line only when the next word would not fit, so every line but the
    last is nearly as long as the widest (slack for spacing). Beyond 120 columns, lines that end
    sentences are paragraphs of their own, whatever their length.
    """
    widths = [len(line) for line in chunk.lines if " " in line]
    if not widths:
        return True
    width = max(widths)
    for line, after, _ in chunk.pairs():
        if " " in line and len(line) + 1 + len(after.split(" ", 1)[0]) < 0.75 * width:
            return False
    if width > 120:
        ends = sum(count for line, _, count in chunk.pairs() if line.endswith(TERMINAL))
        return ends * 2 < chunk.size - 1
    return True
