"""The command, flag by flag and exit code by exit code, through click's CliRunner.

Inputs are small articles written here: a paragraph pasted twice is the simplest thing that
articlefix must change, and its own output is the simplest thing it must leave alone.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import articlefix
from articlefix import batch
from articlefix.cli import cli
from articlefix.files import collect

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PARA = (
    "The harbour authority said on Tuesday that the new quay would open in the spring, "
    "two years later than first planned, after the contractor found old foundations."
)
OTHER = (
    "Fishermen who moor their boats along the old wall will keep their places until the "
    "works are finished, a spokeswoman for the authority added in a statement."
)
DIRTY = f"{PARA}\n{OTHER}\n{PARA}\n"  # one paragraph pasted twice
CLEAN = f"{PARA}\n\n{OTHER}\n"  # what articlefix makes of DIRTY


def run(*args: str | Path, input: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_the_small_article_cleans_as_the_tests_assume() -> None:
    assert articlefix.clean(DIRTY).markdown == CLEAN
    assert articlefix.clean(CLEAN).markdown == CLEAN


# --- standard output, stdin, several inputs -------------------------------------------------


def test_several_files_are_written_in_argument_order_with_a_break_between(
    tmp_path: Path,
) -> None:
    """The last paragraph of one and the first of the next never become one paragraph."""
    first, second = write(tmp_path / "b.txt", DIRTY), write(tmp_path / "a.txt", OTHER + "\n")
    result = run(first, second)
    assert result.exit_code == 0, result.output
    assert result.stdout == CLEAN + "\n* * *\n\n" + OTHER + "\n"
    assert "2 files, 1 changed, 0 errors, 0 skipped, 1 block removed" in result.stderr


def test_stdin_dash(tmp_path: Path) -> None:
    result = run("-", input=DIRTY.encode())
    assert (result.exit_code, result.stdout) == (0, CLEAN)


def test_one_input_is_silent_on_success_as_unix_filters_are(tmp_path: Path) -> None:
    """``articlefix a.txt 2>&1 | pbcopy`` copies the article and nothing else."""
    for args in ([write(tmp_path / "a.txt", DIRTY)], ["-"]):
        result = run(*args, input=DIRTY.encode())
        assert (result.exit_code, result.stdout, result.stderr) == (0, CLEAN, "")


def test_verbose_prints_a_line_per_input_and_the_summary(tmp_path: Path) -> None:
    result = run("-v", write(tmp_path / "a.txt", DIRTY))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"articlefix: {tmp_path / 'a.txt'}: changed, 1 block removed of 3, 0 headings, "
        "0 quotes, utf-8",
        result.stderr.splitlines()[1],
    ]
    assert re.fullmatch(
        r"articlefix: 1 file, 1 changed, 0 errors, 0 skipped, 1 block removed, [\d.]+ s",
        result.stderr.splitlines()[1],
    )


def test_counts_in_the_summary_agree_with_their_numbers(tmp_path: Path) -> None:
    good, gone = write(tmp_path / "a.txt", DIRTY * 2), tmp_path / "gone.txt"
    result = run(good, gone)
    assert "2 files, 1 changed, 1 error, 0 skipped, 4 blocks removed" in result.stderr
    assert "1 errors" not in result.stderr


def test_quiet_and_verbose_together_are_a_usage_error(tmp_path: Path) -> None:
    result = run("-q", "-v", write(tmp_path / "a.txt", DIRTY))
    assert result.exit_code == 2
    assert "--quiet and --verbose cannot be used together" in result.stderr


def test_quiet_leaves_stderr_empty(tmp_path: Path) -> None:
    result = run("-q", write(tmp_path / "a.txt", DIRTY))
    assert (result.exit_code, result.stdout, result.stderr) == (0, CLEAN, "")


def test_missing_and_binary_inputs_exit_3_and_the_others_go_on(tmp_path: Path) -> None:
    binary = write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = write(tmp_path / "good.txt", DIRTY)
    result = run(tmp_path / "gone.txt", binary, good)
    assert result.exit_code == 3
    assert result.stdout == CLEAN
    errors = [line for line in result.stderr.splitlines() if "articlefix: " in line]
    assert errors[0] == f"articlefix: {tmp_path / 'gone.txt'}: no such file or directory"
    assert errors[1].startswith(f"articlefix: {binary}: ") and "Traceback" not in result.stderr
    assert "3 files, 1 changed, 2 errors" in result.stderr


def test_an_empty_argument_is_a_missing_file_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``articlefix --in-place "$FILE"`` with FILE unset must not rewrite the whole folder."""
    monkeypatch.chdir(tmp_path)
    article = write(tmp_path / "a.txt", DIRTY)
    result = run("--in-place", "")
    assert result.exit_code == 3
    assert "articlefix: '': no such file or directory" in result.stderr
    assert article.read_text() == DIRTY


def test_max_bytes_skips_big_files_without_reading_them(tmp_path: Path) -> None:
    big, small = write(tmp_path / "big.txt", DIRTY * 3), write(tmp_path / "small.txt", DIRTY)
    result = run("--max-bytes", str(len(DIRTY)), big, small)
    assert result.exit_code == 3
    assert result.stdout == CLEAN
    assert f"articlefix: {big}: larger than --max-bytes" in result.stderr
    assert "1 skipped" in result.stderr


# --- directories, --include, --output-dir ---------------------------------------------------


def tree(root: Path) -> Path:
    write(root / "b.txt", DIRTY)
    write(root / "a" / "z.md", CLEAN)
    write(root / "a" / "y.txt", OTHER + "\n")
    write(root / "notes.rst", DIRTY)
    write(root / ".hidden" / "h.txt", DIRTY)
    write(root / ".dot.txt", DIRTY)
    return root


def test_a_directory_is_walked_in_sorted_order_and_mirrored(tmp_path: Path) -> None:
    src, out = tree(tmp_path / "src"), tmp_path / "out"
    result = run("-o", out, "--report", tmp_path / "r.jsonl", src)
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a/y.md", "a/z.md", "b.md"]
    assert (out / "b.md").read_text() == CLEAN
    assert (out / "a" / "z.md").read_text() == CLEAN
    paths = [json.loads(line)["path"] for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert paths == [str(src / "a" / "y.txt"), str(src / "a" / "z.md"), str(src / "b.txt")]


def test_a_directory_walk_takes_every_name_that_is_read_as_markdown(tmp_path: Path) -> None:
    """What ``auto`` reads as Markdown a walk takes by default (a ``.mkd`` was left out)."""
    src, out = tmp_path / "src", tmp_path / "out"
    for name in ("a.md", "b.markdown", "c.mdown", "d.mkd", "e.txt", "f.rst"):
        write(src / name, DIRTY)
    result = run("-o", out, src)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md", "c.md", "d.md", "e.md"]


def test_include_replaces_the_default_globs(tmp_path: Path) -> None:
    src, out = tree(tmp_path / "src"), tmp_path / "out"
    result = run("-o", out, "--include", "*.rst", "--include", "y.*", src)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*.md")) == ["notes.md", "y.md"]


def test_file_arguments_go_to_their_stem(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("-o", out, write(tmp_path / "x" / "one.v2.txt", DIRTY))
    assert result.exit_code == 0
    assert (out / "one.v2.md").read_text() == CLEAN


def test_two_inputs_for_one_output_never_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write(tmp_path / "x" / "a.txt", DIRTY)
    second = write(tmp_path / "y" / "a.md", OTHER + "\n")
    result = run("-o", out, first, second)
    assert result.exit_code == 3
    assert (out / "a.md").read_text() == CLEAN
    clash = f"articlefix: {second}: output {out / 'a.md'} is already used by {first}"
    assert clash in result.stderr


def test_output_never_escapes_the_folder_through_a_symlink(tmp_path: Path) -> None:
    outside, out = tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(outside)
    src = tmp_path / "src"
    write(src / "sub" / "a.txt", DIRTY)
    result = run("-o", out, src)
    assert result.exit_code == 3
    assert "would be outside" in result.stderr
    assert list(outside.iterdir()) == []


def test_output_folder_is_not_read_back_as_input(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    for _ in range(2):
        result = run("-o", tmp_path / "out", tmp_path)
        assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.md"]


def test_output_dir_refuses_to_replace_its_input(tmp_path: Path) -> None:
    page = write(tmp_path / "a.md", DIRTY)
    result = run("-o", tmp_path, page)
    assert result.exit_code == 3 and "is the input itself" in result.stderr
    assert page.read_text() == DIRTY


# --- --in-place, --check, --diff ------------------------------------------------------------


def test_in_place_fixes_only_what_changes(tmp_path: Path) -> None:
    dirty, clean = write(tmp_path / "d.md", DIRTY), write(tmp_path / "c.md", CLEAN)
    dirty.chmod(0o640)
    os.utime(clean, ns=(1_000_000_000, 1_000_000_000))
    result = run("--in-place", dirty, clean)
    assert result.exit_code == 1
    assert f"Fixing {dirty}" in result.stderr and f"Fixing {clean}" not in result.stderr
    assert dirty.read_text() == CLEAN
    assert dirty.stat().st_mode & 0o777 == 0o640
    assert clean.stat().st_mtime_ns == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.md", "d.md"]  # no temp file left
    again = run("-i", dirty, clean)
    assert (again.exit_code, again.stdout) == (0, "")


def test_in_place_keeps_crlf(tmp_path: Path) -> None:
    page = write(tmp_path / "a.txt", DIRTY.replace("\n", "\r\n"))
    assert run("-i", page).exit_code == 1
    assert page.read_bytes() == CLEAN.replace("\n", "\r\n").encode()
    assert run("-i", page).exit_code == 0


def test_in_place_writes_through_a_symlink(tmp_path: Path) -> None:
    target = write(tmp_path / "real" / "a.md", DIRTY)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert run("-i", link).exit_code == 1
    assert link.is_symlink() and target.read_text() == CLEAN


def test_a_failed_write_leaves_the_original_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = write(tmp_path / "a.md", DIRTY)

    real = Path.replace

    def refuse(self: Path, target: Path) -> Path:
        if Path(target).name == "a.md":
            raise PermissionError(13, "Permission denied")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", refuse)
    result = run("-i", "--report", tmp_path / "r.jsonl", page)
    assert result.exit_code == 3
    assert f"articlefix: {page}: permission denied" in result.stderr
    assert page.read_text() == DIRTY
    (record,) = map(json.loads, (tmp_path / "r.jsonl").read_text().splitlines())
    assert record["status"] == "error" and record["bytes_out"] is None
    (tmp_path / "r.jsonl").unlink()
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_check_writes_nothing(tmp_path: Path) -> None:
    dirty, clean = write(tmp_path / "d.txt", DIRTY), write(tmp_path / "c.md", CLEAN)
    result = run("--check", dirty, clean)
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"would fix {dirty}" in result.stderr and str(clean) not in result.stderr
    assert dirty.read_text() == DIRTY
    assert run("--check", clean).exit_code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_quotes_odd_file_names_as_git_does(tmp_path: Path) -> None:
    """An undecodable or control byte in a name: a C-quoted header that strict UTF-8 output can
    write and ``git apply`` takes (before, writing the header raised UnicodeEncodeError)."""
    names = [os.fsdecode(b"bad\xff.txt"), "new\nline.txt", 'q"uote.txt']
    for name in names:
        write(tmp_path / name, DIRTY)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # strict: no surrogateescape to hide in
    done = subprocess.run(
        [sys.executable, "-m", "articlefix", "--diff", *names],
        cwd=tmp_path, capture_output=True, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    headers = [line for line in done.stdout.splitlines() if line.startswith(b"--- ")]
    assert headers == [b'--- "a/bad\\377.txt"', b'--- "a/new\\nline.txt"', b'--- "a/q\\"uote.txt"']
    for args in (["init", "-q"], ["apply", "--check", "-"]):
        git = subprocess.run(["git", *args], cwd=tmp_path, input=done.stdout, capture_output=True)
        assert git.returncode == 0, git.stderr


def test_diff_prints_a_patch_and_writes_nothing(tmp_path: Path) -> None:
    dirty, clean = write(tmp_path / "d.txt", DIRTY), write(tmp_path / "c.md", CLEAN)
    result = run("--diff", dirty, clean)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"--- a/{dirty}", f"+++ b/{dirty}"]
    assert f"-{PARA}" in lines and "+" in lines and str(clean) not in result.stdout
    assert dirty.read_text() == DIRTY
    assert run("--diff", clean).stdout == ""


@pytest.mark.parametrize(
    "flags",
    [
        ["--check", "--in-place"],
        ["--diff", "-i"],
        ["--check", "--diff"],
        ["--output-dir", "out", "--in-place"],
        ["--output-dir", "out", "--check"],
        ["--jobs", "0"],
        ["--format", "html"],
        ["--unknown"],
    ],
)
def test_nonsense_is_a_usage_error(tmp_path: Path, flags: list[str]) -> None:
    result = run(*flags, write(tmp_path / "a.txt", DIRTY))
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert (tmp_path / "a.txt").read_text() == DIRTY


def test_stdin_cannot_be_fixed_in_place() -> None:
    result = run("-i", "-", input=DIRTY.encode())
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_no_input_from_a_terminal_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing named and nothing piped: the user forgot the file; waiting on the terminal would
    look like a hang."""

    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    from articlefix.usage import inputs_named

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(Terminal()))  # CliRunner's is a pipe
    with pytest.raises(click.UsageError, match="no input: name a FILE"):
        inputs_named((), "stdout")
    assert inputs_named(("a.txt",), "stdout") == ("a.txt",)


def test_scheduler_without_dask_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # ``import distributed`` now fails
    result = run("--scheduler", "tcp://127.0.0.1:1", write(tmp_path / "a.txt", DIRTY))
    assert result.exit_code == 2
    assert "--scheduler needs Dask: python -m pip install 'articlefix[dask]'" in result.stderr


def test_check_reads_standard_input() -> None:
    """``-`` with ``--check``: exit 1 and ``would fix -`` when the text would change, as black."""
    dirty = run("--check", "-", input=DIRTY.encode())
    assert (dirty.exit_code, dirty.stdout, dirty.stderr) == (1, "", "would fix -\n")
    clean = run("--check", "-", input=CLEAN.encode())
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_of_standard_input_is_a_patch_of_the_named_file(tmp_path: Path) -> None:
    """An editor pipes a buffer in: ``--stdin-filename`` names the file the patch applies to."""
    write(tmp_path / "notes" / "a.txt", DIRTY)
    result = run("--diff", "--stdin-filename", "notes/a.txt", "-", input=DIRTY.encode())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == ["--- a/notes/a.txt", "+++ b/notes/a.txt"]
    for args in (["init", "-q"], ["apply", "-"]):
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, input=result.stdout.encode(), capture_output=True
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "notes" / "a.txt").read_text() == CLEAN


def test_stdin_filename_picks_the_rules_of_its_suffix() -> None:
    """Markup piped in from a ``.md`` buffer stays markup; from a ``.txt`` one it is escaped."""
    marked = b"The **new** quay opens in `spring`.\n"
    markdown = run("--stdin-filename", "doc/a.md", "-", input=marked)
    assert markdown.stdout == marked.decode()
    text = run("--stdin-filename", "doc/a.txt", "-", input=marked)
    assert text.stdout == "The \\*\\*new\\*\\* quay opens in \\`spring\\`.\n"


def test_stdin_filename_names_standard_input_in_messages() -> None:
    result = run("--stdin-filename", "doc/a.txt", "-", input=b"\x00\x01binary")
    assert result.exit_code == 3
    assert result.stderr.startswith("articlefix: doc/a.txt: binary data")


# --- Markdown input, options ----------------------------------------------------------------

FRONT = "---\ntitle: Harbour\ntags: [port, works]\n---\n"
LONG_PARA = f"{PARA} {OTHER}"  # 49 words: pasted again in a Markdown file, it goes
MARKDOWN_BODY = (
    f"{LONG_PARA}\n\n```\ncode  stays\n\n\nas written\n```\n\n- a list item\n- another\n\n"
    f"{OTHER}\n\n"
)


def test_markdown_files_keep_front_matter_code_and_lists(tmp_path: Path) -> None:
    """Only the pasted long paragraph goes; every other byte is the file's own."""
    page = write(tmp_path / "a.md", FRONT + "\n" + MARKDOWN_BODY + f"{LONG_PARA}\n")
    result = run(page)
    assert result.exit_code == 0
    assert result.stdout == FRONT + "\n" + MARKDOWN_BODY.removesuffix("\n")
    as_text = run("--format", "text", page)
    assert as_text.stdout.startswith("\\--- title")  # read as prose: no front matter
    assert "\\`\\`\\`" in as_text.stdout  # nor code


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: 'Harbour'\n\nlist:\n  - a\n  -   b\n---\n",
        '+++\ntitle = "Harbour"\n+++\n',
        "---\ntitle: x\n...\n",
        "---\ntitle: x   \n---\n",
    ],
)
def test_front_matter_is_kept_byte_for_byte(tmp_path: Path, front: str) -> None:
    page = write(tmp_path / "a.md", f"{front}\n{PARA}\n\n{PARA}\n")
    assert run("-i", page).exit_code == 1
    assert page.read_text() == f"{front}\n{PARA}\n"


@pytest.mark.parametrize(
    "body",
    [
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n[ref]: http://example.org/x\n\n<div>html</div>\n",
        "    indented code\n\n1. first\n2. second\n\n> a quote already tagged\n",
        "Text with `inline code`, a [link](http://example.org/a_b), *emphasis* and an "
        "![image](img.png).\n",
        "A paragraph of a content repo, hard-wrapped\nby its author at some width.\n",
    ],
)
def test_markdown_as_written_is_left_alone(tmp_path: Path, body: str) -> None:
    page = write(tmp_path / "a.md", f"## Title\n\n{OTHER}\n\n{body}")
    result = run("--check", page)
    assert (result.exit_code, result.stderr.startswith("would fix")) == (0, False), run(
        "--diff", page
    ).stdout


def test_no_tags_and_no_mojibake_repair(tmp_path: Path) -> None:
    seed = SAMPLES / "seed.txt"
    assert "## " in run(seed).stdout
    assert "## " not in run("--no-tags", seed).stdout
    broken = write(tmp_path / "m.txt", "Le caf\u00c3\u00a9 est ferm\u00c3\u00a9 depuis lundi.\n")
    assert "café" in run(broken).stdout
    assert "cafÃ©" in run("--no-mojibake-repair", broken).stdout


def test_jobs_gives_the_same_bytes(tmp_path: Path) -> None:
    paths = [write(tmp_path / f"{n}.txt", DIRTY if n % 2 else OTHER) for n in range(6)]
    assert run("-j", "2", *paths).stdout == run("-j", "1", *paths).stdout


def test_version_and_help() -> None:
    assert run("--version").stdout.strip().endswith(articlefix.__version__)
    text = run("--help").stdout
    for needle in ("Exit status:", "--in-place", "--check", "--diff", "--report", "--jobs"):
        assert needle in text


def test_ctrl_c_exits_130_and_leaves_no_half_written_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import articlefix.pipeline

    real = articlefix.pipeline.clean
    calls: list[int] = []

    def interrupted(
        data: str | bytes, options: articlefix.Options | None = None, **site: object
    ) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(data, options)

    monkeypatch.setattr(articlefix.pipeline, "clean", interrupted)
    paths = [write(tmp_path / "in" / f"{n}.txt", DIRTY) for n in range(3)]
    out, report = tmp_path / "out", tmp_path / "r.jsonl"
    result = run("-j", "1", "-o", out, "--report", report, *paths)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert [p.name for p in out.iterdir()] == ["0.md"]  # complete, the rest never started
    assert (out / "0.md").read_text() == CLEAN
    # the report holds the inputs finished before the interruption, as valid JSON Lines
    assert [json.loads(line)["path"] for line in report.read_text().splitlines()] == [str(paths[0])]


# --- progress and colour --------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "bar", "colour"),
    [({}, True, True), ({"NO_COLOR": "1"}, True, False), ({"PRE_COMMIT": "1"}, False, False)],
)
def test_progress_only_on_a_terminal_outside_pre_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], bar: bool, colour: bool
) -> None:
    for name in ("NO_COLOR", "PRE_COMMIT", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    paths = [str(write(tmp_path / f"{n}.txt", DIRTY)) for n in range(2)]

    status = batch.run(collect(paths, ("*.txt",), None, 1 << 20), batch.Batch(mode="check"))

    assert status == 1
    assert ("cleaning" in terminal.getvalue()) is bar
    assert bool(re.search(r"\x1b\[(?:3\d|9\d|38;)", terminal.getvalue())) is colour
    assert f"would fix {paths[1]}" in terminal.getvalue()
    assert "2 files, 2 changed" in terminal.getvalue()


def test_quiet_hides_the_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    paths = [str(write(tmp_path / "a.txt", DIRTY))]
    batch.run(collect(paths, ("*.txt",), None, 1 << 20), batch.Batch(mode="check", quiet=True))
    assert terminal.getvalue() == ""


def test_the_bar_leaves_standard_output_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rich redirects stdout while a bar is live unless told not to: the diff must not move."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    terminal, stdout = FakeTerminal(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", stdout)
    paths = [str(write(tmp_path / "a.txt", DIRTY))]
    batch.run(collect(paths, ("*.txt",), None, 1 << 20), batch.Batch(mode="diff"))
    assert stdout.getvalue().startswith(f"--- a/{paths[0]}")
    assert "+++" not in terminal.getvalue()


def _loaded(code: str, cwd: Path) -> set[str]:
    """Modules a fresh interpreter holds after ``code``, which prints them."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    return set(out.stdout.split())


def test_start_up_loads_only_what_the_run_needs(tmp_path: Path) -> None:
    """--version loads none of articlefix's stages; a one-file run no pathlib, rich or chardet.

    Each is measured against what the interpreter and click load by themselves, which may
    differ from one installation to another.
    """
    show = "import sys; print(' '.join(sys.modules))"
    run_cli = (
        "from articlefix.cli import cli\ntry:\n    cli.main({args!r})\nexcept SystemExit:\n    "
    )
    baseline = _loaded(f"import click; {show}", tmp_path)
    write(tmp_path / "a.txt", DIRTY)
    version = _loaded(run_cli.format(args=["--version"]) + show, tmp_path) - baseline
    one_file = _loaded(run_cli.format(args=["a.txt"]) + show, tmp_path) - baseline
    assert "articlefix.cli" in version
    assert not {m for m in version if m.startswith("articlefix.") and m != "articlefix.cli"} - {
        "articlefix._version",
        "articlefix.errors",
        "articlefix.formats",  # --format's choices and --include's default (typing, os.path)
    }
    assert "articlefix.pipeline" in one_file
    assert not {"pathlib", "fnmatch", "signal", "rich", "chardet", "ftfy", "tomllib"} & one_file
    # what only other inputs or flags need: a guess at a legacy encoding and its codec,
    # records, the --explain and -v lines
    rare = {"articlefix.sniff", "encodings.cp1252", "articlefix.records", "articlefix.explain"}
    rare |= {"articlefix.atomic", "articlefix.dask", "articlefix.traced"}  # -o, Dask, --review
    assert not rare & one_file


def test_the_command_freezes_what_start_up_loaded(tmp_path: Path) -> None:
    """The console script leaves its start-up objects out of the cyclic collector's passes,
    and what the run loaded out of the interpreter's collections at exit."""
    write(tmp_path / "a.txt", DIRTY)
    code = (
        "import atexit, gc, sys\n"
        "import articlefix.stdio as stdio\n"
        "guard = stdio.guard_closed\n"
        "stdio.guard_closed = lambda: (print(gc.get_freeze_count(), file=sys.stderr), guard())\n"
        "atexit.register(lambda: print(gc.get_freeze_count(), file=sys.stderr))\n"
        "sys.argv = ['articlefix', 'a.txt']\n"
        "from articlefix.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # the article was cleaned
    at_start, at_exit = map(int, done.stderr.split()[-2:])
    assert at_start > 0  # none without the freeze
    assert at_exit > at_start + 1000  # the stages' modules, frozen when the run is over


@pytest.mark.parametrize(
    ("shell", "words", "expected"),
    [
        ("bash", "articlefix --stdin", "plain,--stdin-filename"),
        ("zsh", "articlefix --verb", "--verbose"),
    ],
)
def test_shell_completion_as_the_readme_shows_it(shell: str, words: str, expected: str) -> None:
    env = {
        **os.environ, "COMP_WORDS": words, "COMP_CWORD": "1",
        "_ARTICLEFIX_COMPLETE": f"{shell}_complete",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "articlefix"], env=env, capture_output=True, text=True, check=True
    )
    assert expected in done.stdout
    source = {**os.environ, "_ARTICLEFIX_COMPLETE": f"{shell}_source"}
    script = subprocess.run([sys.executable, "-m", "articlefix"], env=source, capture_output=True)
    assert b"_articlefix_completion" in script.stdout
