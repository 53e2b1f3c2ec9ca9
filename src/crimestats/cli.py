"""The ``crimestats`` command line."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .figure import CATEGORIES, UNITS
from .formats import EXTENSIONS, FORMATS as INPUT_FORMATS
from .serialize import strip_controls
from .render import COLORS, FORMATS, make_console, make_writer

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Exit statuses.
OK, FAILED, USAGE, INTERRUPTED, TERMINATED = 0, 1, 2, 130, 143

EXIT_CODES_HELP = """\b
Exit status:
  0    every input was read (finding no figures is fine)
  1    an input could not be read (the others are still processed), the output could not be
       written, or stdout was closed early (`| head`)
  2    usage error
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)"""


def _report(kind: str, name: str, reason: str) -> None:
    from .inputs import display_name

    click.echo(f"crimestats: {kind}: {strip_controls(display_name(name))}: {strip_controls(reason)}", err=True)


def error(name: str, reason: str) -> None:
    _report("error", name, reason)


def warning(name: str, reason: str) -> None:
    _report("warning", name, reason)


def note(name: str, reason: str) -> None:
    _report("note", name, reason)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _output_failed(output: str | None, exc: OSError) -> int:
    """One error line for an output that cannot be written; the exit status."""
    from .output import OutputError

    reason = exc.reason if isinstance(exc, OutputError) else _os_reason(exc)
    error("-" if output is None else str(output), reason)
    return FAILED


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that what is open is cleaned up on the way out."""


def _terminate(signum, frame):
    raise Terminated


def guarded(command):
    """Run ``command`` (which returns an exit status) so that every way out is clean.

    A closed stdout (``crimestats extract big/ | head``) ends quietly with status 1: stdout is
    pointed at /dev/null so the interpreter's final flush cannot raise again. Ctrl-C exits
    with 130 and SIGTERM with 143, without a traceback or click's ``Aborted!``; both unwind
    like an exception, so the temporary output is removed and the workers are ended first.
    """

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            code = command(*args, **kwargs)
            sys.stdout.flush()
        except BrokenPipeError:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            code = FAILED
        except KeyboardInterrupt:
            code = INTERRUPTED
        except Terminated:
            code = TERMINATED
        finally:
            signal.signal(signal.SIGTERM, previous)
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


SUPPORTED = " ".join(EXTENSIONS)


def input_options(command):
    """The options that say which files are read and how, shared by the commands that read reports."""
    for option in reversed([
        click.option("--glob", "patterns", multiple=True, metavar="PATTERN",
                     help="Take the files matching PATTERN from directories (searched recursively; in any "
                          "case; repeatable), e.g. --glob '*.md' --glob '*.txt'. [default: the files of every "
                          f"supported format: {SUPPORTED}; the others are counted in one warning]"),
        click.option("--input-format", type=click.Choice(("auto", *INPUT_FORMATS), case_sensitive=False),
                     default="auto", show_default=True,
                     help="Read every input as this format. auto: by the file's extension, in any case (.html "
                          ".htm .xhtml: the page's main text; .docx: paragraphs and table cells; .pdf: the text "
                          "layer; anything else and stdin: text)."),
        click.option("--encoding", callback=_check_encoding, metavar="NAME",
                     help="Read text and web pages in this encoding instead of detecting it (utf-8, utf-16-le, "
                          "cp1258, ...)."),
    ]):
        command = option(command)
    return command


def _input_format(value: str) -> tuple[str | None, tuple[str, ...] | None]:
    """``--input-format`` as (the format forced or None, the extensions a directory scan takes
    or None for every supported one)."""
    value = value.lower()
    if value == "auto":
        return None, None
    return value, tuple(ext for ext, fmt in EXTENSIONS.items() if fmt == value)


COLOR_OPTION = click.option(
    "--color", type=click.Choice(COLORS, case_sensitive=False), default="auto", show_default=True,
    help="Colour the tables: auto colours a terminal unless NO_COLOR is set (https://no-color.org); "
         "always colours even a file or a pipe; never writes no escape sequence.")


def output_options(command):
    """The options that say what is written and where, shared by the commands that write records."""
    for option in reversed([
        click.option("-f", "--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default=None,
                     help="Output format; excel is csv with a UTF-8 byte-order mark; sqlite needs -o FILE. "
                          "[default: auto: from the -o file's extension (.json, .jsonl, .csv, .db/.sqlite), "
                          "else table when stdout is a terminal, json otherwise]"),
        click.option("-c", "--category", "categories", multiple=True,
                     type=click.Choice(CATEGORIES, case_sensitive=False), metavar="NAME",
                     help=f"Keep only figures of this category (repeatable): {', '.join(CATEGORIES)}."),
        click.option("-o", "--output", metavar="FILE", type=click.Path(),
                     help="Write to FILE instead of stdout (- is stdout), as the shell's > FILE would, but "
                          "a regular file is replaced only when complete (via a temporary file beside it); "
                          "a device or FIFO is written in place, a symbolic link's target is replaced, an "
                          "existing file keeps its mode and hard links. An existing SQLite database is added "
                          "to, in one transaction; a file already in it is not added again."),
        click.option("--bom", is_flag=True,
                     help="Start CSV with a UTF-8 byte-order mark, so that Excel shows Vietnamese letters "
                          "(the same as -f excel; without -f or a -o extension, the output is CSV)."),
        COLOR_OPTION,
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


@click.group(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
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


PROGRESS_MIN_FILES = 20


def _show_progress(forced: bool | None, files: int, output: str | None) -> bool:
    """A progress bar when asked, or when there are many files, stderr is a terminal and the
    records are not being printed on the terminal themselves."""
    from .output import is_stdout

    if forced is not None:
        return forced
    return files >= PROGRESS_MIN_FILES and sys.stderr.isatty() and (not is_stdout(output) or not sys.stdout.isatty())


@contextmanager
def progress_bar(total: int, enabled: bool, forced: bool = False, color: str = "auto"):
    """A rich progress bar on stderr; yields a function to call once per finished input."""
    if not enabled:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = make_console(None, color, force_terminal=True if forced else None, stderr=True)
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=console, transient=True, redirect_stdout=False,
                  redirect_stderr=True) as progress:
        task = progress.add_task("extract", total=total)
        yield lambda: progress.advance(task)


def choose_format(fmt: str | None, output: str | None) -> str:
    """The format to write: ``-f`` if given (with a warning when the -o file's extension says
    another), else the extension's, else table on a terminal and json otherwise."""
    from .output import format_for, is_stdout

    fmt = None if fmt is None or fmt.lower() == "auto" else fmt.lower()
    implied = format_for(output)
    if fmt is None:
        return implied or ("table" if is_stdout(output) and sys.stdout.isatty() else "json")
    if implied is not None and implied != ("csv" if fmt == "excel" else fmt):
        warning(output, f"writing {fmt} as --format says, although the name ends in {os.path.splitext(output)[1]}")
    return fmt


@cli.command(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", type=click.Path())
@input_options
@click.option("--dump-text", is_flag=True,
              help="Print the text that each input's figures are found in (of a web page, Word file or PDF: "
                   "the text taken from it) instead of the figures: start and end index it. Several inputs "
                   "each follow a line '==> NAME <=='.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Extract N files at a time in worker processes; the output is the same as with one. "
                   "[default: the number of cores when there are several files, else 1]")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr. [default: with 20 or more files when stderr is a "
                   "terminal and the records are not printed on it]")
@output_options
@filter_options
@guarded
def extract(inputs, patterns, input_format, encoding, dump_text, jobs, progress, fmt, categories, output, bom,
            color, skipped, years, places, units, metrics, no_repeats):
    """Find every statistical figure in each INPUT.

    INPUT is a file, a directory (searched recursively for the files of every supported
    format, or --glob), a quoted glob pattern ('reports/*.txt') or - for stdin. A web page
    (.html, .htm) gives its main text, a Word file (.docx) its paragraphs and table cells, a PDF
    its text layer; the offsets of a figure index that text (--dump-text prints it). Encodings
    are detected: UTF-8 with or without BOM, UTF-16 with or without BOM, Windows-1258. Several
    files are read in parallel (--jobs); records, errors and warnings still come in input
    order. Bytes of a file name that are not UTF-8 are written as \\xHH.

    \b
    Examples:
      crimestats extract report.txt
      crimestats extract report.pdf page.html minutes.docx
      crimestats extract report.pdf --dump-text > report.pdf.txt
      crimestats extract reports/ -o figures.db        # SQLite, added to run after run
      crimestats extract reports/ --bom -o figures.csv # CSV that Excel opens right
      crimestats extract reports/ -c arrests -c cases
      crimestats extract reports/ | jq '.[] | select(.category=="arrests")'
      crimestats extract reports/ -f jsonl -j 4 > figures.jsonl
      cat report.txt | crimestats extract - -o figures.csv
      crimestats extract report.txt --skipped --format table
      crimestats extract reports/ --place 'Thai Nguyen' --year 2021 --metric 'ma tuy' --no-repeats
      crimestats extract data/ -f html -o report.html   # the texts, figures highlighted

    Numbers are read as reports write them: digits (1.053.099, 90,9 %), words (hai mươi mốt,
    một trăm lẻ năm), multipliers (15 tỷ 33 triệu đồng, ba triệu rưỡi), currency first (USD
    2.000), ranges (từ 5 đến 10 triệu đồng) and bounds (hơn, khoảng, từ 5 người trở lên):

    \b
      echo "Thu giữ hơn hai tấn rưỡi pháo; phạt từ 5 đến 10 triệu đồng." | crimestats extract - -f jsonl
    """
    from . import parallel
    from .inputs import FILE, NOTE, STDIN, iter_inputs
    from .output import is_stdout, open_output
    from .selection import RecordFilter

    forced_format, extensions = _input_format(input_format)
    given = None if fmt is None or fmt.lower() == "auto" else fmt.lower()
    if dump_text and given is not None:
        raise click.UsageError("--dump-text prints text: it takes no --format")
    if given == "sqlite" and is_stdout(output):
        raise click.UsageError("SQLite cannot be written to stdout: name the database with -o FILE.db")
    if dump_text:
        return _dump_text(iter_inputs(inputs, patterns or None, extensions), output, encoding, forced_format)
    from .output import format_for

    if bom and given is None and format_for(output) is None:
        fmt = "csv"  # --bom alone says CSV: a byte-order mark is for nothing else
    fmt = choose_format(fmt, output)
    if bom:
        if fmt not in ("csv", "excel"):
            raise click.UsageError(f"--bom is for CSV output (-f csv or -f excel), not {fmt}")
        fmt = "excel"
    color = color.lower()
    keep = RecordFilter(frozenset(c.lower() for c in categories), frozenset(years), tuple(places),
                        frozenset(u.lower() for u in units), tuple(metrics), not no_repeats)
    # The HTML page shows each input's text: the files are read here, one at a time.
    with_text = fmt == "html"
    failed = False
    try:
        with contextlib.ExitStack() as stack:
            # Before any work: a target that cannot be written is one line, and nothing is read.
            if fmt == "sqlite":
                from .database import SqliteWriter, open_database

                writer = SqliteWriter(stack.enter_context(open_database(output)), with_skipped=skipped)
            else:
                stream = stack.enter_context(open_output(output, bom=fmt == "excel"))
                writer = make_writer(fmt, stream, with_skipped=skipped, color=color)
            items = list(iter_inputs(inputs, patterns or None, extensions))
            # Files the database holds already (same name and bytes) are not read again.
            present = _present(writer, items) if fmt == "sqlite" else set()
            files = [(item.name, item.path) for i, item in enumerate(items) if item.kind == FILE and i not in present]
            if jobs is None:
                jobs = parallel.cpu_count() if len(files) > 1 else 1
            jobs = 1 if with_text else min(jobs, len(files))
            if jobs > 1:
                from . import pipeline

                try:  # the patterns built once, before the workers fork
                    pipeline.warm()
                except Exception:
                    pass  # each file's extraction reports its own failure
                results = iter(stack.enter_context(parallel.Pool(files, len(files), jobs, encoding, keep, skipped,
                                                                 input_format=forced_format)))
            else:
                results = parallel.serial(files, encoding, keep, skipped, with_text, forced_format)
            forced = progress is True
            with progress_bar(len(items), _show_progress(progress, len(files), output), forced, color) as done:
                for i, item in enumerate(items):
                    if item.kind == NOTE:
                        warning(item.name, item.reason)
                        done()
                        continue
                    if i in present:
                        writer.skip_present(item.name)
                        done()
                        continue
                    if item.kind == STDIN:
                        messages = parallel.process(item.name, None, encoding, keep, skipped, with_text, forced_format)
                    else:
                        messages = next(results)
                    failed |= _write_input(writer, item.name, messages)
                    done()
                writer.close()
    except BrokenPipeError:
        raise
    except OSError as exc:  # writing the output failed (a full disk): the old output stays
        return _output_failed(output, exc)
    if fmt == "sqlite" and writer.already:
        n = writer.already
        note(output, f"{n} input{'s' if n != 1 else ''} already in the database (same name and content) "
                     f"{'were' if n != 1 else 'was'} not added again")
    return FAILED if failed else OK


def _present(writer, items) -> set[int]:
    """The positions in ``items`` of the files that the database holds with the same bytes."""
    import hashlib

    from .inputs import FILE

    known = writer.present()
    found = set()
    for i, item in enumerate(items):
        if item.kind == FILE and item.name in known:
            try:
                digest = hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
            except OSError:
                continue  # read again, and its error reported in its place
            if digest in known[item.name]:
                found.add(i)
    return found


def _write_input(writer, name: str, messages) -> bool:
    """Write one input's records as they come; True when it failed."""
    from .parallel import CHUNK, ERROR, SOURCE, TEXT, WARNING

    begun = False
    said: list[str] = []
    for message in messages:
        kind = message[0]
        if kind == CHUNK:
            if not begun:
                writer.begin(name)
                begun = True
            writer.add(message[1], message[2])
        elif kind == TEXT:
            if not begun:
                writer.begin(name)
                begun = True
            writer.text(message[1])
        elif kind == SOURCE:
            writer.source(name, message[1], message[2])
        elif kind == WARNING:
            warning(name, message[1])
            said.append(message[1])
        elif kind == ERROR:  # always the last message: what was written of the input is ended
            if begun:
                writer.end()
            error(name, message[1])
            writer.outcome(name, "error", message[1])
            return True
    if not begun:
        writer.begin(name)
    writer.end()
    writer.outcome(name, "warning" if said else "ok", "; ".join(said) or None)
    return False


def _dump_text(items, output: str | None, encoding: str | None, input_format: str | None) -> int:
    """``--dump-text``: each input's text, as the figures' offsets index it."""
    from .decode import DecodeError
    from .inputs import NOTE, STDIN, load
    from .output import open_output

    items = list(items)
    several = sum(item.kind != NOTE for item in items) > 1
    failed = False
    try:
        with open_output(output) as stream:
            for item in items:
                if item.kind == NOTE:
                    warning(item.name, item.reason)
                    continue
                try:
                    source = load(None if item.kind == STDIN else item.path, encoding, input_format)
                except OSError as exc:
                    error(item.name, _os_reason(exc))
                    failed = True
                    continue
                except DecodeError as exc:
                    error(item.name, exc.reason)
                    failed = True
                    continue
                if source.warning:
                    warning(item.name, source.warning)
                if several:
                    stream.write(f"==> {strip_controls(item.name)} <==\n")
                    stream.write(source.text if source.text.endswith("\n") or not source.text else source.text + "\n")
                else:
                    stream.write(source.text)
                stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # writing the output failed (a full disk): the old output stays
        return _output_failed(output, exc)
    return FAILED if failed else OK


SUMMARY_FORMATS = ("auto", "table", "json", "csv")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", type=click.Path())
@input_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Extract N files at a time in worker processes. [default: the number of cores]")
@click.option("-f", "--format", "fmt", type=click.Choice(SUMMARY_FORMATS, case_sensitive=False), default="auto",
              show_default=True, help="Output format. auto: table when stdout is a terminal, json otherwise.")
@click.option("-o", "--output", metavar="FILE", type=click.Path(),
              help="Write to FILE instead of stdout (via a temporary file renamed when complete).")
@COLOR_OPTION
@guarded
def summary(inputs, patterns, input_format, encoding, jobs, fmt, output, color):
    """Summarise each report, then its headline figures across reports.

    One row per report: its place and main year (those most of its figures have), its
    period, how many figures of each category it holds, and the headline figure of each
    category (the first that restates no earlier figure and is no part of a breakdown). Then
    one table of the headline values by place, year, category and unit.

    INPUT is a file (text, web page, Word file, PDF), a directory (searched recursively for
    the files of every supported format, or --glob) or - for stdin.
    json is one object {"reports": [...], "cross": [...]}; csv one row per report and category.

    \b
    Examples:
      crimestats summary data/
      crimestats summary reports/ -f json | jq '.cross[] | select(.category=="arrests")'
      crimestats summary reports/ -f csv -o summary.csv
    """
    from . import parallel
    from .inputs import FILE, NOTE, STDIN, iter_inputs
    from .parallel import CHUNK, ERROR, WARNING
    from .summary import Summary, summarize, tables, to_csv, to_json

    fmt = fmt.lower()
    if fmt == "auto":
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    forced_format, extensions = _input_format(input_format)
    items = list(iter_inputs(inputs, patterns or None, extensions))
    files = [(item.name, item.path) for item in items if item.kind == FILE]
    jobs = min(jobs or parallel.cpu_count(), max(len(files), 1))
    failed = False
    reports: list[tuple[str, list[dict]]] = []
    with contextlib.ExitStack() as stack:
        if jobs > 1:
            from . import pipeline

            try:  # the engine built once, before the workers fork
                pipeline.warm()
            except Exception:
                pass  # each file's extraction reports its own failure
            results = iter(stack.enter_context(parallel.Pool(files, len(files), jobs, encoding, frozenset(), False,
                                                             input_format=forced_format)))
        else:
            results = parallel.serial(files, encoding, frozenset(), False, False, forced_format)
        for item in items:
            if item.kind == NOTE:
                warning(item.name, item.reason)
                continue
            messages = (parallel.process(item.name, None, encoding, frozenset(), False, False, forced_format)
                        if item.kind == STDIN else next(results))
            figures: list[dict] = []
            for message in messages:
                if message[0] == CHUNK:
                    figures.extend(message[1])
                elif message[0] == WARNING:
                    warning(item.name, message[1])
                elif message[0] == ERROR:
                    error(item.name, message[1])
                    failed = True
                    figures = None
                    break
            if figures is not None:
                reports.append((item.name, figures))
    made: Summary = summarize(reports)
    from .output import open_output

    try:
        with open_output(output) as stream:
            if fmt == "json":
                stream.write(to_json(made))
            elif fmt == "csv":
                stream.write(to_csv(made))
            else:
                console = make_console(stream, color.lower())
                for table in tables(made):
                    console.print(table)
    except BrokenPipeError:
        raise
    except OSError as exc:  # writing the output failed (a full disk): the old output stays
        return _output_failed(output, exc)
    return 1 if failed else 0


@cli.command(context_settings=CONTEXT_SETTINGS)
@guarded
def schema():
    """Print the JSON Schema (draft 2020-12) of the records extract prints.

    A record is a figure or, with --skipped, a number not taken as a figure (it has
    "skipped": true); errors are no records, they are lines on stderr.

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
@COLOR_OPTION
@guarded
def eval_(gold, docs, encoding, as_json, verbose, color):
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
    from . import pipeline
    from .inputs import read as read_input

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
            text, warn = read_input(path, encoding)
            if warn:
                warning(str(path), warn)
            predictions.extend(pipeline.scan(text, str(path))[0])
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
        from .render import eval_tables

        console = make_console(None, color.lower())
        for table in eval_tables(result, verbose):
            console.print(table)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="crimestats")
