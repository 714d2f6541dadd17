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
YAML_FRONT = "---\ntitle:   'Roof works'\n\ndate: 2024-05-01\ntags: [museum,  city]\n---\n"
TOML_FRONT = '+++\ntitle = "Roof works"\ndraft   = false\n+++\n'


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


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_fixes_files_then_passes(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing for pre-commit to clone")
    hook_repo, content = tmp_path / "hook", tmp_path / "content"
    hook_repo.mkdir()
    content.mkdir()
    sha = snapshot(hook_repo)
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {sha}\n    hooks:\n      - id: articlefix\n"
    )
    files = {
        "articles/seed.md": (SAMPLES / "seed.txt").read_bytes(),
        "articles/clean.md": (SAMPLES / "seed.expected.md").read_bytes(),
        "articles/yaml.md": (YAML_FRONT + f"\n{PARA}\n\n{PARA}\n").encode(),
        "articles/toml.md": (TOML_FRONT + f"\n{PARA}\n\n{PARA}\n").encode(),
        "notes.txt": f"{PARA}\n{PARA}\n".encode(),
        "other.rst": f"{PARA}\n{PARA}\n".encode(),  # not markdown or plain text: not the hook's
    }
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
    os.utime(content / "articles/clean.md", ns=(1_000_000_000, 1_000_000_000))
    git(content, "init", "-q")
    git(content, "add", "-A")

    first = pre_commit(content, tmp_path / "cache")

    assert first.returncode == 1, first.stdout + first.stderr
    assert "Fixing articles/seed.md" in first.stdout
    assert "Fixing articles/clean.md" not in first.stdout
    assert (content / "articles/seed.md").read_bytes() == (
        SAMPLES / "seed.expected.md"
    ).read_bytes()
    clean = content / "articles/clean.md"
    assert clean.read_bytes() == files["articles/clean.md"]
    assert clean.stat().st_mtime_ns == 1_000_000_000
    assert (content / "articles/yaml.md").read_text() == YAML_FRONT + f"\n{PARA}\n"
    assert (content / "articles/toml.md").read_text() == TOML_FRONT + f"\n{PARA}\n"
    assert (content / "notes.txt").read_text() == f"{PARA}\n"
    assert (content / "other.rst").read_bytes() == files["other.rst"]

    git(content, "add", "-A")
    second = pre_commit(content, tmp_path / "cache")
    assert second.returncode == 0, second.stdout + second.stderr
    assert clean.stat().st_mtime_ns == 1_000_000_000


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
