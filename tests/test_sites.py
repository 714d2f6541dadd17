"""Site boilerplate as a library: an index by reduction, then a map; chrome goes, content that
a few pages share and every page's own title stay, and page order changes nothing."""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import signal
from array import array
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from articlefix import clean, recordbatch
from articlefix.cli import cli
from articlefix.crawl import Page, SiteIndex, build_index, clean_page, count_pages, finish
from articlefix.fingerprint import normal_forms
from articlefix.pipeline import page_texts
from articlefix.siteindex import MIN_PAGES, Site
from articlefix.sitelines import (
    KEPT_WORDS,
    LEAD_WORDS,
    TITLE_WORDS,
    PageLine,
    key_of,
    keys_of,
    line_of,
    words_of,
)
from articlefix.sites import decide, judge
from articlefix.sitetitles import CUT_TITLE_WORDS, TitleCounts
from crawl_pages import Page as CrawlPage
from crawl_pages import crawl


def pages_of(site: list[CrawlPage]) -> list[Page]:
    return [Page("news.example", p.text) for p in site]


def blocks(markdown: str) -> set[str]:
    return {b.removeprefix("## ").replace("\\", "") for b in markdown.split("\n\n")}


def test_chrome_goes_and_content_stays() -> None:
    site = crawl()
    index = build_index(pages_of(site))
    for page, result in zip(site, (clean_page(p, index) for p in pages_of(site)), strict=True):
        out = blocks(result.markdown.strip())
        assert set(page.content) <= out, "content lost"
        assert not out & set(page.chrome), "chrome kept"


def test_each_removal_is_reported_with_its_page_count() -> None:
    site = crawl()
    result = clean_page(pages_of(site)[5], build_index(pages_of(site)))
    found = {r.text: (r.match, r.pages, r.site_pages) for r in result.report.site_boilerplate}
    assert found["Front page / Local / Sport / Weather"] == ("same text", 14, 14)
    byline = next(r for r in result.report.site_boilerplate if r.text.startswith("Written by"))
    assert (byline.match, byline.pages) == ("same template", 14)
    assert any(r.match == "title of another page" for r in result.report.site_boilerplate)
    assert result.report.to_dict()["site_boilerplate"][0]["match"] == "same text"


def test_what_a_few_pages_share_is_content() -> None:
    """Page 1 quotes page 0; pages 2 and 3 share a heading: both kept everywhere."""
    site = crawl()
    index = build_index(pages_of(site))
    quoted = site[0].content[2]
    assert quoted in clean_page(pages_of(site)[0], index).markdown
    assert quoted in clean_page(pages_of(site)[1], index).markdown
    for k in (2, 3):
        assert "What the council said" in clean_page(pages_of(site)[k], index).markdown


def test_a_site_smaller_than_min_pages_loses_nothing() -> None:
    site = crawl(pages=MIN_PAGES - 1)
    index = build_index(pages_of(site))
    for page in pages_of(site):
        assert clean_page(page, index) == clean(page.data)


def test_any_page_order_and_any_split_of_the_reduction_give_the_same_index() -> None:
    pages = pages_of(crawl(seed=8))
    index = build_index(pages)
    for seed in range(3):
        shuffled = random.Random(seed).sample(pages, len(pages))
        assert build_index(shuffled) == index
        cut = 1 + seed * 4
        assert finish(count_pages(shuffled[cut:]).merge(count_pages(shuffled[:cut]))) == index


def test_the_index_reads_each_page_once() -> None:
    """One pass: a stream of pages that can be read only once gives the index of the pages."""
    pages = pages_of(crawl(seed=3))
    assert build_index(iter(pages)) == build_index(pages)


def test_a_page_that_is_not_text_counts_for_nothing_and_the_pages_after_it_count() -> None:
    """A refused page is its own error when cleaned; it must not stop the reduction (the rest
    of a file went uncounted, and a worker process died with a traceback)."""
    pages = pages_of(crawl(seed=3))
    binary = Page("news.example", b"caption\x00\x01\x02 credit")
    assert build_index([binary, *pages]) == build_index(pages)


def test_a_record_that_is_not_text_is_its_own_error_at_any_jobs(tmp_path: Path) -> None:
    lines = [json.dumps({"url": "http://news.example/0", "text": "a\u0000\u0001\u0002 b"})]
    lines += [
        json.dumps({"url": f"http://news.example/{n}", "text": p.text})
        for n, p in enumerate(crawl(seed=3), 1)
    ]
    source = tmp_path / "crawl.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = [
        CliRunner().invoke(cli, ["--site-boilerplate", "-j", jobs, str(source)])
        for jobs in ("1", "2")
    ]
    for result in runs:
        assert result.exit_code == 3
        assert "Traceback" not in result.stderr
        assert result.stderr.count("not text") == 1
    assert runs[0].stdout == runs[1].stdout
    reports = [json.loads(line)["articlefix"] for line in runs[0].stdout.splitlines()]
    assert all(r["site_boilerplate"] for r in reports[1:]), "the pages after it were counted"


def test_each_site_counts_its_own_pages() -> None:
    site = crawl(pages=14)
    mixed = [Page(f"site{n % 2}", p.text) for n, p in enumerate(site)]
    index = build_index(mixed)
    assert set(index.sites) == {"site0", "site1"}
    assert all(table.frequent.pages == 7 for table in index.sites.values())


def test_without_an_index_entry_a_page_is_cleaned_as_clean_does() -> None:
    page = pages_of(crawl())[0]
    assert clean_page(Page("elsewhere", page.data), SiteIndex({})) == clean(page.data)


def test_the_index_pickles_for_workers() -> None:
    index = build_index(pages_of(crawl()))
    assert pickle.loads(pickle.dumps(index)) == index


@pytest.mark.parametrize("seed", [1, 3, 8])
def test_the_verdicts_the_index_looked_up_once_are_those_of_the_rules(seed: int) -> None:
    """The finish judges each short line of a site once; each line of its pages looked up
    is what judging it afresh (as for a page the index never counted) gives, and so is each
    page's judgement."""
    pages = pages_of(crawl(seed=seed))
    site = build_index(pages).sites["news.example"]
    afresh = replace(site, decided={}, plain=array("Q"))
    assert site.decided and site.plain
    for page in pages:
        texts = page_texts(page.data)
        norms = normal_forms(texts)
        for norm, key in zip(norms, keys_of(norms), strict=True):
            line = line_of(norm, key)
            rules = decide(site, line, site.frequent.skeleton(line.words, line.size))
            if site.holds(key):
                assert rules == (None, False)
            elif key in site.decided:
                assert site.decided[key] == rules
            else:  # long: its verdict is the same text's alone
                assert line.size > KEPT_WORDS and rules == (None, False)
        assert judge(site, norms) == judge(afresh, norms)


def test_a_site_whose_finishing_worker_dies_is_finished_by_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "crawl.jsonl"
    source.write_text("".join(json.dumps({"url": f"http://news.example/{n}", "text": p.text})
                              + "\n" for n, p in enumerate(crawl(seed=3))))  # fmt: skip
    serial = CliRunner().invoke(cli, ["--site-boilerplate", str(source)])
    parent, finish = os.getpid(), recordbatch._finish_site

    def dying(name: str) -> Site:
        if os.getpid() != parent:  # in a worker: as the OOM killer would
            os.kill(os.getpid(), signal.SIGKILL)
        return finish(name)

    monkeypatch.setattr(recordbatch, "_finish_site", dying)  # the workers fork with it
    pooled = CliRunner().invoke(cli, ["--site-boilerplate", "-j", "2", str(source)])
    assert (pooled.exit_code, pooled.stdout) == (serial.exit_code, serial.stdout)
    assert 'site_boilerplate": [{' in serial.stdout


def test_files_of_one_folder_are_one_site(tmp_path: Path) -> None:
    site = crawl()
    for folder in ("a", "b"):
        (tmp_path / "crawl" / folder).mkdir(parents=True)
    for n, page in enumerate(site):  # b holds 3 pages only: below MIN_PAGES, nothing goes
        (tmp_path / "crawl" / ("a" if n >= 3 else "b") / f"{n:02}.txt").write_text(page.text)
    runs = [CliRunner().invoke(cli, ["--site-boilerplate", "-j", jobs, "-o",
                                     str(tmp_path / f"out{jobs}"), str(tmp_path / "crawl")])
            for jobs in ("1", "2")]  # fmt: skip
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    out = {p.name: p.read_text() for p in (tmp_path / "out1").rglob("*.md")}
    assert out == {p.name: p.read_text() for p in (tmp_path / "out2").rglob("*.md")}
    for n, page in enumerate(site):
        text = out[f"{n:02}.md"]
        assert page.title in text
        assert ("Front page / Local / Sport / Weather" in text) == (n < 3)


def test_another_page_s_title_between_paragraphs_is_content() -> None:
    """A related list is furniture (chrome or the page's edge around it); the same words as a
    heading between two paragraphs are the page's own ("Introduction" opening another post)."""
    site = crawl()
    heading = next(p.title for p in site[:9] if p.title not in site[9].chrome)
    body = site[9].content
    text = site[9].text.replace(body[2], f"{body[2]}\n{heading}")
    pages = [*pages_of(site[:9]), Page("news.example", text), *pages_of(site[10:])]
    result = clean_page(pages[9], build_index(pages))
    assert heading in blocks(result.markdown.strip())
    assert not blocks(result.markdown.strip()) & set(site[9].chrome)  # its related list goes


def linked_by_the_rule(titles: list[list[str]], line: PageLine) -> int | None:
    """The pages whose title ``line`` links to, by the rule's words: the title after a lead-in
    of a few words, or, cut off, its first words (four or more, not all)."""
    if line.size > KEPT_WORDS:
        return None
    for lead in range(min(LEAD_WORDS, line.size - 1) + 1):
        tail = list(line.words[lead:])
        if pages := sum(len(t) <= TITLE_WORDS and t == tail for t in titles):
            return pages
        starts = [
            t[:k] for t in titles for k in range(CUT_TITLE_WORDS, min(len(t), TITLE_WORDS + 1))
        ]
        if line.cut and len(tail) >= CUT_TITLE_WORDS and tail in starts:
            return 1
    return None


WORD = st.sampled_from(("read", "also", "a", "after", "minister", "resigns", "the", "vote", "0"))
TITLE = st.lists(WORD, max_size=7) | st.lists(WORD, min_size=19, max_size=24)


@settings(max_examples=400)
@given(st.lists(TITLE, min_size=1, max_size=4), st.data())
def test_links_to_titles_are_found_by_their_words(
    titles_words: list[list[str]], data: st.DataObject
) -> None:
    """Lines made from the titles (a lead-in, the title or its start, an ellipsis) and others:
    the keys, and the first and last words that rule lines out, say what the words say."""
    counts = TitleCounts()
    for words in titles_words:
        counts.add(words[:TITLE_WORDS], len(words))
    titles = counts.finished()
    title = data.draw(st.sampled_from(titles_words))
    lead = data.draw(st.lists(WORD, max_size=LEAD_WORDS + 1))
    shown = data.draw(st.integers(0, len(title)) | st.just(CUT_TITLE_WORDS))  # the edge
    words = lead + title[:shown] + data.draw(st.just([]) | st.lists(WORD, max_size=2))
    line = PageLine(key_of(" ".join(words)), tuple(words[:KEPT_WORDS]), len(words),
                    data.draw(st.booleans()))  # fmt: skip
    assert titles.linked(line) == linked_by_the_rule(titles_words, line)
    bare = not line.cut and line.size <= TITLE_WORDS and list(line.words) in titles_words
    assert titles.bare(line) == bare


@given(st.text(st.sampled_from("ab é_1٣½²-. \u00a0")))
def test_words_are_the_runs_of_word_characters_each_number_as_0(text: str) -> None:
    """The split that skips the number pass for lines without digits gives what both passes
    give (Arabic-Indic digits are digits, "½" and "²" are word characters but no digits)."""
    assert words_of(text) == tuple(re.findall(r"\w+", re.sub(r"\d+", "0", text)))


def test_a_cut_off_link_shows_whole_words_of_a_title_four_at_least() -> None:
    counts = TitleCounts()
    counts.add(["read", "also", "a", "after", "vote", "now"], 6)
    counts.add(["the", "minister", "resigns", "after", "vote"], 5)
    titles = counts.finished()

    def cut(*words: str) -> PageLine:
        return PageLine(key_of(" ".join(words)), words, len(words), True)

    assert titles.linked(cut("read", "also", "a", "after")) == 1
    assert titles.linked(cut("more", "read", "also", "a", "after")) == 1  # after a lead-in
    assert titles.linked(cut("read", "also", "a")) is None  # three words
    assert titles.linked(cut("read", "also", "a", "after", "vo")) is None  # not a whole word
    assert titles.linked(cut("the", "minister", "resigns", "after")) == 1
    assert titles.linked(cut("the", "minister", "resigns", "after", "vote")) == 1  # all of it


@given(st.lists(st.sampled_from(["a", "bb", "a-b", "|", "x_y", "3", "..."]), max_size=50))
@example(["a"] * KEPT_WORDS + ["|"])  # as many spaces as words: the count is tried
@example(["a"] * (KEPT_WORDS + 1))
@example(["bb"] * 12 + ["|"] * 12)  # 12 words, never 24 halves of them
def test_a_line_keeps_its_words_up_to_kept_words_and_no_words_past_that(parts: list[str]) -> None:
    text = " ".join(parts)
    words = words_of(text)
    line = line_of(text, key_of(text))
    if len(words) <= KEPT_WORDS:
        assert (line.words, line.size) == (words, len(words))
    else:
        assert line.words in {(), words[:KEPT_WORDS]} and line.size > KEPT_WORDS
