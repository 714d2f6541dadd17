"""The team's size limits on the source (README, Development), read from the code itself: a
module, a class or a function past its limit holds more than one idea."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "articlefix"
MODULE_LINES = 300
CLASS_LINES = 80
FUNCTION_LINES = 50
MODULES = sorted(SOURCE.glob("*.py"))


def oversized(tree: ast.Module) -> list[str]:
    """Classes and functions (methods and nested ones included) longer than their limits."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            limit = CLASS_LINES if isinstance(node, ast.ClassDef) else FUNCTION_LINES
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                found.append(f"{node.name}: {length} lines (limit {limit})")
    return found


def test_the_source_is_found() -> None:
    assert len(MODULES) > 40, SOURCE


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_no_module_class_or_function_past_its_limit(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert text.count("\n") <= MODULE_LINES
    assert oversized(ast.parse(text)) == []


def test_the_limits_are_checked() -> None:
    long_function = "def f():\n" + "    x = 1\n" * FUNCTION_LINES
    small_class = "class C:\n" + "    x = 1\n" * (CLASS_LINES - 1)
    assert oversized(ast.parse(long_function)) == [f"f: {FUNCTION_LINES + 1} lines (limit 50)"]
    assert oversized(ast.parse(small_class)) == []
