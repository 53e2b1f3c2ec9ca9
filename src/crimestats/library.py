"""The library API: figures as :class:`~crimestats.figure.Figure` objects.

The command line works on the pipeline's plain dicts (:mod:`crimestats.pipeline`); these
wrap them for Python callers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import pipeline
from .figure import Figure, Skipped


def iter_scan(text: str, file: str = "-") -> Iterator[tuple[list[Figure], list[Skipped]]]:
    """Like :func:`scan`, in pieces of whole sentences, so that a very large text can be
    written out as it is read without holding every record at once."""
    for figures, skipped in pipeline.iter_scan(text, file):
        yield [Figure(**f) for f in figures], [Skipped(**s) for s in skipped]


def scan(text: str, file: str = "-") -> tuple[list[Figure], list[Skipped]]:
    """Figures and skipped numbers of ``text`` (already decoded), in order of appearance."""
    figures, skipped = pipeline.scan(text, file)
    return [Figure(**f) for f in figures], [Skipped(**s) for s in skipped]


def extract(text: str, file: str = "-") -> list[Figure]:
    """Every figure of ``text``, in order of appearance."""
    return scan(text, file)[0]


def extract_path(path, encoding: str | None = None, input_format: str | None = None) -> list[Figure]:
    """Read a file — decode a text (see :mod:`crimestats.decode`), or take the text of a web
    page, a Word file or a PDF by its extension or ``input_format`` (see
    :mod:`crimestats.formats`) — then extract; each figure's ``source_format`` says which."""
    from .inputs import load

    source = load(Path(path), encoding, input_format)
    return [Figure(**f, source_format=source.format) for f in _figures(source.text, str(path))]


def _figures(text: str, file: str) -> Iterator[dict]:
    for figures, _skipped in pipeline.iter_scan(text, file):
        yield from figures
