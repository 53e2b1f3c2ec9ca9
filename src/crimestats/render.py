"""Writers for the output formats: table (rich), json, jsonl, csv, html.

Each writer takes the records of one input at a time (``add``) and writes what it can at once,
so JSONL, CSV, the table and even the JSON array stream as the inputs finish. ``rich`` is
imported only when a table is drawn.

Text from the input reaches the terminal only through the table, where it is shown literally:
control characters are removed and nothing is read as rich markup. JSON, JSONL and CSV keep
the exact text (JSON escapes control characters).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from typing import IO, Iterable, NamedTuple

from .figure import CATEGORIES, FIELD_NAMES, Figure, Skipped

FORMATS = ("auto", "table", "json", "jsonl", "csv", "html")
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

# C0 and C1 controls, DEL, and the bidirectional overrides/isolates that can reorder a line.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` safe to print on a terminal: whitespace controls become spaces, others go."""
    return _CONTROLS.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c" else "", text)


def figure_record(figure: Figure | dict) -> dict:
    """A figure as an output record (a figure already made a dict, as workers send it, is one)."""
    return figure if isinstance(figure, dict) else figure.to_dict()


def skipped_record(skipped: Skipped | dict) -> dict:
    """A skipped number as an output record: its fields and ``"skipped": true``."""
    return {SKIPPED_MARK: True, **(skipped if isinstance(skipped, dict) else skipped.to_dict())}


def _json(record: dict) -> str:
    # ensure_ascii=False keeps Vietnamese readable; json escapes C0 controls itself, C1 here.
    line = json.dumps(record, ensure_ascii=False)
    # A search first: most lines have no C1 control, and a search is much cheaper than a rewrite.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", line) if _C1.search(line) else line


class Rendered(NamedTuple):
    """The output of one input rendered ahead (by a worker process): pieces of text to write."""

    pieces: list[str]


def records(figures: Iterable[Figure | dict], skipped: Iterable[Skipped | dict], with_skipped: bool) -> Iterable[dict]:
    yield from map(figure_record, figures)
    if with_skipped:
        yield from map(skipped_record, skipped)


class Writer:
    """Writes the records of each input as it comes; ``close`` finishes the output.

    ``add`` takes the figures and skipped numbers of one input as objects or as their dicts,
    or, for the text formats (``renders_ahead``), what :meth:`render` made of them elsewhere
    (a :class:`Rendered` in place of the figures): workers render, the main process writes.
    """

    renders_ahead = False

    def __init__(self, stream: IO[str], with_skipped: bool = False):
        self.stream = stream
        self.with_skipped = with_skipped

    @classmethod
    def render(cls, figures, skipped, with_skipped: bool) -> list[str]:
        """The pieces of text of one input's records (the text formats only)."""
        raise NotImplementedError

    def add(self, file: str, figures, skipped, text: str | None = None) -> None:
        """Write the records of one input; ``text`` is the input's, for writers that show it."""
        if hasattr(figures, "chunks"):  # a large input, extracted as it is written
            for chunk in figures.chunks:
                self.write(self.render(chunk, [], self.with_skipped))
            self.write(self.render([], figures.skipped, self.with_skipped))
        else:
            pieces = figures.pieces if isinstance(figures, Rendered) else self.render(figures, skipped, self.with_skipped)
            self.write(pieces)
        self.stream.flush()

    def write(self, pieces: list[str]) -> None:
        self.stream.writelines(pieces)

    def close(self) -> None:
        self.stream.flush()


class JsonWriter(Writer):
    """One JSON array of every record of every input, one record per line."""

    renders_ahead = True

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        self.count = 0

    @classmethod
    def render(cls, figures, skipped, with_skipped):
        return [_json(record) for record in records(figures, skipped, with_skipped)]

    def write(self, pieces):
        for piece in pieces:
            self.stream.write(("[\n" if self.count == 0 else ",\n") + piece)
            self.count += 1

    def close(self):
        self.stream.write("\n]\n" if self.count else "[]\n")
        super().close()


class JsonlWriter(Writer):
    """One JSON record per line."""

    renders_ahead = True

    @classmethod
    def render(cls, figures, skipped, with_skipped):
        return [_json(record) + "\n" for record in records(figures, skipped, with_skipped)]


class CsvWriter(Writer):
    """A header row of the record's field names, then one row per record.

    With skipped numbers, two more columns: ``skipped`` (true/false) and ``reason``.
    """

    renders_ahead = True

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        csv.DictWriter(stream, fieldnames=self.fields(with_skipped), lineterminator="\n").writeheader()

    @staticmethod
    def fields(with_skipped: bool) -> tuple[str, ...]:
        return CSV_SKIPPED_FIELDS if with_skipped else FIELD_NAMES

    @classmethod
    def render(cls, figures, skipped, with_skipped):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=cls.fields(with_skipped), extrasaction="ignore",
                                lineterminator="\n")
        for record in records(figures, skipped, with_skipped):
            if with_skipped:
                record = {**record, SKIPPED_MARK: "true" if record.get(SKIPPED_MARK) else "false"}
            writer.writerow(record)
        return [buffer.getvalue()]


class TableWriter(Writer):
    """One rich table per input, titled with its name; skipped numbers in a second, dim table."""

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        from rich.console import Console

        self.console = Console(file=stream, highlight=False)

    def add(self, file, figures, skipped, text=None):
        if hasattr(figures, "chunks"):  # a table is drawn whole
            figures, skipped = [f for chunk in figures.chunks for f in chunk], figures.skipped
        figures = [Figure(**f) if isinstance(f, dict) else f for f in figures]
        self.console.print(figure_table(file, figures))
        if self.with_skipped:
            skipped = [Skipped(**s) if isinstance(s, dict) else s for s in skipped]
            self.console.print(skipped_table(file, skipped))


def _text(value, style: str = ""):
    """A table cell holding ``value`` literally: no markup, no control characters."""
    from rich.text import Text

    return Text("" if value is None else strip_controls(str(value)), style=style)


QUALIFIER_MARKS = {"more_than": "> more", "less_than": "< less", "about": "~ about", "nearly": "~ nearly",
                   "at_least": ">= at least", "at_most": "<= at most"}


def _category_cell(f: Figure) -> str:
    """The category with its direction, the qualifier and whether it is a repeat under it
    (codes only: no input text)."""
    parts = [f.category + {"up": " \u2191", "down": " \u2193"}.get(f.direction or "", "")]
    if f.qualifier != "exact":
        parts.append(QUALIFIER_MARKS.get(f.qualifier, f.qualifier.replace("_", " ")))
    if f.repeat_of is not None:
        parts.append("repeat")
    return "\n".join(parts)


def figure_table(file: str, figures: list[Figure]):
    """The rich table of one input's figures, narrow enough for 80 columns: the line, the
    figure as written, its category (direction, qualifier, repeat), metric and year, and a
    total line. The place most figures have is in the title; a figure of another place says
    so after its metric."""
    from rich.table import Table
    from rich.text import Text

    counts = Counter(f.category for f in figures)
    places = Counter(f.place for f in figures if f.place)
    main_place = places.most_common(1)[0][0] if places else None
    title = Text(strip_controls(file), style="bold")
    if main_place:
        title.append(f"  \u00b7 {strip_controls(main_place)}", style="")
    per_category = " \u00b7 ".join(
        f"{c} {counts[c]}" for c in sorted(counts, key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else 99))
    table = Table(title=title, show_footer=bool(figures), expand=False, show_lines=False, padding=(0, 1))
    table.add_column("line", justify="right", no_wrap=True, footer="total")
    table.add_column("value", justify="right", max_width=14, overflow="fold",
                     footer=f"{len(figures)} figure{'s' if len(figures) != 1 else ''}")
    table.add_column("category", no_wrap=True, min_width=8)
    table.add_column("metric", overflow="fold", min_width=20, ratio=1, footer=Text(per_category))
    table.add_column("year", justify="right", no_wrap=True)
    for f in figures:
        style = CATEGORY_STYLES.get(f.category, "")
        metric = _text(f.metric)
        if f.place and f.place != main_place:
            metric.append(f" [{strip_controls(f.place)}]", style="dim")
        row_style = "dim" if f.repeat_of is not None else None
        table.add_row(_text(f.line), _text(f.text, style), Text(_category_cell(f), style=style), metric,
                      _text(f.year), style=row_style)
    if not figures:
        table.caption = "no figures"
    return table


def skipped_table(file: str, skipped: list[Skipped]):
    """The dim table of the numbers of one input that were not taken as figures (drawn under its figures)."""
    from rich.table import Table

    table = Table(title=_text("numbers not taken as figures", "dim"), style="dim", header_style="dim",
                  min_width=40)
    table.add_column("number", style="dim")
    table.add_column("line", justify="right", style="dim")
    table.add_column("reason", style="dim")
    for s in skipped:
        table.add_row(_text(s.text), _text(s.line), _text(s.reason))
    if not skipped:
        table.caption = "none"
    return table


class HtmlWriter(Writer):
    """One self-contained HTML page of every input (crimestats.htmlreport), written at close:
    the summary at its top needs every input. Shows each input's text when given it."""

    def __init__(self, stream, with_skipped=False):
        super().__init__(stream, with_skipped)
        self.docs: list[tuple[str, list[dict], str | None]] = []

    def add(self, file, figures, skipped, text=None):
        if hasattr(figures, "chunks"):
            figures = [f for chunk in figures.chunks for f in chunk]
        self.docs.append((file, [figure_record(f) for f in figures], text))

    def close(self):
        from .htmlreport import page

        self.stream.write(page(self.docs))
        super().close()


WRITERS = {"table": TableWriter, "json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter, "html": HtmlWriter}


def make_writer(fmt: str, stream: IO[str], with_skipped: bool = False) -> Writer:
    return WRITERS[fmt](stream, with_skipped)


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
