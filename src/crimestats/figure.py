"""The figure record: one statistical figure found in a report (SPEC §2)."""

from __future__ import annotations

from dataclasses import dataclass, fields

CATEGORIES = ("rate", "change", "target", "cases", "arrests", "people", "money", "seizure", "count")
QUALIFIERS = ("exact", "more_than", "less_than", "about", "nearly", "at_least", "at_most")
DIRECTIONS = ("up", "down")
SOURCE_FORMATS = ("txt", "html", "docx", "pdf")
UNITS = (
    "percent", "case", "person", "person_time", "group", "vnd", "usd", "kg", "g", "tonne",
    "pill", "brick", "litre", "vehicle", "admin_unit", "item",
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number from the input with what it measures.

    ``text`` is exactly ``input[start:end]`` of the decoded input; ``value`` has the
    multiplier words applied (``1,5 tỷ đồng`` -> 1500000000).
    """

    file: str
    index: int
    value: float | int
    value_max: float | int | None
    text: str
    start: int
    end: int
    line: int
    unit: str
    unit_text: str
    category: str
    qualifier: str
    direction: str | None
    metric: str
    metric_en: str | None
    year: int | None
    period: str | None
    baseline: str | None
    sentence: str
    # Given after extraction, over the whole document (crimestats.pipeline): the place the
    # figure is about, and the index of an earlier figure of the file it restates.
    place: str | None = None
    repeat_of: int | None = None
    # Given where the input is read (crimestats.inputs): the format its text was taken from;
    # offsets index that text. A text handed to the library directly is txt.
    source_format: str = "txt"

    def to_dict(self) -> dict:
        # Every field is a str, a number or None: a shallow dict is the deep one, much faster.
        return {name: getattr(self, name) for name in self.__slots__}


FIELD_NAMES = tuple(f.name for f in fields(Figure))


@dataclass(frozen=True, slots=True)
class Skipped:
    """A number that was read but not taken as a figure, with the reason (SPEC §7)."""

    file: str
    text: str
    start: int
    end: int
    line: int
    reason: str

    def to_dict(self) -> dict:
        # Every field is a str, a number or None: a shallow dict is the deep one, much faster.
        return {name: getattr(self, name) for name in self.__slots__}


SKIPPED_FIELDS = ("skipped", *(f.name for f in fields(Skipped)))


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of every record ``crimestats extract`` prints in JSON and
    JSONL: a figure, or with ``--skipped`` a number not taken as a figure. Errors are no
    records: they go to stderr as lines."""
    num = {"type": "number"}
    opt_str = {"type": ["string", "null"]}
    props = {
        "file": {"type": "string", "description": "the input as named on the command line ('-' for stdin)"},
        "index": {"type": "integer", "minimum": 1, "description": "1-based order of the figure in its file"},
        "value": {**num, "description": "the number with multiplier words applied"},
        "value_max": {"type": ["number", "null"], "description": "upper end of a range"},
        "text": {"type": "string", "description": "the figure as written: number, multiplier and unit"},
        "start": {"type": "integer", "minimum": 0, "description": "code-point offset of text in the decoded input (for html, docx and "
                                                                   "pdf: in the text extracted from it, see --dump-text)"},
        "end": {"type": "integer", "minimum": 0, "description": "end offset: input[start:end] == text"},
        "line": {"type": "integer", "minimum": 1, "description": "1-based line of start"},
        "unit": {"enum": list(UNITS), "description": "canonical unit code"},
        "unit_text": {"type": "string", "description": "the unit as written, '' if none"},
        "category": {"enum": list(CATEGORIES)},
        "qualifier": {"enum": list(QUALIFIERS)},
        "direction": {"enum": [*DIRECTIONS, None], "description": "up/down for change and target figures"},
        "metric": {"type": "string", "description": "what is measured, in the input's own words"},
        "metric_en": {**opt_str, "description": "English gloss of metric where the glossary covers it"},
        "year": {"type": ["integer", "null"], "description": "the year the figure describes"},
        "period": {**opt_str, "description": "the period phrase as written when more than a bare year"},
        "baseline": {**opt_str, "description": "what a change or target is measured against, as written"},
        "sentence": {"type": "string", "description": "the sentence that holds the figure"},
        "place": {**opt_str, "description": "the province, city or district the figure is about (its canonical "
                                            "name; a district as written), the country's name for figures of the "
                                            "whole country, null when unknown"},
        "repeat_of": {"type": ["integer", "null"], "minimum": 1,
                      "description": "index of an earlier figure of the same file that this one restates"},
        "source_format": {"enum": list(SOURCE_FORMATS),
                          "description": "the format the input's text was taken from (txt, html page, Word docx, "
                                         "PDF text layer); start, end and line index that text"},
    }
    skipped = {
        "skipped": {"const": True, "description": "marks a number that was not taken as a figure"},
        "file": props["file"],
        "text": {"type": "string", "description": "the number as written"},
        "start": props["start"],
        "end": props["end"],
        "line": props["line"],
        "reason": {"type": "string", "description": "why the number is no figure (SPEC §7)"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "crimestats record",
        "description": "A record of crimestats extract --format json/jsonl: a figure, or (with "
                       "--skipped) a number not taken as a figure.",
        "oneOf": [{"$ref": "#/$defs/figure"}, {"$ref": "#/$defs/skipped"}],
        "$defs": {
            "figure": {
                "title": "figure",
                "type": "object",
                "properties": props,
                "required": list(FIELD_NAMES),
                "additionalProperties": False,
            },
            "skipped": {
                "title": "skipped number",
                "type": "object",
                "properties": skipped,
                "required": list(SKIPPED_FIELDS),
                "additionalProperties": False,
            },
        },
    }
