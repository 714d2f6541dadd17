"""Stage 4, policy: a confirmed repeat goes only when the text shows a paste (DESIGN.md rule 6).

Dedup says which blocks repeat earlier ones; this pass says which of those repeats were pasted
rather than written on purpose. An author repeats short blocks to introduce different content
("Is rendered to:", "See the release notes for more.", a heading per part); a scraper or a
careless paste repeats whatever it grabbed, and leaves traces a writer does not: a run of blocks
again in the same order, a copy right after its original, a long paragraph again, a copy that
differs only in formatting (spacing, quote marks, an agency credit, mojibake), a teaser before
its full text. So:

- **Scraped text** (text mode, and scraped text saved as Markdown): a repeat with one of those
  traces goes. A short exact repeat alone, which is all an author's lead-in ever is, goes only
  when the same document shows a paste elsewhere: then it is one more copy, not structure.
- **Authored Markdown**: nearly every repeat is structure, and a short one always is: only a
  long paragraph goes, alone or in a run.
"""

from __future__ import annotations

from collections.abc import Sequence

from articlefix.verdict import COPIES, Reason, Verdict

#: A repeated block of this many words is a paste even alone: a sentence, not a lead-in.
#: Measured: in the 97 clean blog posts of eval-headings the repeats authors wrote are lead-ins
#: and labels of 3 to 8 words (``articlefix --report r.jsonl -o out ../shared/eval-headings/cases``
#: lists them under ``similar_kept`` as "kept as structure").
LONG = 12
#: In authored Markdown only a repeated paragraph this long goes. Measured with
#: ``python benchmarks/markdown_repeats.py`` on the 1,262 hand-written files of eval-md: the
#: longest repeated candidate paragraph has 22 words (27 before template tags, definition lists
#: and raw-HTML containers stopped being candidates); the seed article's pastes have 40 to 120.
LONG_AUTHORED = 40
# The one kind of repeat that carries no trace of its own is identical text, alone
# (``Reason.EXACT``). What authored Markdown may lose is a whole paragraph again (``COPIES``),
# never a teaser's fuller text or earlier paragraphs glued (an author's summary, or an editor's
# paragraph of several lines).


def pasted(verdicts: Sequence[Verdict], words: Sequence[int], *, authored: bool) -> list[Verdict]:
    """``verdicts`` with each removal that shows no paste turned into a kept look-alike.

    ``words[n]`` is block ``n``'s word count (0 for blocks dedup does not judge).
    """
    removed = [n for n, v in enumerate(verdicts) if _removed(v)]
    if authored:
        keep = {n for n in removed if words[n] < LONG_AUTHORED or verdicts[n].why not in COPIES}
    else:
        latest = _latest_copies(verdicts) if removed else []
        weak = {n for n in removed if not _traced(n, verdicts, words, latest)}
        keep = weak if all(n in weak for n in removed) else set()
    if not keep:  # most documents: every removal stands
        return list(verdicts)
    return [_structure(v, authored=authored) if n in keep else v for n, v in enumerate(verdicts)]


def _removed(verdict: Verdict) -> bool:
    return not verdict.keep and verdict.of is not None


def _latest_copies(verdicts: Sequence[Verdict]) -> list[int]:
    """For each removal, the nearest earlier block with its text (its original or an earlier
    copy of it); for any other block, the block itself."""
    last: dict[int, int] = {}
    latest = []
    for n, verdict in enumerate(verdicts):
        root = verdict.of if _removed(verdict) and verdict.of is not None else n
        latest.append(last.get(root, root))
        last[root] = n
    return latest


def _traced(n: int, verdicts: Sequence[Verdict], words: Sequence[int], latest: list[int]) -> bool:
    """Removal ``n`` carries a trace of pasting of its own."""
    verdict = verdicts[n]
    if verdict.why is not Reason.EXACT or words[n] >= LONG or verdict.of == n - 1:
        return True
    return _in_run(n, verdicts, words, latest)


def _in_run(n: int, verdicts: Sequence[Verdict], words: Sequence[int], latest: list[int]) -> bool:
    """A neighbour (blank blocks skipped) also went, and of the two, the later one's text was
    there before, after the earlier one's original: the pair was pasted again in its order.
    The later one's nearest earlier copy counts, not only its first (``B A B … A B``: the last
    ``A B`` repeats the first ``B``'s pair ``A B``, not ``B`` itself)."""
    for step in (-1, 1):
        k = n + step
        while 0 <= k < len(verdicts) and not words[k] and verdicts[k].keep:
            k += step
        if 0 <= k < len(verdicts) and _removed(verdicts[k]):
            first, second = (n, k) if step > 0 else (k, n)
            original = verdicts[first].of
            assert original is not None
            if latest[second] > original:
                return True
    return False


def _structure(verdict: Verdict, *, authored: bool) -> Verdict:
    why = (
        f"a repeat under {LONG_AUTHORED} words in hand-written Markdown is the author's"
        if authored
        else "a short repeat alone, and nothing else in the text was pasted"
    )
    return Verdict.structure(verdict.of, why)
