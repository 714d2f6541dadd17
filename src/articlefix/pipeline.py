"""The one place the stages are composed: a pure function from input to Markdown and report."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from articlefix import audit
from articlefix.blocks import Block, Blocks, expanded, split_blocks
from articlefix.classify import TypedBlock, classify, per_block
from articlefix.decode import Decoded, decode
from articlefix.dedup import Decisions, Expanded, dedup
from articlefix.fingerprint import fingerprints, normal_forms
from articlefix.lists import list_items
from articlefix.mojibake import Part, repair_mojibake
from articlefix.options import Options
from articlefix.paste import LONG, pasted
from articlefix.quotes import pairing
from articlefix.render import render
from articlefix.report import Encoding, Report
from articlefix.verdict import NEAR_COPIES, Verdict

if TYPE_CHECKING:  # sites.py (and hashlib) load only for a page cleaned against a site index
    from articlefix import mdedit
    from articlefix.siteindex import Site
    from articlefix.sites import Verdict as SiteVerdict
    from articlefix.traced import Trace


@dataclass(frozen=True, slots=True)
class Result:
    """The cleaned article and the account of how it was cleaned."""

    markdown: str
    report: Report


def clean(data: str | bytes, options: Options | None = None, *, site: Site | None = None) -> Result:
    """Clean one scraped article; with ``site`` (its site's entry in a
    :class:`articlefix.crawl.SiteIndex`), its site's boilerplate goes first.

    Pure: no files, no printing, no state kept between calls, so it is safe to map over a
    process pool, Dask or Spark. Raises :class:`articlefix.ArticlefixError` for input that is
    not text, and ``TypeError`` for ``data`` that is neither ``str`` nor ``bytes`` (or
    ``options`` that is not an :class:`Options`), as Python's own functions do.
    """
    if not isinstance(data, str | bytes):
        raise TypeError(f"clean() takes str or bytes, not {type(data).__name__}")
    if options is not None and not isinstance(options, Options):
        raise TypeError(f"clean() takes an Options, not {type(options).__name__}")
    return _clean(data, options or Options(), site)


def trace(data: str | bytes, options: Options | None = None) -> Trace:
    """:func:`clean`, keeping what it otherwise lets go: each block's verdict and tag.

    Markdown mode edits the file rather than passing it through the stages, so its trace has
    the result alone (its report lists each removal).
    """
    from articlefix.traced import Trace, Traced  # for --review only: 0.25 ms of every start

    options = options or Options()
    if options.input_format == "markdown":
        return Trace(clean(data, options), ())
    staged = _staged(_read(decode(data, repair=options.repair_mojibake), options), options, None)
    typed = dict(zip(staged.kept, per_block(staged.typed), strict=True))
    at = audit.Numbering(staged.blocks)  # a block for a run of lines is traced line by line
    blocks = tuple(
        Traced(b.text, b.line + k, v.keep, t.kind if t else "", t.rule if t else "", v.reason,
               None if v.of is None else at(v.of), v.similarity, t.text if t else "",
               t.marker if t else "", v.look_alike)
        for n, (b, v) in enumerate(zip(staged.blocks, staged.verdicts, strict=True))
        for t in (typed.get(n),)
        for k in range(b.copies)
    )  # fmt: skip
    return Trace(Result(render(staged.typed), staged.report), blocks)


class _Staged(NamedTuple):
    blocks: Blocks
    verdicts: list[Verdict]
    kept: list[int]  # the kept blocks' places among ``blocks``
    typed: list[TypedBlock]
    report: Report


class _Read(NamedTuple):
    """The input's blocks and how its bytes were read: all the stages need of the decoding."""

    blocks: Blocks
    encoding: Encoding
    warnings: tuple[str, ...]


def _read(decoded: Decoded, options: Options) -> _Read:
    return _Read(_blocks(decoded, options), _read_as(decoded), decoded.warnings)


def _clean(data: str | bytes, options: Options, site: Site | None) -> Result:
    if options.input_format != "markdown":  # the decoded text (twice the input) dies in _read
        return _clean_text(
            _read(decode(data, repair=options.repair_mojibake), options), options, site
        )
    decoded = decode(data, repair=options.repair_mojibake)
    from articlefix import mdedit  # Markdown mode's editor (and markdown-it) only for it

    doc = mdedit.read(decoded.text)
    if not doc.authored:  # perhaps scraped text saved as .md: read as text, it may show it
        scraped = _staged(
            _read(decoded._replace(parts=(Part(mdedit.body(doc)),)), options), options, site
        )
        if doc.glued or _shows_paste(doc, scraped):
            markdown = mdedit.with_front_matter(doc, render(scraped.typed))
            return Result(markdown, scraped.report)
    return _edit_markdown(decoded, doc, options)


def _shows_paste(doc: mdedit.Document, scraped: _Staged) -> bool:
    """Read as text, a sentence went (a lead-in, a licence clause, a label is shorter), or a
    copy that differs only in formatting (spacing, quote marks, a credit): no author's."""
    from articlefix import mdedit

    return any(
        mdedit.words(doc, b.line, b.lines) >= LONG or v.why in NEAR_COPIES
        for b, v in zip(scraped.blocks, scraped.verdicts, strict=True)
        if not v.keep and v.of is not None
    )


def _clean_text(read: _Read, options: Options, site: Site | None) -> Result:
    staged = _staged(read, options, site)
    typed, report = staged.typed, staged.report
    del read, staged  # peak memory is while the document is joined: only it needs the typed
    return Result(render(typed), report)  # blocks, so the rest goes first


def _staged(read: _Read, options: Options, site: Site | None) -> _Staged:
    blocks = read.blocks
    chrome: list[SiteVerdict | None] = [None] * len(blocks)
    norms = None
    if site is not None:  # a site's furniture is judged line by line, in its page's context
        from articlefix.sites import judge

        blocks = expanded(blocks)
        norms = normal_forms(blocks.texts)  # for the judge and for dedup
        chrome = judge(site, norms)
    verdicts, edits = _dedup_content(blocks, chrome, options, norms)
    # The lines between a run's first and last go as copies; were they ever kept, each would
    # be judged on its own, as before runs were folded.
    if any(verdicts[n].keep for n in blocks.runs()):
        return _staged(read._replace(blocks=expanded(blocks)), options, site)
    fuller = {e.teaser: blocks.texts[e.full] for e in edits}  # the last for a teaser wins
    # The kept blocks' places, and the blocks built for classify alone: they die with its call,
    # before the report, whose full collections would walk each (a tuple subclass is never
    # untracked), and before render's join.
    kept = [n for n, v in enumerate(verdicts) if v.keep]
    typed = classify(list_items(_written(blocks, kept, fuller)), tag=options.tag)
    tags = audit.tags(blocks, kept, typed)
    report = audit.report(blocks, verdicts, len(kept), tags, read.encoding, read.warnings)
    report = replace(report, site_boilerplate=audit.site_removals(blocks, chrome))
    return _Staged(blocks, verdicts, kept, typed, report)


def _written(blocks: Blocks, kept: list[int], fuller: dict[int, str]) -> list[Block]:
    """The kept blocks as they will be written: a teaser with its fuller text."""
    written = blocks.picked(kept)
    for at, n in enumerate(kept) if fuller else ():
        if n in fuller:
            written[at] = written[at]._replace(text=fuller[n])
    return written


def _edit_markdown(decoded: Decoded, doc: mdedit.Document, options: Options) -> Result:
    """Authored Markdown: pasted paragraphs deleted from the file, nothing else touched."""
    from articlefix import mdedit

    blocks = Blocks(mdedit.blocks(doc))
    verdicts = _dedup(blocks.texts, options, authored=True).verdicts
    markdown, dropped = mdedit.without(doc, {n for n, v in enumerate(verdicts) if not v.keep})
    # A removal the editor did not make (deleting it would change what stays) is kept after all.
    verdicts = [v if v.keep or n in dropped else v.unsafe() for n, v in enumerate(verdicts)]
    if decoded.bom and decoded.encoding == "utf-8-sig":  # the file's own first bytes stay too
        markdown = "\ufeff" + markdown
    kept = len(blocks) - len(dropped)
    report = audit.report(blocks, verdicts, kept, (), _read_as(decoded), decoded.warnings)
    return Result(markdown, report)


def _read_as(decoded: Decoded) -> Encoding:
    return Encoding(decoded.encoding, decoded.confidence, decoded.bom, decoded.repaired)


def _blocks(decoded: Decoded, options: Options) -> Blocks:
    """The input's paragraphs; the decoded text is dropped on return, as nothing else needs it."""
    blocks = split_blocks(decoded.parts)
    # Again per paragraph, as a second run will see it: a sequence ftfy left alone in its line
    # may be repairable in a paragraph joined from a wrap, or once a backslash escape is gone.
    if options.repair_mojibake and (decoded.suspect or decoded.holds("\\")):
        for n, text in enumerate(blocks.texts):
            if (fixed := repair_mojibake(text)) != text:
                blocks.retext(n, fixed)
    return blocks


def page_texts(data: str | bytes, options: Options | None = None) -> list[str]:
    """What a site index counts of a page: the texts of the blocks :func:`clean` will judge
    against the index."""
    options = options or Options()
    blocks = _blocks(decode(data, repair=options.repair_mojibake), options)
    return expanded(blocks).texts


def _dedup_content(
    blocks: Blocks, chrome: list[SiteVerdict | None], options: Options, norms: list[str] | None
) -> Decisions:
    """Dedup over the blocks that are not site boilerplate; those are dropped before, so a
    page's own repeats are found among its content alone (``norms``: the blocks' normal
    forms, when the judge has made them)."""
    if not any(chrome) or norms is None:
        return _dedup(blocks.texts, options, authored=False, norms=norms)
    content = [n for n, c in enumerate(chrome) if c is None]
    verdicts = [Verdict.site()] * len(blocks)
    found = _dedup([blocks.texts[n] for n in content], options, authored=False,
                   norms=[norms[n] for n in content])  # fmt: skip
    for n, v in zip(content, found.verdicts, strict=True):
        verdicts[n] = v if v.of is None else v._replace(of=content[v.of])
    expanded = [Expanded(content[e.teaser], content[e.full]) for e in found.expanded]
    return Decisions(verdicts, expanded)


def _dedup(
    texts: list[str], options: Options, *, authored: bool, norms: list[str] | None = None
) -> Decisions:
    """Verdicts for the blocks of ``texts``; the fingerprints, as large as the text, die with
    this call."""
    prints = fingerprints(texts, norms)
    found = dedup(texts, prints, max_candidates=options.max_candidates, pairing=pairing(texts))
    return found._replace(verdicts=pasted(found.verdicts, prints.sizes, authored=authored))
