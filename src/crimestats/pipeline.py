"""The extraction pipeline, as records: the one entry point the command line and the
engines (local processes, dask) call.

``iter_scan`` yields the records of a text chunk by chunk of whole sentences, as plain
dicts: the figures (SPEC section 2) and the numbers not taken as figures (``file``, ``text``,
``start``, ``end``, ``line``, ``reason``). After extraction each figure is given what only
the whole document tells: its ``place`` (:mod:`crimestats.places`) and ``repeat_of``
(:mod:`crimestats.repeats`), with state kept from one chunk to the next.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

import regex

__all__ = ["Annotator", "extract", "extract_path", "iter_scan", "iter_scan_figures", "scan", "scan_figures", "warm"]

# TEMPORARY: a plain sentence finder (a run of . ! ? or an ellipsis before white space, or a
# line break), until the extractor hands its own sentence bounds to the post-step.
_SENTENCE_END = regex.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)|\n")


class Annotator:
    """Gives each figure record of one document its ``place`` and ``repeat_of``.

    Built once per document from its text (as decoded); call it on each chunk of records in
    order. Records are changed in place and returned.
    """

    def __init__(self, text: str):
        from .places import PlaceIndex
        from .repeats import RepeatFinder

        self.text = text
        self.places = PlaceIndex(text)
        self.repeats = RepeatFinder()
        self._ends: list[int] | None = None

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """TEMPORARY: input offsets of the sentence around ``pos``, by the plain finder above."""
        if self._ends is None:
            self._ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        i = bisect_right(self._ends, pos)
        start = self._ends[i - 1] if i else 0
        end = self._ends[i] if i < len(self._ends) else len(self.text)
        return start, end

    def __call__(self, records: list[dict]) -> list[dict]:
        for record in records:
            start, end = self.sentence_bounds(record["start"])
            record["place"] = self.places.place_for(record["start"], start, end)
            record["repeat_of"] = self.repeats.check(record, start)
        return records


def _records(items: Iterable) -> list[dict]:
    return [item if isinstance(item, dict) else item.to_dict() for item in items]


def iter_scan(text: str, file: str = "-") -> Iterator[tuple[list[dict], list[dict]]]:
    """(figures, skipped) of ``text`` (already decoded), chunk by chunk, as dicts."""
    from . import extractor

    annotate = Annotator(text)
    for figures, skipped in extractor.iter_scan(text, file):
        yield annotate(_records(figures)), _records(skipped)


def scan(text: str, file: str = "-") -> tuple[list[dict], list[dict]]:
    """Every figure and skipped number of ``text``, as dicts, in order of appearance."""
    from . import extractor

    figures, skipped = extractor.scan(text, file)
    return Annotator(text)(_records(figures)), _records(skipped)


def iter_scan_figures(text: str, file: str = "-"):
    """Like :func:`iter_scan`, as :class:`~crimestats.figure.Figure` and
    :class:`~crimestats.figure.Skipped` objects (the library's ``crimestats.iter_scan``)."""
    from .figure import Figure, Skipped

    for figures, skipped in iter_scan(text, file):
        yield [Figure(**f) for f in figures], [Skipped(**s) for s in skipped]


def scan_figures(text: str, file: str = "-"):
    """Like :func:`scan`, as objects (the library's ``crimestats.scan``)."""
    from .figure import Figure, Skipped

    figures, skipped = scan(text, file)
    return [Figure(**f) for f in figures], [Skipped(**s) for s in skipped]


def extract(text: str, file: str = "-"):
    """Every figure of ``text``, in order of appearance, with its place and ``repeat_of``."""
    return scan_figures(text, file)[0]


def extract_path(path, encoding: str | None = None):
    """Read and decode a file (see :mod:`crimestats.decode`), then extract."""
    from pathlib import Path

    from .decode import read_file

    text, _warning = read_file(Path(path), encoding)
    return extract(text, str(path))


def warm() -> None:
    """Load the lexicon and compile its patterns now, e.g. once before worker processes fork."""
    from . import extractor
    from .places import gazetteer
    from .repeats import views_words

    extractor.warm()
    gazetteer()
    views_words()
