"""``[tool.articlefix]`` in ``pyproject.toml`` (or ``--config FILE``) as click's ``default_map``.

Found the way black finds ``[tool.black]``: from the common folder of the inputs upwards, the
first ``pyproject.toml`` wins, and the search stops at the repository root (``.git`` or
``.hg``). Flags on the command line still win, because click only uses ``default_map`` for
options the user did not give.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from typing import Any

import click

from articlefix.formats import FORMATS

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


#: What each key's value must be, and how to say it: TOML types, checked before click sees them
#: (click would pass a list to ``str.strip`` or count a string's letters as globs).
_CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "format": (lambda v: v in FORMATS, f"one of {', '.join(map(repr, FORMATS))}"),
    "include": (
        lambda v: isinstance(v, list) and bool(v) and all(isinstance(g, str) and g for g in v),
        "a non-empty list of glob strings",
    ),
    "jobs": (lambda v: type(v) is int and v >= 1, "a whole number of at least 1"),
    "max-bytes": (lambda v: type(v) is int and v >= 0, "a whole number of at least 0"),
    **dict.fromkeys(("tags", "mojibake-repair", "quiet", "explain"),
                    (lambda v: isinstance(v, bool), "true or false")),
}  # fmt: skip


class ConfigError(ValueError):
    """A config file articlefix cannot use; the message names the file and the cause."""


def read_defaults(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--config FILE`` or the nearest ``pyproject.toml`` above the inputs, merged into the
    command's ``default_map``; a bad file is a usage error naming it."""
    path = value or find_pyproject(ctx.params.get("paths") or ())
    if path is None:
        return
    try:
        settings = load(path, explicit=value is not None)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None
    ctx.default_map = {**(ctx.default_map or {}), **settings}


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
    raw = _read(path)
    if not explicit and b"articlefix" not in raw:
        return {}  # another tool's pyproject.toml: not even parsed (nor its errors ours)
    import tomllib  # only when there is something to read: a shell start-up saves its import

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except RecursionError:  # tomllib recurses per nesting level: ``a = [[[[…]]]]``
        raise ConfigError(f"{path}: nested too deeply to read") from None
    tools = data.get("tool", {})
    if not isinstance(tools, dict):
        raise ConfigError(f"{path}: [tool] must be a table")
    tool = tools.get("articlefix")
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
    settings = {}
    for key, value in tool.items():
        valid, what = _CHECKS[key.replace("_", "-")]
        if not valid(value):
            raise ConfigError(f"{path}: {key} must be {what}, not {value!r:.40}")
        settings[key.replace("-", "_")] = value
    if "jobs" in settings:  # a cloned repository must not start a process per file
        from articlefix.batch import default_jobs

        settings["jobs"] = min(settings["jobs"], default_jobs())
    return settings


def _read(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; a FIFO or device is refused without waiting for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ConfigError(f"{path}: not a regular file")
            return file.read()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
