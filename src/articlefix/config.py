"""``[tool.articlefix]`` in ``pyproject.toml`` (or ``--config FILE``) as click's ``default_map``.

Found the way black finds ``[tool.black]``: from the common folder of the inputs upwards, the
first ``pyproject.toml`` wins, and the search stops at the repository root (``.git`` or
``.hg``). Flags on the command line still win, because click only uses ``default_map`` for
options the user did not give.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

#: Keys a config file may set: defaults for a whole repository. Per-run actions
#: (--in-place, --check, --diff, --output-dir, --report) belong on the command line.
KEYS = frozenset(
    {
        "format",
        "tags",
        "mojibake-repair",
        "include",
        "jobs",
        "max-bytes",
        "quiet",
        "verbose",
        "explain",
    }
)


class ConfigError(ValueError):
    """A config file articlefix cannot use; the message names the file and the cause."""


def find_pyproject(paths: Iterable[str], cwd: str | None = None) -> str | None:
    """The ``pyproject.toml`` that governs ``paths`` (the current folder for none or '-').

    ``os.path``, not ``pathlib``: this runs on every start, and pathlib's import (urllib,
    ipaddress) would cost a one-file run in a shell about 8 ms.
    """
    here = cwd or os.getcwd()
    real = [os.path.realpath(os.path.join(here, p)) for p in paths if p != "-"]
    base = os.path.commonpath(real or [os.path.realpath(here)])
    if not os.path.isdir(base):
        base = os.path.dirname(base)
    while True:
        candidate = os.path.join(base, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        if os.path.exists(os.path.join(base, ".git")) or os.path.isdir(os.path.join(base, ".hg")):
            return None
        base, parent = os.path.dirname(base), base
        if base == parent:  # the root
            return None


def load(path: str | os.PathLike[str], *, explicit: bool) -> dict[str, Any]:
    """Settings from ``path`` as click parameter names -> values.

    A ``pyproject.toml`` without ``[tool.articlefix]`` gives nothing; a file named with
    ``--config`` may also hold the keys at its top level.
    """
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if not explicit and b"articlefix" not in raw:
        return {}  # another tool's pyproject.toml: not even parsed (nor its errors ours)
    import tomllib  # only when there is something to read: a shell start-up saves its import

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    tool = data.get("tool", {}).get("articlefix")
    if tool is None:
        tool = data if explicit and "tool" not in data else {}
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool.articlefix] must be a table")
    unknown = sorted(set(tool) - KEYS - {key.replace("-", "_") for key in KEYS})
    if unknown:
        raise ConfigError(
            f"{path}: unknown key{'s' * (len(unknown) > 1)} {', '.join(unknown)} in "
            f"[tool.articlefix]; known keys: {', '.join(sorted(KEYS))}"
        )
    return {key.replace("-", "_"): value for key, value in tool.items()}
