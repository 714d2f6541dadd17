"""``--review FILE.html``: the page's structure (parsed), its safety on hostile input, and the
page rendered in a real headless Chromium (skipped, with the reason, where it is absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from articlefix.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ARTIFACTS = ROOT / "test-artifacts"  # git ignores it; CI keeps the screenshots there
PARA = (
    "The harbour authority said on Tuesday that the new quay would open in the spring, "
    "two years later than first planned, after the contractor found old foundations."
)
NEAR = PARA.replace("Tuesday", "Friday").replace("harbour", "Harbour")
PAYLOADS = [
    "<script>document.title='PWNED'</script> said the mayor in a long statement today.",
    "<img src=x onerror=\"document.title='PWNED'\"> was posted under the photo today.",
    "Read [this](javascript:document.title='PWNED') before the council meets again.",
    '"><svg onload="document.title=\'PWNED\'"> closes the quote in the attribute.',
    '<iframe src="http://evil.example/"></iframe> and <link rel=stylesheet href=//evil>',
]
HOSTILE = "\n".join([PARA, *PAYLOADS, PARA, f"Hidden\u202eoverride and zero\u200bwidth {PARA}"])


class Dom(HTMLParser):
    """Elements and their attributes, and the text, of a page as a browser would parse it."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def classed(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.elements if name in a.get("class", "").split()]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def review(tmp_path: Path, *inputs: Path, flags: tuple[str, ...] = ()) -> tuple[Result, Dom, str]:
    page = tmp_path / "review.html"
    result = run("--review", page, *flags, *inputs)
    text = page.read_text(encoding="utf-8")
    return result, Dom(text), text


def assert_safe(dom: Dom) -> None:
    """Nothing that runs, loads or navigates: no script, media, frame, form or outside link."""
    tags = {tag for tag, _ in dom.elements}
    assert not tags & {"script", "img", "svg", "iframe", "object", "embed", "link", "form",
                       "base", "video", "audio", "source"}  # fmt: skip
    ids = {a["id"] for _, a in dom.elements if "id" in a}
    for link in dom.tags("a"):
        assert link["href"].startswith("#") and link["href"][1:] in ids, link
    for _, attrs in dom.elements:
        assert not any(k.startswith("on") for k in attrs), attrs


def test_the_seed_page_strikes_each_removal_and_links_it_to_its_original(tmp_path: Path) -> None:
    result, dom, page = review(tmp_path, SAMPLES / "seed.txt")
    assert result.exit_code == 0
    assert result.stdout == (SAMPLES / "seed.expected.md").read_text(encoding="utf-8")
    assert len(dom.tags("del")) == len(dom.classed("removed")) == 42
    assert len(dom.classed("block")) == 62
    links = [a["href"] for a in dom.tags("a") if a["href"].startswith("#f1-b")]
    assert "#f1-b5" in links and len(links) == 42  # each removal names the block it repeats
    assert_safe(dom)
    meta = dom.tags("meta")
    assert any("default-src 'none'" in m.get("content", "") for m in meta)
    tags = " ".join(dom.text)
    assert "heading: short line before a long paragraph" in tags
    assert "attribution: attribution line after a pull quote" in tags
    assert "utf-8 (confidence 1.00, no byte-order mark)" in tags
    assert "http" not in page.replace("http-equiv", "")  # nothing to fetch


def test_hostile_text_is_shown_as_text_and_nothing_can_run(tmp_path: Path) -> None:
    name = tmp_path / "<b onmouseover=alert(1)>x.txt"
    name.write_text(HOSTILE, encoding="utf-8")
    result, dom, _ = review(tmp_path, name)
    assert result.exit_code == 0
    assert_safe(dom)
    shown = "".join(dom.text)
    for payload in PAYLOADS:
        assert payload.split(" ")[0] in shown  # the characters, as written
    assert dom.tags("title") and "PWNED" not in dom.elements[0][1].get("title", "")
    assert f"{name}" in shown


def test_invisible_characters_are_marked_and_warned_about(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    _, dom, _ = review(tmp_path, article)
    marks = ["".join(dom.text).count(code) for code in ("U+202E", "U+200B")]
    assert all(marks)
    assert len(dom.classed("hidden")) >= 2  # in the block, and beside its look-alike
    assert len([li for tag, li in dom.elements if tag == "li"]) == 2  # the two warnings


def test_a_look_alike_kept_sits_beside_its_twin_with_the_difference_marked(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"{PARA}\nShort line here.\n{NEAR}\n", encoding="utf-8")
    _, dom, page = review(tmp_path, article)
    assert len(dom.classed("pair")) == 1
    assert "<mark>Tuesday</mark>" in page and "<mark>Friday</mark>" in page
    assert "<mark>harbour</mark>" not in page  # case alone is not a difference


def test_list_items_carry_their_reason(tmp_path: Path) -> None:
    _, dom, _ = review(tmp_path, SAMPLES / "lists.txt")
    assert len(dom.classed("item")) == 11
    assert "item: list item: one of 3 consecutive lines with a list marker" in " ".join(dom.text)


def test_markdown_files_show_what_was_removed_from_them(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text(f"---\ntitle: x\n---\n\n{PARA}\n\n{PARA}\n", encoding="utf-8")
    _, dom, _ = review(tmp_path, page)
    assert len(dom.tags("del")) == 1
    assert "repeats line 5" in " ".join(dom.text)


def test_several_inputs_one_section_each_and_a_summary_row_each(tmp_path: Path) -> None:
    inputs = [SAMPLES / "seed.txt", SAMPLES / "lists.txt", SAMPLES / "hazards.txt"]
    result, dom, _ = review(tmp_path, *inputs)
    assert result.exit_code == 0
    assert len(dom.tags("section")) == 3 and len(dom.tags("tr")) == 4
    assert [a["href"] for a in dom.tags("a")[:3]] == ["#f1", "#f2", "#f3"]


def test_in_place_still_shows_what_the_file_was(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"{PARA}\n{PARA}\n", encoding="utf-8")
    result, dom, _ = review(tmp_path, article, flags=("-i",))
    assert result.exit_code == 1 and article.read_text() == PARA + "\n"
    assert len(dom.tags("del")) == 1


def test_a_page_that_cannot_be_written_is_one_error_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(PARA + "\n", encoding="utf-8")
    result = run("--review", article / "page.html", article)  # a file is no folder
    assert result.exit_code == 3
    assert result.stderr.startswith(f"articlefix: {article / 'page.html'}: ")
    assert "Traceback" not in result.stderr


# --- in a real browser ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: apt-get install -y chromium (.ci/run does)"
)


def chromium(tmp_path: Path, *args: str) -> str:
    """Headless Chromium with a fresh profile, no network services, as root (no sandbox)."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_chromium
def test_chromium_renders_the_seed_page(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    assert run("--review", page, SAMPLES / "seed.txt").exit_code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-seed.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, "--window-size=1200,2400", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = Dom(chromium(tmp_path, "--dump-dom", page.as_uri()))
    assert len(dom.tags("del")) == 42
    assert_safe(dom)
    assert "".join(dom.text).count("removed: exact repeat") >= 30


@needs_chromium
def test_chromium_runs_nothing_from_a_hostile_page(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    page = tmp_path / "review.html"
    assert run("--review", page, article).exit_code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    chromium(tmp_path, "--window-size=1200,1600",
             f"--screenshot={ARTIFACTS / 'review-hostile.png'}", page.as_uri())  # fmt: skip
    dumped = chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = Dom(dumped)
    assert_safe(dom)  # the DOM after load: no element the text could have made
    title = dumped.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "articlefix review"  # every payload would have set it to PWNED
    assert "document.title='PWNED'" in "".join(dom.text)  # shown, as written
