"""Pipeline: normalise -> find numbers -> attach context -> drop non-figures. (stub, being written)"""
from __future__ import annotations
from pathlib import Path
from .figure import Figure, Skipped


def scan(text: str, file: str = "-") -> tuple[list[Figure], list[Skipped]]:
    """Figures and skipped numbers of ``text`` (already decoded)."""
    return [], []


def extract(text: str, file: str = "-") -> list[Figure]:
    """Every figure of ``text``, in order of appearance."""
    return scan(text, file)[0]


def extract_path(path, encoding: str | None = None) -> list[Figure]:
    """Read and decode a file (see crimestats.decode), then extract."""
    from .decode import read_file
    text, _warning = read_file(Path(path), encoding)
    return extract(text, str(path))
