"""Writers for the output formats: table (rich), json, jsonl, csv.

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

FORMATS = ("auto", "table", "json", "jsonl", "csv")
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

    def add(self, file: str, figures, skipped) -> None:
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

    def add(self, file, figures, skipped):
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


def _qualifier(figure: Figure) -> str:
    parts = [] if figure.qualifier == "exact" else [figure.qualifier.replace("_", " ")]
    if figure.direction:
        parts.append(ARROWS.get(figure.direction, figure.direction))
    return " · ".join(parts)


def figure_table(file: str, figures: list[Figure]):
    """The rich table of one input's figures, with a footer counting them per category."""
    from rich.table import Table
    from rich.text import Text

    counts = Counter(f.category for f in figures)
    per_category = "\n".join(
        f"{c} {counts[c]}" for c in sorted(counts, key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else 99)
    )
    table = Table(title=_text(file, "bold"), show_footer=bool(figures), expand=False, show_lines=False)
    table.add_column("value", footer=f"{len(figures)} figure{'s' if len(figures) != 1 else ''}",
                     justify="right", max_width=16)
    table.add_column("unit")
    table.add_column("category", footer=Text(per_category))
    table.add_column("qualifier / direction")
    table.add_column("metric", overflow="fold")
    table.add_column("year", justify="right")
    for f in figures:
        style = CATEGORY_STYLES.get(f.category, "")
        table.add_row(
            _text(f.text, style), _text(f.unit), _text(f.category, style), _text(_qualifier(f)),
            _text(f.metric), _text(f.year),
        )
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


WRITERS = {"table": TableWriter, "json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter}


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
