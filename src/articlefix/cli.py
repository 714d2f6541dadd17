"""The ``articlefix`` command: argv -> exit code. Parsing and messages only; the work lives in
files.py (paths), batch.py (workers, modes, report) and config.py (``[tool.articlefix]``).

Imports stay light at module level (click and articlefix's own small modules): the pipeline,
rich, chardet and dask load only when a run needs them, so ``--help`` and ``--version`` are
instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from articlefix._version import __version__
from articlefix.formats import DEFAULT_INCLUDE, FORMATS, MARKDOWN_SUFFIXES

if TYPE_CHECKING:
    from articlefix.batch import Mode
    from articlefix.options import Options
    from articlefix.usage import Flags

EPILOG = f"""\b
Examples:
  articlefix scraped.txt > clean.md       clean one article
  cat scraped.txt | articlefix - > clean.md
  articlefix -j 4 --report r.jsonl --output-dir out/ scraped/
  articlefix --in-place articles/*.md      fix files where they are (pre-commit)
  articlefix --check articles/             fail if a file would change

\b
Several inputs without --output-dir: their Markdown is written to standard
output in input order, a line '* * *' (a thematic break) between two
articles so that they never run together. Directories are walked for
--include files (default {", ".join(DEFAULT_INCLUDE)}),
hidden ones left out.
Defaults come from [tool.articlefix] in the nearest pyproject.toml.

\b
Exit status:
  0  done, nothing to report
  1  files changed (--in-place) or would change (--check, --diff)
  2  usage error (bad option, option combination or config file)
  3  some inputs could not be processed (the others were); wins over 1
  130  interrupted (Ctrl-C; 143 SIGTERM, 129 SIGHUP); no half-written file
  141  standard output's reader went away (| head); the run stopped
"""
_MIB = 1024 * 1024


def _read_config(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Eager: ``[tool.articlefix]`` as defaults before other options resolve (config.py, and
    ``tomllib`` when a file is found, load only then: not for ``--version``)."""
    from articlefix.config import read_defaults

    read_defaults(ctx, param, value)


class _Command(click.Command):
    """``--explain=json`` as the option's value, though ``--explain`` alone is a flag: click
    would read the next argument (a file name) as the value of an option with an optional
    value, so ``--explain=json`` is spelled out before parsing."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        named = {"--explain=json": "--explain-json", "--explain=text": "--explain"}
        args = [named.get(arg, arg) for arg in args[:end]] + args[end:]
        return super().parse_args(ctx, args)


@click.command(
    cls=_Command, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG
)
@click.argument(
    "paths", nargs=-1, is_eager=True, type=click.Path(allow_dash=True, readable=False)
)  # an unreadable file is that file's error (exit 3), not a usage error that stops the rest
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    is_eager=True,
    expose_value=False,
    callback=_read_config,
    help="Read defaults from this TOML file instead of the nearest pyproject.toml.",
)
@click.option(
    "-i",
    "--in-place",
    is_flag=True,
    help="Rewrite changed files where they are (UTF-8, line endings kept).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff per change.")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write DIR/<stem>.md per file, the same tree for a directory.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write a JSON Lines record per input as it finishes, in input order (schema: README); "
    "'-': to standard output, when the Markdown goes elsewhere.",
)
@click.option(
    "--skip-existing",
    is_flag=True,
    help="With --output-dir: leave inputs whose output exists (resume an interrupted run).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes  [default: the CPU count; 1 runs in-process]",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="File names to take from directories (repeatable)  "
    f"[default: {', '.join(DEFAULT_INCLUDE)}]",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    metavar="N",
    default=64 * _MIB,
    show_default=True,
    help="Skip (without reading) files bigger than this.",
)
@click.option(
    "--format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="How to read input: 'markdown' edits the file, removing only pasted paragraphs; "
    f"'auto' picks it for {', '.join(MARKDOWN_SUFFIXES)} files.",
)
@click.option(
    "--tags/--no-tags", default=True, show_default=True, help="Tag headings and pull quotes."
)
@click.option(
    "--mojibake-repair/--no-mojibake-repair",
    default=True,
    show_default=True,
    help="Undo mojibake (Ã© for é).",
)
@click.option(
    "--explain", is_flag=True,
    help="List removed and similar-kept blocks on stderr; --explain=json: JSON Lines.",
)  # fmt: skip
@click.option("--explain-json", is_flag=True, hidden=True)  # what --explain=json becomes
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on a Dask cluster (tcp://host:8786); needs articlefix[dask] and files "
    "every worker can read.",
)
@click.option(
    "--review", type=click.Path(dir_okay=False), metavar="FILE.html",
    help="Write one self-contained HTML page showing every removal, look-alike and tag.",
)  # fmt: skip
@click.option(
    "--stdin-filename", metavar="NAME",
    help="The file standard input ('-') stands for: its suffix picks the rules (.md: "
    "Markdown) and messages and diffs name it.",
)  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr: no progress, no summary.")
@click.option(
    "-v", "--verbose", is_flag=True,
    help="A line per input and the summary, also for one input (several print it).",
)  # fmt: skip
@click.option(
    "--jsonl",
    is_flag=True,
    help="Read JSON Lines records and write them, cleaned, in input order (chosen by the "
    "suffixes .jsonl and .ndjson too, compressed .gz/.bz2/.xz/.zst or not).",
)
@click.option(
    "--text-field", default="text", show_default=True, metavar="NAME",
    help="Records: the field that holds the text.",
)  # fmt: skip
@click.option(
    "--site-boilerplate",
    is_flag=True,
    help="Remove what a site repeats on many of its pages (navigation, bylines, links to its "
    "other pages); a site is a record's host (--site-field) or a file's folder. Reads the "
    "inputs twice.",
)
@click.option(
    "--site-field", metavar="NAME",
    help="Records: the field naming a record's site  [default: the host of its url]",
)  # fmt: skip
@click.option(
    "--output", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
    help="Records: write them to FILE (atomically; compressed by its suffix).",
)  # fmt: skip
@click.version_option(__version__, prog_name="articlefix")
@click.pass_context
def cli(ctx: click.Context, /, **given: object) -> None:
    """Clean scraped article text into Markdown: keep the first copy of every repeated
    paragraph or run of paragraphs, tag headings and pull quotes.

    PATHS are files or directories to clean ('-' or nothing: standard input). Markdown goes to
    standard output unless --output-dir, --in-place, --check or --diff says otherwise;
    diagnostics go to standard error.
    """
    from articlefix import usage
    from articlefix.options import Options

    flags = usage.Flags(**ctx.params)
    mode = usage.chosen_mode(flags)
    flags = flags._replace(paths=usage.inputs_named(flags.paths, mode))
    usage.check_flags(mode, flags)
    options = Options(input_format=flags.format, tag=flags.tags,
                      repair_mojibake=flags.mojibake_repair)  # fmt: skip
    if usage.records_mode(flags):
        from articlefix.recordcli import run_records_cli

        ctx.exit(run_records_cli(flags, options))
    ctx.exit(_run_files(flags, mode, options))


def _run_files(flags: Flags, mode: Mode, options: Options) -> int:
    """File mode's exit status: the inputs collected, then the batch run over them."""
    from articlefix import usage
    from articlefix.batch import COMPARING, Batch, default_jobs, run
    from articlefix.files import collect

    out_dir = None
    if flags.output_dir is not None:  # pathlib loads only then: see files.py
        from pathlib import Path

        out_dir = Path(flags.output_dir)
    batch = Batch(
        options=options, mode=mode, jobs=flags.jobs or default_jobs(), report=flags.report,
        quiet=flags.quiet, verbose=flags.verbose,
        explain=usage.explainer(explain=flags.explain, json=flags.explain_json),
        scheduler=flags.scheduler, max_bytes=flags.max_bytes, stdin_name=flags.stdin_filename,
        skip_existing=flags.skip_existing, review=flags.review, sites=flags.site_boilerplate,
    )  # fmt: skip
    usage.check_rewritable(flags.paths, mode)
    inputs = collect(flags.paths, flags.include or DEFAULT_INCLUDE, out_dir, flags.max_bytes,
                     rewrites=mode in COMPARING)  # fmt: skip
    usage.check_report(flags.report, inputs)
    return usage.exit_status_of(lambda: run(inputs, batch))


def main() -> None:
    """Console-script entry point; never shows a traceback for a user's mistake."""
    import gc

    from articlefix.stdio import guard_closed

    # What is loaded by now (Python's own start, click, this module) lives until the process
    # ends: frozen, the cyclic collector stops walking it again, in each full collection and in
    # those the interpreter makes at exit, 5-6 ms of a one-file run (benchmarks/README.md).
    gc.freeze()
    guard_closed()
    try:
        cli.main(prog_name="articlefix")
    finally:  # what the run loaded (its stages, their patterns and tables) lives as long: the
        gc.freeze()  # interpreter's collections at exit skip it too, 1.5 ms of a one-file run
