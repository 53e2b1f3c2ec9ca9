"""The extraction pipeline, as records: the one entry point the command line and the
engines (local processes, dask) call.

``iter_scan`` yields the records of a text chunk by chunk of whole sentences, as plain
dicts: the figures (SPEC §2) and the numbers not taken as figures (``file``, ``text``,
``start``, ``end``, ``line``, ``reason``), each finalised by :func:`crimestats.records.clean`.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["iter_scan", "scan", "warm"]


def iter_scan(text: str, file: str = "-") -> Iterator[tuple[list[dict], list[dict]]]:
    """(figures, skipped) of ``text`` (already decoded), chunk by chunk, as dicts."""
    from . import extractor
    from .records import clean

    for figures, skipped in extractor.iter_scan(text, file):
        yield [clean(f.to_dict()) for f in figures], [clean(s.to_dict()) for s in skipped]


def scan(text: str, file: str = "-") -> tuple[list[dict], list[dict]]:
    """Every figure and skipped number of ``text``, as dicts, in order of appearance."""
    figures: list[dict] = []
    skipped: list[dict] = []
    for f, s in iter_scan(text, file):
        figures.extend(f)
        skipped.extend(s)
    return figures, skipped


def warm() -> None:
    """Load the lexicon and compile its patterns now, e.g. once before worker processes fork."""
    from . import extractor

    extractor.warm()
