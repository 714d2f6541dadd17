"""Reading ``tests/cases/*.txt``: small cases a reader can follow without reading code.

A case file holds cases one after another, each a title, optional settings, an input and the
expected output, marked by lines that start with ``%%`` (a line no article text starts with)::

    %% case: a paragraph pasted twice keeps its first copy
    Any lines here, before the input, say why (they are not part of the case).
    %% flags: --no-tags
    %% xfail: the reason it fails today (the case must then fail: strict)
    %% input
    The text given to articlefix, byte for byte (a trailing space counts).
    %% output
    The Markdown articlefix must write.

``flags`` are the command's own (``--no-tags``, ``--format markdown``,
``--no-mojibake-repair``); the runner gives the same settings to :func:`articlefix.clean`.
Input and output end with the newline of their last line; blank lines after an output only
separate it from the next case (articlefix ends its output with one newline), and ``%% output``
with nothing after it is an empty output.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from articlefix import Options

CASES = Path(__file__).resolve().parent / "cases"
_DIRECTIVE = re.compile(r"%% (case|flags|xfail|input|output)(?:: (.*))?\n")
#: Each flag a case may give, as the option it sets for ``clean()``.
_FLAGS = {
    "--no-tags": {"tag": False},
    "--no-mojibake-repair": {"repair_mojibake": False},
    "--format markdown": {"input_format": "markdown"},
    "--format text": {"input_format": "text"},
}


class Case(NamedTuple):
    """One case: where it is, what it is called, how to run it and what must come out."""

    file: str
    line: int
    title: str
    flags: tuple[str, ...]
    xfail: str | None
    input: str
    output: str

    @property
    def options(self) -> Options:
        settings: dict[str, object] = {}
        for flag in self.flags:
            settings |= _FLAGS[flag]
        return Options(**settings)  # type: ignore[arg-type]  # checked: _FLAGS

    @property
    def argv(self) -> list[str]:
        return [word for flag in self.flags for word in flag.split()]

    @property
    def id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")
        return f"{self.file}:{slug}"


def read_cases(path: Path) -> list[Case]:
    """The cases of one file, in order; a malformed file raises ``ValueError`` naming its line."""
    cases: list[Case] = []
    fields: dict[str, str] = {}
    section: str | None = None
    start = 0
    text = {"input": "", "output": ""}

    def finish() -> None:
        if not fields:
            return
        if section != "output":
            raise ValueError(f"{path.name}:{start}: a case needs %% input, then %% output")
        flags = tuple(f.strip() for f in fields.get("flags", "").split(",") if f.strip())
        unknown = [f for f in flags if f not in _FLAGS]
        if unknown:
            raise ValueError(f"{path.name}:{start}: unknown flags {unknown}")
        output = text["output"].rstrip("\n")  # blank lines after it separate the cases
        cases.append(Case(path.stem, start, fields["case"], flags, fields.get("xfail"),
                          text["input"], output + "\n" if output else ""))  # fmt: skip

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(True), 1):
        directive = _DIRECTIVE.fullmatch(line if line.endswith("\n") else line + "\n")
        if directive is None:
            if section in ("input", "output"):
                text[section] += line
            elif not fields:
                raise ValueError(f"{path.name}:{number}: text before the first %% case")
            continue
        name, value = directive.groups()
        if name == "case":
            finish()
            fields, section, start = {"case": value or ""}, None, number
            text = {"input": "", "output": ""}
        elif name in ("input", "output"):
            if section == name or (name == "output" and section != "input"):
                raise ValueError(f"{path.name}:{number}: %% {name} out of order")
            section = name
        elif section is not None:
            raise ValueError(f"{path.name}:{number}: %% {name} after the input")
        else:
            fields[name] = value or ""
    finish()
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES.glob("*.txt")) for case in read_cases(path)]
