"""articlefix as a pre-commit hook, for real, and idempotence through the command.

The hook test runs ``pre-commit run --all-files`` in a throwaway content repository whose
config points at a snapshot of this working tree (its tracked and untracked, not ignored
files, committed in a temporary repository): pre-commit clones a commit, and the snapshot
makes that commit hold exactly the code under test, committed or not. It needs git and
network access to PyPI (pre-commit installs the hook's dependencies), as CI has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from articlefix.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEV_CASES = ROOT.parent / "shared" / "eval-dev" / "cases"
PARA = (
    "The museum will stay closed until March while the roof is repaired, the city said, and "
    "the collection will travel to three other towns in the meantime."
)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


def snapshot(dest: Path) -> str:
    """This working tree as one commit in a new repository; its sha."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return git(dest, "rev-parse", "HEAD").strip()


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


# Hand-written Markdown of the kinds content repositories hold; the hook must leave every byte.
SHORTCODES = """---
title: "Harbour notes"
draft: false
---

{{< figure src="/img/quay.jpg" caption="The new quay" >}}

Is rendered to:

{{< highlight go >}}
fmt.Println("quay")
{{< /highlight >}}

Is rendered to:

{{< highlight go >}}
fmt.Println("ferry")
{{< /highlight >}}

{{% include "/_common/tide-table.md" %}}

### How you can help

Volunteers sort the ropes on Saturdays.

### How you can help

Donations keep the museum open.

{{% include "/_common/tide-table.md" %}}
"""
BREAKS = """# Mooring guide

The quay opens at six.
Boats over twelve metres use the outer wall.
The harbour master assigns berths,
and the list is posted at the gate.

Harbour office<HB>
12 Quay Road<HB>
Portsmouth

1. Book a berth
   - online
   - at the office

   Bring the boat's papers.
2. Pay the fee

Size | Fee
--- | ---
small | 10
large | 25

```diff
-old line<HB>
+new line
```
See the [tide table][tides].

[tides]: https://example.org/tides
""".replace("<HB>", "  ")  # hard line breaks and a patch line's trailing blanks
LICENSE = """MIT License

Copyright (c) 2026 The harbour team

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files, to deal in the Software
without restriction.
"""
HOOKS = """repos:
  - repo: {repo}
    rev: {sha}
    hooks:
      - id: articlefix
      - id: articlefix-text
        files: ^articles/.*[.]txt$
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_changes_only_the_scraped_files(tmp_path: Path) -> None:
    """A content repository: only the scraped article saved as .md and the opted-in .txt
    change; hand-written Markdown, LICENSE, requirements.txt and robots.txt keep every byte."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing for pre-commit to clone")
    hook_repo, content = tmp_path / "hook", tmp_path / "content"
    hook_repo.mkdir()
    content.mkdir()
    sha = snapshot(hook_repo)
    (content / ".pre-commit-config.yaml").write_text(HOOKS.format(repo=hook_repo, sha=sha))
    files = {
        "content/scraped.md": (SAMPLES / "seed.txt").read_bytes(),
        "content/clean.md": (SAMPLES / "seed.expected.md").read_bytes(),
        "content/shortcodes.md": SHORTCODES.encode(),
        "content/breaks.md": BREAKS.encode(),
        "content/crlf.markdown": BREAKS.replace("\n", "\r\n").encode(),
        "articles/pasted.txt": f"{PARA}\n{PARA}\n".encode(),
        "notes.txt": f"{PARA}\n{PARA}\n".encode(),  # not under articles/: not opted in
        "LICENSE": LICENSE.encode(),
        "requirements.txt": b"# plugins\nrapidfuzz>=3.0\n# plugins\nclick>=8.1\n",
        "robots.txt": b"User-agent: *\nDisallow: /drafts/\n\nUser-agent: *\nDisallow: /drafts/\n",
        "other.rst": f"{PARA}\n{PARA}\n".encode(),
    }
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
        os.utime(content / name, ns=(1_000_000_000, 1_000_000_000))
    git(content, "init", "-q")
    git(content, "add", "-A")

    first = pre_commit(content, tmp_path / "cache")

    assert first.returncode == 1, first.stdout + first.stderr
    changed = {name for name in files if (content / name).stat().st_mtime_ns != 1_000_000_000}
    assert changed == {"content/scraped.md", "articles/pasted.txt"}, first.stdout
    assert "Fixing content/scraped.md" in first.stdout
    assert (content / "content/scraped.md").read_bytes() == (
        SAMPLES / "seed.expected.md"
    ).read_bytes()
    assert (content / "articles/pasted.txt").read_text() == f"{PARA}\n"
    for name in files.keys() - changed:
        assert (content / name).read_bytes() == files[name], name

    git(content, "add", "-A")
    second = pre_commit(content, tmp_path / "cache")
    assert second.returncode == 0, second.stdout + second.stderr


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_fixed_points(inputs: list[Path], tmp_path: Path) -> None:
    """Clean ``inputs``, then feed every output back as ``.md`` and with no suffix: --check
    must find nothing to fix."""
    out = tmp_path / "out"
    first = run("-q", "-j", "2", "-o", out, *inputs)
    assert first.exit_code == 0, first.output
    outputs = sorted(out.glob("*.md"))
    assert len(outputs) == len(inputs)
    bare = tmp_path / "bare"
    bare.mkdir()
    for path in outputs:
        shutil.copyfile(path, bare / path.stem.replace(".", "_"))
    again = run("-j", "2", "--check", *outputs, *sorted(bare.iterdir()))
    assert "would fix" not in again.stderr, again.stderr
    assert again.exit_code == 0
    assert f"{2 * len(outputs)} files, 0 changed" in again.stderr


def test_every_sample_is_a_fixed_point_through_the_command(tmp_path: Path) -> None:
    assert_fixed_points(sorted(SAMPLES.glob("*.txt")), tmp_path)


def test_markdown_in_the_samples_is_left_alone() -> None:
    """The expected outputs, read as Markdown: nothing to fix."""
    result = run("--check", *sorted(SAMPLES.glob("*.expected.md")))
    assert result.exit_code == 0, result.stderr
    assert "would fix" not in result.stderr


@pytest.mark.skipif(not DEV_CASES.is_dir(), reason="../shared/eval-dev is not beside the checkout")
def test_every_dev_case_is_a_fixed_point_through_the_command(tmp_path: Path) -> None:
    cases = sorted(DEV_CASES.glob("*.txt"))
    assert len(cases) >= 100
    assert_fixed_points(cases, tmp_path)
