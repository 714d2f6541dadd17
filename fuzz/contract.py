"""The guarantees the fuzzer checks, kept free of atheris so the test suite replays
every regression input in ``fuzz/crashes/`` (tests/test_properties.py).

Checked on every input, the guarantees batch jobs rely on:

* the only exception is :class:`articlefix.ArticlefixError` (bad input gets a message, not a crash);
* the Markdown is a ``str`` that encodes as strict UTF-8 (no lone surrogates);
* it is empty or ends in exactly one newline (Markdown mode: the file keeps its own ending);
* cleaning the output again changes nothing (idempotence).
"""

from __future__ import annotations

from articlefix import ArticlefixError, Options, clean

# The first byte picks how the rest is fed, so one corpus exercises every entry path.
_OPTIONS = (
    Options(),
    Options(input_format="markdown"),
    Options(input_format="text", tag=False),
    Options(repair_mojibake=False),
)


def check(data: bytes) -> None:
    """Raise (a crash for libFuzzer) when a guarantee is broken."""
    if not data:
        return
    mode, body = data[0], data[1:]
    options = _OPTIONS[mode % len(_OPTIONS)]
    source: str | bytes = body
    if mode & 0x80:  # the str entry point, for callers that already decoded
        source = body.decode("utf-8", "replace")
    try:
        out = clean(source, options).markdown
    except ArticlefixError:
        return
    assert isinstance(out, str), type(out)
    out.encode("utf-8")  # raises on lone surrogates
    if options.input_format != "markdown":
        assert out == "" or (out.endswith("\n") and not out.endswith("\n\n")), "final newline"
    again = clean(out, options).markdown
    assert again == out, f"not idempotent: {change(out, again)}"


def change(first: str, second: str) -> str:
    """The Markdown role of the first line a second run changed, before and after.

    It goes into the failure's message, and so into its signature: a long run then keeps one
    input per kind of idempotence bug ("heading -> text", "text -> quote") instead of one for
    them all.
    """
    a, b = first.split("\n"), second.split("\n")
    n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"{_role(a[n] if n < len(a) else None)} -> {_role(b[n] if n < len(b) else None)}"


def _role(line: str | None) -> str:
    if line is None:
        return "end"
    for prefix, role in (
        ("> —", "attribution"),
        (">", "quote"),
        ("#", "heading"),
        ("\\", "escape"),
    ):
        if line.startswith(prefix):
            return role
    return "text" if line.strip() else "blank"
