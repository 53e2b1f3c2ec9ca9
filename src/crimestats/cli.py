"""The ``crimestats`` command line."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .figure import CATEGORIES, UNITS
from .render import FORMATS, make_writer, strip_controls

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _report(kind: str, name: str, reason: str) -> None:
    click.echo(f"crimestats: {kind}: {strip_controls(name)}: {strip_controls(reason)}", err=True)


def error(name: str, reason: str) -> None:
    _report("error", name, reason)


def warning(name: str, reason: str) -> None:
    _report("warning", name, reason)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def pipe_safe(command):
    """Run ``command`` (which returns an exit code) so that a closed stdout pipe ends quietly.

    ``crimestats extract big/ | head``: when ``head`` goes away, further writes raise
    ``BrokenPipeError``; stdout is pointed at /dev/null so the interpreter's final flush
    cannot raise again, and the command exits with status 1 (its output was cut short, as
    click and rich also report it) without a traceback.
    """

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            code = command(*args, **kwargs)
            sys.stdout.flush()
        except BrokenPipeError:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            sys.exit(1)
        if code:
            sys.exit(code)

    return wrapper


def _check_encoding(ctx, param, value):
    if value is None:
        return None
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def output_options(command):
    """The options that say what is written and where, shared by the commands that write records."""
    for option in reversed([
        click.option("-f", "--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="auto",
                     show_default=True,
                     help="Output format. auto: table when stdout is a terminal, json otherwise."),
        click.option("-c", "--category", "categories", multiple=True,
                     type=click.Choice(CATEGORIES, case_sensitive=False), metavar="NAME",
                     help=f"Keep only figures of this category (repeatable): {', '.join(CATEGORIES)}."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
                     help="Write to FILE instead of stdout (via a temporary file renamed when complete)."),
        click.option("--skipped", is_flag=True,
                     help='Also list the numbers not taken as figures, with the reason: records with '
                          '"skipped": true in json/jsonl, "skipped" and "reason" columns in csv, '
                          'a second dim table in the table.'),
    ]):
        command = option(command)
    return command


def filter_options(command):
    """The options that choose figures besides -c: each narrows the figures (AND); the values
    of one option widen them (OR)."""
    for option in reversed([
        click.option("--year", "years", multiple=True, type=click.IntRange(1000, 9999), metavar="YEAR",
                     help="Keep only figures of this year (repeatable)."),
        click.option("--place", "places", multiple=True, metavar="NAME",
                     help="Keep only figures about this place (repeatable): a province, city or district, "
                          "typed with or without diacritics, e.g. 'Thai Nguyen', 'TP.HCM', 'Dong Hy'."),
        click.option("--unit", "units", multiple=True, type=click.Choice(UNITS, case_sensitive=False),
                     metavar="CODE", help=f"Keep only figures of this unit (repeatable): {', '.join(UNITS)}."),
        click.option("--metric", "metrics", multiple=True, metavar="TEXT",
                     help="Keep only figures whose metric contains TEXT, whatever the case and diacritics "
                          "(repeatable), e.g. --metric 'ma tuy'."),
        click.option("--no-repeats", "no_repeats", is_flag=True,
                     help="Drop the figures that restate an earlier figure of their file (repeat_of set)."),
    ]):
        command = option(command)
    return command


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="crimestats",
                      message="%(prog)s %(version)s")
def cli():
    """Extract the statistical figures of Vietnamese public-security reports.

    \b
    Examples:
      crimestats extract report.txt
      crimestats extract reports/ --format jsonl > figures.jsonl
      crimestats summary reports/
      crimestats extract reports/ -f html -o report.html
      crimestats schema
    """


FILE, STDIN, NOTE = "file", "stdin", "note"


def input_items(inputs: tuple[str, ...], pattern: str) -> Iterator[tuple[str, str, object]]:
    """The inputs in order as ``(kind, name, value)``: ``(FILE, name, None)`` (the file is
    ``Path(name)``), ``(STDIN, "-", None)``, or ``(NOTE, name, reason)`` for a directory where no
    file matches (a warning, in its place).

    Directories are searched recursively for ``pattern``, in sorted order. A path that does
    not exist is yielded as it is, so reading it reports the error in order with the rest.
    Only names are kept, no ``Path`` objects: ten thousand files cost a megabyte, not six.
    """
    for name in inputs:
        if name == "-":
            yield STDIN, name, None
            continue
        path = Path(name)
        if path.is_dir():
            found = [str(p) for p in path.rglob(pattern) if p.is_file()]
            # The order of sorted Paths (part by part): a NUL sorts below every character of a name.
            found.sort(key=lambda s: os.path.normcase(s).replace(os.sep, "\0"))
            if not found:
                yield NOTE, name, f"no files match {pattern!r}"
            for p in found:
                yield FILE, p, None
        else:
            yield FILE, name, None


@contextmanager
def open_output(output: Path | None):
    """stdout, or a temporary file beside ``output`` renamed onto it when all went well."""
    if output is None:
        yield sys.stdout
        return
    directory = output.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _read(name: str, path: Path | None, encoding: str | None) -> str:
    from .decode import decode_bytes, read_file

    if path is None:
        text, warn = decode_bytes(sys.stdin.buffer.read(), encoding)
    else:
        text, warn = read_file(path, encoding)
    if warn:
        warning(name, warn)
    return text


PROGRESS_MIN_FILES = 20


def _show_progress(forced: bool | None, files: int, output: Path | None) -> bool:
    """A progress bar when asked, or when there are many files, stderr is a terminal and the
    records are not being printed on the terminal themselves."""
    if forced is not None:
        return forced
    return files >= PROGRESS_MIN_FILES and sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())


@contextmanager
def progress_bar(total: int, enabled: bool, forced: bool = False):
    """A rich progress bar on stderr; yields a function to call once per finished input."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True, force_terminal=True if forced else None)
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=console, transient=True, redirect_stdout=False,
                  redirect_stderr=True) as progress:
        task = progress.add_task("extract", total=total)
        yield lambda: progress.advance(task)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--glob", "pattern", default="*.txt", show_default=True,
              help="File name pattern for the files searched in directories (recursively).")
@click.option("--encoding", callback=_check_encoding, metavar="NAME",
              help="Read inputs in this encoding instead of detecting it (utf-8, utf-16, cp1258, ...).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Extract N files at a time in worker processes; the output is the same as with one. "
                   "[default: the number of cores when there are several files, else 1]")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr. [default: with 20 or more files when stderr is a "
                   "terminal and the records are not printed on it]")
@output_options
@filter_options
@pipe_safe
def extract(inputs, pattern, encoding, jobs, progress, fmt, categories, output, skipped,
            years, places, units, metrics, no_repeats):
    """Find every statistical figure in each INPUT.

    INPUT is a file, a directory (searched recursively for --glob) or - for stdin.
    Encodings are detected: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258.
    Several files are read in parallel (--jobs); records, errors and warnings still come in
    input order.

    Exit status: 0 when every input was read (finding no figures is fine), 1 when an input
    could not be read (the others are still processed) or stdout was closed early, 2 for a
    usage error.

    \b
    Examples:
      crimestats extract report.txt
      crimestats extract reports/ -c arrests -c cases
      crimestats extract reports/ | jq '.[] | select(.category=="arrests")'
      crimestats extract reports/ -f jsonl -j 4 > figures.jsonl
      cat report.txt | crimestats extract - --format csv -o figures.csv
      crimestats extract report.txt --skipped --format table
      crimestats extract reports/ --place 'Thai Nguyen' --year 2021 --metric 'ma tuy' --no-repeats
      crimestats extract data/ -f html -o report.html   # the texts, figures highlighted
    """
    from . import parallel
    from .filters import RecordFilter

    fmt = fmt.lower()
    if fmt == "auto":
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    keep = RecordFilter(frozenset(c.lower() for c in categories), frozenset(years), tuple(places),
                        frozenset(u.lower() for u in units), tuple(metrics), not no_repeats)
    # The HTML page shows each input's text: the files are read here, one at a time.
    with_text = fmt == "html"
    items = list(input_items(inputs, pattern))
    count = sum(1 for kind, _, _ in items if kind == FILE)
    files = (name for kind, name, _ in items if kind == FILE)
    if jobs is None:
        jobs = parallel.cpu_count() if count > 1 else 1
    jobs = 1 if with_text else min(jobs, count)
    failed = False
    with contextlib.ExitStack() as stack:
        if jobs > 1:
            from . import pipeline

            try:  # load the lexicon and the gazetteer once, before the workers fork
                pipeline.warm()
            except Exception:
                pass  # each file's extraction reports its own failure
            sys.stdout.flush()
            sys.stderr.flush()
            results = iter(stack.enter_context(
                parallel.OrderedPool(files, count, jobs, encoding, keep, skipped, fmt)))
        else:
            results = parallel.serial(files, encoding, keep, skipped, with_text=with_text)
        try:
            with open_output(output) as stream:
                writer = make_writer(fmt, stream, with_skipped=skipped)
                forced = progress is True
                with progress_bar(len(items), _show_progress(progress, count, output), forced) as done:
                    for kind, name, value in items:
                        if kind == NOTE:
                            warning(name, value)
                            done()
                            continue
                        if kind == STDIN:
                            result = parallel.process(name, None, encoding, keep, skipped, with_text=with_text)
                        else:
                            result = next(results)
                        done()
                        if result.warning:
                            warning(name, result.warning)
                        if result.error:
                            error(name, result.error)
                            failed = True
                            continue
                        try:
                            writer.add(name, result.figures, result.skipped, text=result.text)
                        except (OSError, KeyboardInterrupt):
                            raise
                        except Exception as exc:  # a large input extracted as it is written
                            error(name, f"extraction failed: {type(exc).__name__}: {exc}")
                            failed = True
                writer.close()
        except BrokenPipeError:
            raise
        except OSError as exc:
            error(str(output or "-"), _os_reason(exc))
            return 1
    return 1 if failed else 0


SUMMARY_FORMATS = ("auto", "table", "json", "csv")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--glob", "pattern", default="*.txt", show_default=True,
              help="File name pattern for the files searched in directories (recursively).")
@click.option("--encoding", callback=_check_encoding, metavar="NAME",
              help="Read inputs in this encoding instead of detecting it (utf-8, utf-16, cp1258, ...).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Extract N files at a time in worker processes. [default: the number of cores]")
@click.option("-f", "--format", "fmt", type=click.Choice(SUMMARY_FORMATS, case_sensitive=False), default="auto",
              show_default=True, help="Output format. auto: table when stdout is a terminal, json otherwise.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to FILE instead of stdout (via a temporary file renamed when complete).")
@pipe_safe
def summary(inputs, pattern, encoding, jobs, fmt, output):
    """Summarise each report, then its headline figures across reports.

    One row per report: its place and main year (those most of its figures have), its
    period, how many figures of each category it holds, and the headline figure of each
    category (the first that restates no earlier figure and is no part of a breakdown). Then
    one table of the headline values by place, year, category and unit.

    INPUT is a file, a directory (searched recursively for --glob) or - for stdin.
    json is one object {"reports": [...], "cross": [...]}; csv one row per report and category.

    \b
    Examples:
      crimestats summary data/
      crimestats summary reports/ -f json | jq '.cross[] | select(.category=="arrests")'
      crimestats summary reports/ -f csv -o summary.csv
    """
    from . import parallel
    from .summary import Summary, summarize, tables, to_csv, to_json

    fmt = fmt.lower()
    if fmt == "auto":
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    items = list(input_items(inputs, pattern))
    count = sum(1 for kind, _, _ in items if kind == FILE)
    files = (name for kind, name, _ in items if kind == FILE)
    jobs = min(jobs or parallel.cpu_count(), max(count, 1))
    failed = False
    reports: list[tuple[str, list[dict]]] = []
    with contextlib.ExitStack() as stack:
        if jobs > 1:
            from . import pipeline

            try:
                pipeline.warm()
            except Exception:
                pass
            sys.stdout.flush()
            sys.stderr.flush()
            results = iter(stack.enter_context(parallel.OrderedPool(files, count, jobs, encoding, frozenset(), False)))
        else:
            results = parallel.serial(files, encoding, frozenset(), False)
        for kind, name, value in items:
            if kind == NOTE:
                warning(name, value)
                continue
            result = parallel.process(name, None, encoding, frozenset(), False) if kind == STDIN else next(results)
            if result.warning:
                warning(name, result.warning)
            if result.error:
                error(name, result.error)
                failed = True
                continue
            figures = result.figures
            if hasattr(figures, "chunks"):
                figures = [f for chunk in figures.chunks for f in chunk]
            reports.append((name, figures))
    made: Summary = summarize(reports)
    try:
        with open_output(output) as stream:
            if fmt == "json":
                stream.write(to_json(made))
            elif fmt == "csv":
                stream.write(to_csv(made))
            else:
                from rich.console import Console

                console = Console(file=stream, highlight=False)
                for table in tables(made):
                    console.print(table)
    except BrokenPipeError:
        raise
    except OSError as exc:
        error(str(output or "-"), _os_reason(exc))
        return 1
    return 1 if failed else 0


@cli.command(context_settings=CONTEXT_SETTINGS)
@pipe_safe
def schema():
    """Print the JSON Schema (draft 2020-12) of one figure record.

    \b
    Example:
      crimestats schema > figure.schema.json
    """
    from .figure import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def _read_gold(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"line {number}: not JSON: {exc.msg}") from None
    for number, row in enumerate(rows, 1):
        missing = {"doc", "start", "end", "text", "value"} - row.keys()
        if missing:
            raise ValueError(f"record {number}: missing {', '.join(sorted(missing))}")
    return rows


@cli.command("eval", context_settings=CONTEXT_SETTINGS)
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--docs", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory holding the documents the gold names (its 'doc' field).")
@click.option("--encoding", callback=_check_encoding, metavar="NAME",
              help="Read the documents in this encoding instead of detecting it.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the scores as one JSON object (with --verbose: also misses, extras, wrong).")
@click.option("-v", "--verbose", is_flag=True,
              help="List every missed gold figure, extra figure and wrong field with its text.")
@pipe_safe
def eval_(gold, docs, encoding, as_json, verbose):
    """Score the extractor against gold annotations (GOLD.jsonl, one figure per line).

    Runs the extractor on every document the gold names and reports precision, recall, F1,
    fully-right F1 and per-field accuracy, matched as SPEC §8 says (spans overlap, values equal).

    \b
    Examples:
      crimestats eval gold/dev.jsonl --docs corpus/dev
      crimestats eval gold/dev.jsonl --docs corpus/dev --json --verbose | jq .misses
    """
    from .decode import DecodeError
    from .evaluate import evaluate
    from .extractor import extract as run_extract

    try:
        gold_rows = _read_gold(gold)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        error(str(gold), _os_reason(exc) if isinstance(exc, OSError) else str(exc))
        return 1
    failed = False
    predictions = []
    for doc in sorted({row["doc"] for row in gold_rows}):
        path = docs / doc
        try:
            text = _read(str(path), path, encoding)
            predictions.extend(f.to_dict() for f in run_extract(text, str(path)))
        except OSError as exc:
            error(str(path), _os_reason(exc))
            failed = True
        except DecodeError as exc:
            error(str(path), exc.reason)
            failed = True
        except Exception as exc:
            error(str(path), f"extraction failed: {type(exc).__name__}: {exc}")
            failed = True
    result = evaluate(gold_rows, predictions)
    if as_json:
        out = dict(result["scores"])
        if verbose:
            out.update(misses=result["misses"], extras=result["extras"], wrong=result["wrong"])
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        from rich.console import Console

        from .render import eval_tables

        console = Console(highlight=False)
        for table in eval_tables(result, verbose):
            console.print(table)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="crimestats")
