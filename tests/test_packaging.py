"""What a new user meets first: the README's set-up commands, its pre-commit example, the
licence and the changelog, and nothing that points outside the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import articlefix

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks in ``language``, in order."""
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)]


def test_two_set_up_commands_the_first_in_a_virtual_environment() -> None:
    first, second = quick_start()  # exactly two
    assert first.startswith("python3 -m venv .venv && ")
    assert "pip install . " in first and first.endswith("articlefix samples/seed.txt")
    assert second == ".venv/bin/python -m pip install '.[test]' && .venv/bin/python -m pytest"
    assert "Python 3.11 or newer" in README


def test_ci_runs_the_two_commands_verbatim() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == quick_start()


def test_licence_is_the_mit_licence_pyproject_names() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert meta["requires-python"] == ">=3.11"


def test_the_changelog_names_this_version_and_the_tag_the_readme_pins() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {articlefix.__version__} " in changelog
    assert f"rev: v{articlefix.__version__}" in README.replace("`", "")
    assert "pre-commit autoupdate" in README and "pre-commit autoupdate" in changelog


@pytest.mark.parametrize("name", ["README.md", "benchmarks/README.md", "samples/README.md"])
def test_no_reference_to_files_outside_the_repository(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert "../" not in text and "DESIGN.md" not in text and "/tmp/" not in text
    assert "example.org" not in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_readme_pre_commit_example_works_as_written(tmp_path: Path) -> None:
    config = next(b for b in blocks("yaml") if "pre-commit-config" in b)
    repo = tmp_path / "content"
    repo.mkdir()
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    para = "The harbour authority said on Tuesday that the quay would open in the spring."
    (repo / "a.md").write_text(f"{para}\n\n{para}\n", encoding="utf-8")
    (repo / "requirements.txt").write_text("# plugins\nclick\n# plugins\n", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    for args in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr  # it fixed a file
    assert "Fixing a.md" in done.stdout
    assert (repo / "a.md").read_text(encoding="utf-8") == f"{para}\n"
    assert (repo / "requirements.txt").read_text(
        encoding="utf-8"
    ) == "# plugins\nclick\n# plugins\n"
