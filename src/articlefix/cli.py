"""The ``articlefix`` command: argv -> exit code. Parsing and messages only; work lives elsewhere.

Imports stay light at module level (click and articlefix's own small modules): the pipeline,
rich and chardet load only when a run needs them, so ``--help`` and ``--version`` are instant.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import get_args

import click

from articlefix._version import __version__
from articlefix.errors import ArticlefixError
from articlefix.options import InputFormat, Options

EXIT_OK, EXIT_CHANGED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}

EXAMPLES = """\b
Examples:
  articlefix scraped.txt > clean.md       clean one article
  cat scraped.txt | articlefix - > clean.md
  articlefix --explain scraped.txt > clean.md   also list what was removed, and why

\b
Exit status: 0 done; 2 usage error; 3 some inputs could not be processed.
"""


@click.command(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXAMPLES)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format", "input_format", type=click.Choice(get_args(InputFormat)), default="auto",
    show_default=True,
    help="How to read input: 'markdown' keeps lists, code and front matter as written; "
    "'auto' picks it for .md files and files with front matter.",
)
@click.option("--no-tags", is_flag=True, help="Write every kept block as a plain paragraph.")
@click.option("--no-mojibake-repair", is_flag=True, help="Leave mojibake (Ã© for é) as it is.")
@click.option("--explain", is_flag=True, help="List removed and similar-kept blocks on stderr.")
@click.version_option(__version__, prog_name="articlefix")
def cli(
    paths: tuple[Path, ...], input_format: InputFormat, no_tags: bool, no_mojibake_repair: bool,
    explain: bool,
) -> None:
    """Clean scraped article text into Markdown: keep the first copy of every repeated
    paragraph or run of paragraphs, tag headings and pull quotes.

    PATHS are files to clean ('-' or nothing: standard input). Markdown goes to standard
    output; diagnostics go to standard error.
    """
    if not paths:
        if sys.stdin.isatty():
            raise click.UsageError("no input: name a FILE, or pipe text in and use '-'")
        paths = (Path("-"),)
    options = Options(input_format=input_format, tag=not no_tags,
                      repair_mojibake=not no_mojibake_repair)
    failed = False
    for path in paths:
        failed |= not _one(path, options, explain=explain)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _one(path: Path, options: Options, *, explain: bool) -> bool:
    from articlefix.pipeline import clean

    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        if options.input_format == "auto" and path.suffix.lower() in _MARKDOWN_SUFFIXES:
            options = replace(options, input_format="markdown")
        result = clean(data, options)
    except (OSError, ArticlefixError) as exc:
        click.echo(f"articlefix: {name}: {_cause(exc)}", err=True)
        return False
    sys.stdout.buffer.write(result.markdown.encode("utf-8"))
    sys.stdout.flush()
    if explain:
        from articlefix.explain import explain_report

        explain_report(name, result.report)
    return True


def _cause(exc: Exception) -> str:
    """One line: the OS reason without Python's '[Errno 2]' decoration, or our own message."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def main() -> None:
    """Console-script entry point; never shows a traceback for a user's mistake."""
    try:
        cli.main(prog_name="articlefix")
    except KeyboardInterrupt:
        click.echo("articlefix: interrupted", err=True)
        sys.exit(130)
