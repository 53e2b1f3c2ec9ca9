"""Writers for the output formats: table (rich), json, jsonl, csv (excel: with a byte-order
mark, written by :func:`crimestats.output.open_output`), html; sqlite is in
:mod:`crimestats.database`.

A writer takes the records of one input at a time, in chunks as the extraction makes them
(``begin``, ``add`` for each chunk, ``end``), and writes what it can at once, so every format
streams as the inputs finish, and a large input is never held as records: the figures of a
chunk are written as they come, and the skipped numbers (listed after each input's figures)
wait in a temporary file that stays in memory while it is small. ``rich`` is imported only
when a table is drawn.

Text from the input reaches the terminal only through the table, where it is shown literally:
control characters are removed and nothing is read as rich markup. JSON, JSONL and CSV write
the records as they are (see :func:`crimestats.serialize.clean`; JSON escapes control characters).
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections import Counter
from typing import IO, Iterable

from .figure import CATEGORIES, FIELD_NAMES
from .serialize import dumpb, dumps, strip_controls

FORMATS = ("auto", "table", "json", "jsonl", "csv", "excel", "sqlite", "html")
COLORS = ("auto", "always", "never")
SKIPPED_MARK = "skipped"
CSV_SKIPPED_FIELDS = (*FIELD_NAMES, SKIPPED_MARK, "reason")

CATEGORY_STYLES = {
    "rate": "magenta",
    "change": "yellow",
    "target": "bright_yellow",
    "cases": "red",
    "arrests": "bright_red",
    "people": "cyan",
    "money": "green",
    "seizure": "blue",
    "count": "white",
}
ARROWS = {"up": "↑ up", "down": "↓ down"}

# The skipped numbers of one input wait in memory up to this size, on disk beyond it.
SPOOL_BYTES = 1 << 20


def skipped_record(skipped: dict) -> dict:
    """A skipped number as an output record: its fields and ``"skipped": true``."""
    return {SKIPPED_MARK: True, **skipped}


class Writer:
    """Writes the records of each input as they come; ``close`` finishes the output."""

    binary_spool = False

    def __init__(self, stream: IO[str], with_skipped: bool = False):
        self.stream = stream
        self.with_skipped = with_skipped
        self.spool: IO[str] | None = None

    def begin(self, file: str) -> None:
        """An input starts (its name as records give it)."""
        self.spool = None

    def add(self, figures: list[dict], skipped: list[dict]) -> None:
        """A chunk of the current input's records."""
        if figures:
            self.write_figures(figures)
        if skipped and self.with_skipped:
            if self.spool is None:
                self.spool = (tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b") if self.binary_spool
                              else tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8",
                                                                 newline="\n"))
            self.hold_skipped([skipped_record(s) for s in skipped], self.spool)

    def end(self) -> None:
        """The current input is complete: its skipped numbers follow its figures."""
        spool, self.spool = self.spool, None
        if spool is not None:
            with spool:
                spool.seek(0)
                self.write_held(spool)

    def text(self, text: str) -> None:
        """The current input's text, for the writers that show it (html); others ignore it."""
        self.stream.flush()

    def source(self, file: str, fmt: str, sha256: str) -> None:
        """An input was read: the format its text came from and the SHA-256 of its bytes
        (for the writers that keep files, sqlite); others ignore it. Comes before ``begin``."""

    def outcome(self, file: str, status: str, message: str | None) -> None:
        """An input is done, read or not: ``ok``, ``warning`` or ``error``, with what was said
        (for the writers that keep files, sqlite); others ignore it."""

    def write_figures(self, figures: list[dict]) -> None:
        raise NotImplementedError

    def hold_skipped(self, records: list[dict], spool: IO[str]) -> None:
        """Keep skipped records for ``end`` (as JSON lines, unless a writer says otherwise)."""
        spool.writelines(dumps(r) + "\n" for r in records)

    def write_held(self, spool: IO[str]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


def _byte_writer(stream: IO[str]):
    """A function that writes UTF-8 bytes to ``stream``: to its binary buffer when it has one
    (JSON comes as bytes: no decoding and encoding again), else decoded."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return lambda data: stream.write(data.decode("utf-8"))
    stream.flush()  # what went through the text layer comes first
    return buffer.write


class JsonWriter(Writer):
    """One JSON array of every record of every input, one record per line."""

    binary_spool = True

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        self.out = _byte_writer(stream)
        self.count = 0

    def _lines(self, lines: Iterable[bytes]) -> None:
        out = self.out
        for line in lines:
            out((b"[\n" if self.count == 0 else b",\n") + line)
            self.count += 1

    def write_figures(self, figures):
        self._lines(map(dumpb, figures))

    def hold_skipped(self, records, spool):
        spool.write(b"".join([dumpb(r) + b"\n" for r in records]))

    def write_held(self, spool):
        self._lines(line.rstrip(b"\n") for line in spool)

    def close(self):
        self.out(b"\n]\n" if self.count else b"[]\n")
        super().close()


class JsonlWriter(Writer):
    """One JSON record per line."""

    binary_spool = True

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        self.out = _byte_writer(stream)

    def write_figures(self, figures):
        self.out(b"".join([dumpb(r) + b"\n" for r in figures]))

    def hold_skipped(self, records, spool):
        spool.write(b"".join([dumpb(r) + b"\n" for r in records]))

    def write_held(self, spool):
        for block in iter(lambda: spool.read(1 << 16), b""):
            self.out(block)


class CsvWriter(Writer):
    """A header row of the record's field names, then one row per record.

    With skipped numbers, two more columns: ``skipped`` (true/false) and ``reason``.
    """

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        fields = CSV_SKIPPED_FIELDS if with_skipped else FIELD_NAMES
        self.rows = csv.DictWriter(stream, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        self.rows.writeheader()

    def _dict_writer(self, stream):
        return csv.DictWriter(stream, fieldnames=self.rows.fieldnames, extrasaction="ignore", lineterminator="\n")

    def write_figures(self, figures):
        if self.with_skipped:
            figures = [{**f, SKIPPED_MARK: "false"} for f in figures]
        self.rows.writerows(figures)

    def hold_skipped(self, records, spool):
        self._dict_writer(spool).writerows({**r, SKIPPED_MARK: "true"} for r in records)

    def write_held(self, spool):
        shutil.copyfileobj(spool, self.stream)


# A table holds this many rows at most: a larger input is drawn as several tables (the first
# titled with its name, the next ones "(continued)", the footer with the counts on the last).
TABLE_ROWS = 2000


class TableWriter(Writer):
    """One rich table per input, titled with its name; skipped numbers in a second, dim table."""

    def __init__(self, stream, with_skipped=False, color: str = "auto"):
        super().__init__(stream, with_skipped)
        self.console = make_console(stream, color)
        self.file = ""
        self.rows: list[dict] = []
        self.counts: Counter = Counter()
        self.tables = 0

    def begin(self, file):
        super().begin(file)
        self.file, self.rows, self.counts, self.tables = file, [], Counter(), 0

    def _title(self, what: str = "") -> str:
        return f"{what}{' (continued)' if self.tables else ''}"

    def write_figures(self, figures):
        self.counts.update(f.get("category") for f in figures)
        self.rows.extend(figures)
        while len(self.rows) > TABLE_ROWS:
            self.console.print(figure_table(self._title(self.file), self.rows[:TABLE_ROWS]))
            del self.rows[:TABLE_ROWS]
            self.tables += 1

    def end(self):
        self.console.print(figure_table(self._title(self.file), self.rows, self.counts))
        self.rows, self.tables = [], 0
        if self.with_skipped:
            spool, self.spool = self.spool, None
            if spool is None:
                self.console.print(skipped_table([], "numbers not taken as figures"))
            else:
                with spool:
                    spool.seek(0)
                    self.write_held(spool)
        self.stream.flush()

    def write_held(self, spool):
        title = "numbers not taken as figures"
        rows = []
        for line in spool:
            rows.append(json.loads(line))
            if len(rows) == TABLE_ROWS:
                self.console.print(skipped_table(rows, title))
                rows, title = [], f"{title} (continued)"
        if rows or title.endswith("figures"):
            self.console.print(skipped_table(rows, title))


def _text(value, style: str = ""):
    """A table cell holding ``value`` literally: no markup, no control characters."""
    from rich.text import Text

    return Text("" if value is None else strip_controls(str(value)), style=style)


QUALIFIER_MARKS = {"more_than": "> more", "less_than": "< less", "about": "~ about", "nearly": "~ nearly",
                   "at_least": ">= at least", "at_most": "<= at most"}


def _category_cell(f: dict) -> str:
    """The category with its direction, the qualifier and whether it is a repeat under it
    (codes only: no input text)."""
    qualifier = f.get("qualifier") or "exact"
    parts = [(f.get("category") or "") + {"up": " \u2191", "down": " \u2193"}.get(f.get("direction") or "", "")]
    if qualifier != "exact":
        parts.append(QUALIFIER_MARKS.get(qualifier, qualifier.replace("_", " ")))
    if f.get("repeat_of") is not None:
        parts.append("repeat")
    return "\n".join(parts)


def figure_table(title: str, figures: list[dict], counts: Counter | None = None):
    """The rich table of an input's figures, narrow enough for 80 columns: the line, the figure
    as written, its category (direction, qualifier, repeat), metric and year. With ``counts``
    (per category, of all its figures) the total line: the last or only table of an input. The
    place most figures have is in the title; a figure of another place says so after its metric."""
    from rich.table import Table
    from rich.text import Text

    places = Counter(f.get("place") for f in figures if f.get("place"))
    main_place = places.most_common(1)[0][0] if places else None
    heading = Text(strip_controls(title), style="bold")
    if main_place:
        heading.append(f"  \u00b7 {strip_controls(main_place)}", style="")
    if counts is None:
        footer = per_category = ""
    else:
        total = sum(counts.values())
        per_category = " \u00b7 ".join(
            f"{c} {counts[c]}" for c in sorted(counts, key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else 99))
        footer = f"{total} figure{'s' if total != 1 else ''}"
    table = Table(title=heading, show_footer=bool(counts), expand=False, show_lines=False, padding=(0, 1))
    table.add_column("line", justify="right", no_wrap=True, footer="total" if counts else "")
    table.add_column("value", justify="right", max_width=14, overflow="fold", footer=footer)
    table.add_column("category", no_wrap=True, min_width=8)
    table.add_column("metric", overflow="fold", min_width=20, ratio=1, footer=Text(per_category))
    table.add_column("year", justify="right", no_wrap=True)
    for f in figures:
        style = CATEGORY_STYLES.get(f.get("category"), "")
        metric = _text(f.get("metric"))
        if f.get("place") and f.get("place") != main_place:
            metric.append(f" [{strip_controls(f.get('place'))}]", style="dim")
        row_style = "dim" if f.get("repeat_of") is not None else None
        table.add_row(_text(f.get("line")), _text(f.get("text"), style), Text(_category_cell(f), style=style), metric,
                      _text(f.get("year")), style=row_style)
    if not figures:
        table.caption = "no figures"
    return table


def skipped_table(skipped: list[dict], title: str = "numbers not taken as figures"):
    """The dim table of numbers of one input that were not taken as figures (drawn under its figures)."""
    from rich.table import Table

    table = Table(title=_text(title, "dim"), style="dim", header_style="dim", min_width=40)
    table.add_column("number", style="dim")
    table.add_column("line", justify="right", style="dim")
    table.add_column("reason", style="dim")
    for s in skipped:
        table.add_row(_text(s.get("text")), _text(s.get("line")), _text(s.get("reason")))
    if not skipped:
        table.caption = "none"
    return table


class HtmlWriter(Writer):
    """One self-contained HTML page of every input (crimestats.htmlreport), written at close:
    the summary at its top needs every input. Shows each input's text when given it."""

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        self.docs: list[tuple[str, list[dict], str | None]] = []
        self.current: tuple[str, list[dict], list] | None = None

    def begin(self, file):
        super().begin(file)
        self.current = (file, [], [None])

    def text(self, text):
        self.current[2][0] = text

    def add(self, figures, skipped):
        self.current[1].extend(figures)

    def end(self):
        file, figures, text = self.current
        self.docs.append((file, figures, text[0]))
        self.current = None

    def close(self):
        from .htmlreport import page

        self.stream.write(page(self.docs))
        super().close()


WRITERS = {"table": TableWriter, "json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter, "excel": CsvWriter,
           "html": HtmlWriter}


def make_writer(fmt: str, stream: IO[str], with_skipped: bool = False, color: str = "auto") -> Writer:
    if fmt == "table":
        return TableWriter(stream, with_skipped, color)
    return WRITERS[fmt](stream, with_skipped)


def make_console(file: IO[str] | None = None, color: str = "auto", force_terminal: bool | None = None, **kwargs):
    """A rich console for ``--color``: ``auto`` colours a terminal unless the ``NO_COLOR``
    environment variable is set and not empty (https://no-color.org; rich reads it, and
    ``FORCE_COLOR``); ``always`` colours whatever the output is, ``NO_COLOR`` too, since the
    command line says so; ``never`` writes no escape sequence at all, bold and dim included."""
    from rich.console import Console

    if color == "always":
        # The 16 standard colours are all the styles use: any terminal shows them.
        return Console(file=file, force_terminal=True, color_system="standard", no_color=False, highlight=False,
                       **kwargs)
    if color == "never":
        return Console(file=file, force_terminal=force_terminal, color_system=None, no_color=True, highlight=False,
                       **kwargs)
    return Console(file=file, force_terminal=force_terminal, highlight=False, **kwargs)


def eval_tables(result: dict, verbose: bool = False) -> list:
    """Rich tables of an evaluation (see crimestats.evaluate.evaluate): scores, then the details."""
    from rich.table import Table

    scores = Table(title="scores", show_header=True)
    scores.add_column("measure")
    scores.add_column("value", justify="right")
    for key, value in result["scores"].items():
        scores.add_row(key, str(value))
    tables = [scores]
    if verbose:
        details = [
            ("missed gold figures", ("doc", "text", "start", "value"), result["misses"]),
            ("extra figures", ("doc", "text", "start", "value", "category"), result["extras"]),
            ("wrong fields", ("doc", "text", "start", "field", "gold", "found"), result["wrong"]),
        ]
        for title, columns, rows in details:
            table = Table(title=f"{title} ({len(rows)})")
            for column in columns:
                table.add_column(column, overflow="fold")
            for row in rows:
                table.add_row(*(_text(row.get(c)) for c in columns))
            tables.append(table)
    return tables
