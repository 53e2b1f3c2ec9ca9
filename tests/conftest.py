"""Shared fixtures: a stand-in extractor so that CLI tests do not depend on extraction results."""

from __future__ import annotations

import re
import unicodedata

import pytest

import crimestats.pipeline
from crimestats.figure import Figure, Skipped

TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_form(text: str) -> str:
    """What a Windows-1258 file holds: base letters precomposed, tone marks combining."""
    out = []
    for c in text:
        parts = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in parts if m in TONES)
        out.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES)) + tones)
    return "".join(out)


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
UNIT_CATEGORY = {"vụ": ("case", "cases"), "đối tượng": ("person", "arrests"), "người": ("person", "people")}


def fake_scan(text: str, file: str = "-"):
    """Every digit run is a figure (its line as metric and sentence), except four-digit years."""
    figures, skipped = [], []
    for m in NUMBER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_text = text[line_start:] if line_end < 0 else text[line_start:line_end]
        line_no = text.count("\n", 0, m.start()) + 1
        if re.fullmatch(r"(19|20)\d\d", m.group()):
            skipped.append(Skipped(file, m.group(), m.start(), m.end(), line_no, "year"))
            continue
        after = text[m.end():m.end() + 12].lstrip()
        unit, category = next(((u, c) for w, (u, c) in UNIT_CATEGORY.items() if after.startswith(w)),
                              ("item", "count"))
        figures.append(Figure(
            file=file, index=len(figures) + 1, value=int(re.sub(r"\D", "", m.group())), value_max=None,
            text=m.group(), start=m.start(), end=m.end(), line=line_no, unit=unit, unit_text="",
            category=category, qualifier="exact", direction=None, metric=line_text.strip(),
            metric_en=None, year=None, period=None, baseline=None, sentence=line_text,
        ))
    return figures, skipped


def as_iter_scan(scan):
    """A ``scan`` of Figure objects as the pipeline's ``iter_scan``: one chunk of dicts."""

    def iter_scan(text, file="-"):
        figures, skipped = scan(text, file)
        yield [f.to_dict() for f in figures], [s.to_dict() for s in skipped]

    return iter_scan


def use_scan(monkeypatch, scan) -> None:
    """Make the pipeline run ``scan`` (returning Figure objects) instead of the real engine."""
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", as_iter_scan(scan))


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace the extraction engine with :func:`fake_scan` for the duration of a test."""
    use_scan(monkeypatch, fake_scan)
    return fake_scan
