"""``[tool.articlefix]``: found like black finds its config, overridden by --config and flags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from articlefix.batch import default_jobs
from articlefix.cli import cli
from articlefix.config import ConfigError, find_pyproject, load

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed.txt"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def project(root: Path, table: str, *, git: bool = False) -> Path:
    """A folder with a pyproject.toml and the seed article in ``articles/``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n{table}\n")
    if git:
        (root / ".git").mkdir()
    article = root / "articles" / "seed.txt"
    article.parent.mkdir(exist_ok=True)
    article.write_bytes(SEED.read_bytes())
    return article


def test_the_nearest_pyproject_supplies_defaults(tmp_path: Path) -> None:
    article = project(tmp_path, "[tool.articlefix]\ntags = false\n")
    assert "## " in run(SEED).stdout
    assert "## " not in run(article).stdout


def test_flags_win_over_the_file(tmp_path: Path) -> None:
    article = project(tmp_path, "[tool.articlefix]\ntags = false\n")
    assert "## " in run("--tags", article).stdout


def test_config_option_overrides_the_pyproject(tmp_path: Path) -> None:
    article = project(tmp_path, "[tool.articlefix]\ntags = false\n")
    other = tmp_path / "other.toml"
    other.write_text("tags = true\nmax-bytes = 10\n")
    result = run("--config", other, article)
    assert result.exit_code == 3 and "larger than --max-bytes" in result.stderr


def test_keys_take_dashes_or_underscores_and_lists(tmp_path: Path) -> None:
    article = project(tmp_path, "[tool.articlefix]\ninclude = ['*.text']\nmax_bytes = 1000000\n")
    (article.parent / "b.text").write_bytes(SEED.read_bytes())
    result = run("-o", tmp_path / "out", article.parent)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["b.md"]


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.articlefix]\ntags = false\n")
    article = project(tmp_path / "repo", "", git=True)
    assert "## " in run(article).stdout
    assert find_pyproject([str(article)]) == str(tmp_path / "repo" / "pyproject.toml")


def test_a_pyproject_without_the_table_ends_the_search(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.articlefix]\ntags = false\n")
    article = project(tmp_path / "sub", "[tool.black]\nline-length = 80\n")
    assert "## " in run(article).stdout


def test_another_tools_broken_pyproject_is_not_our_error(tmp_path: Path) -> None:
    """A file that never mentions articlefix is not parsed: its TOML errors are its own."""
    article = project(tmp_path, "[tool.black\nline-length = 80\n")
    result = run(article)
    assert result.exit_code == 0
    assert "## " in result.stdout


def test_the_common_base_of_several_inputs_is_searched(tmp_path: Path) -> None:
    article = project(tmp_path, "[tool.articlefix]\ntags = false\n")
    second = article.parent / "deeper" / "b.txt"
    second.parent.mkdir()
    second.write_bytes(SEED.read_bytes())
    assert find_pyproject([str(article), str(second)]) == str(tmp_path / "pyproject.toml")
    assert find_pyproject([], cwd=str(second.parent)) == str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[tool.articlefix]\ntagz = false\n", "unknown key tagz"),
        ("[tool.articlefix]\nin-place = true\n", "unknown key in-place"),
        ("[tool.articlefix]\njobs = 'many'\n", "jobs"),
        ("[tool.articlefix]\nformat = 'html'\n", "format"),
        ("[tool.articlefix\n", "pyproject.toml"),
        ("[tool]\narticlefix = 3\n", "must be a table"),
        ("[tool.articlefix]\ninclude = [1, 2]\n", "include must be a non-empty list"),
        ("[tool.articlefix]\ninclude = []\n", "include must be a non-empty list"),
        ("[tool.articlefix]\ntags = [1]\n", "tags must be true or false"),
        ("[tool.articlefix]\nquiet = 'no'\n", "quiet must be true or false"),
        ("[tool.articlefix]\nmax-bytes = [1]\n", "max-bytes must be a whole number"),
        ("[tool.articlefix]\njobs = true\n", "jobs must be a whole number"),
        ("# articlefix\na = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ],
)
def test_a_bad_config_is_a_clear_usage_error(tmp_path: Path, table: str, message: str) -> None:
    article = project(tmp_path, table)
    result = run(article)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_load_names_the_known_keys(tmp_path: Path) -> None:
    path = tmp_path / "articlefix.toml"
    path.write_text("quite = true\n")
    with pytest.raises(ConfigError, match=r"toml: unknown key quite.*known keys:.*quiet"):
        load(path, explicit=True)
    assert load(path, explicit=False) == {}  # a pyproject.toml without the table


def test_jobs_from_a_config_file_are_capped_at_the_cpu_count(tmp_path: Path) -> None:
    """A repository you clone must not start a process per file with ``jobs = 1000000``."""
    path = tmp_path / "articlefix.toml"
    path.write_text("jobs = 1000000\n")
    assert load(path, explicit=True) == {"jobs": default_jobs()}
    path.write_text("jobs = 1\n")
    assert load(path, explicit=True) == {"jobs": 1}


def test_a_tool_key_that_is_not_a_table_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5  # articlefix\n")
    result = run(SEED, "--config", tmp_path / "pyproject.toml")
    assert result.exit_code == 2
    assert "[tool] must be a table" in result.stderr


def test_a_config_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "articlefix.toml"
    os.mkfifo(fifo)  # open() would wait for a writer forever
    result = run("--config", fifo, SEED)
    assert result.exit_code == 2
    assert f"{fifo}: not a regular file" in result.stderr
