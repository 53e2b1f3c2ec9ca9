"""Shared fixtures: a stand-in extractor so that CLI tests do not depend on extraction results."""

from __future__ import annotations

import re
import unicodedata

import pytest

import crimestats.pipeline

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
    """Every digit run is a figure record (its line as metric and sentence), except four-digit
    years, which are skipped numbers. Records are plain dicts, as the pipeline makes them."""
    figures, skipped = [], []
    for m in NUMBER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_text = text[line_start:] if line_end < 0 else text[line_start:line_end]
        line_no = text.count("\n", 0, m.start()) + 1
        if re.fullmatch(r"(19|20)\d\d", m.group()):
            skipped.append(dict(file=file, text=m.group(), start=m.start(), end=m.end(), line=line_no,
                                reason="year"))
            continue
        after = text[m.end():m.end() + 12].lstrip()
        unit, category = next(((u, c) for w, (u, c) in UNIT_CATEGORY.items() if after.startswith(w)),
                              ("item", "count"))
        figures.append(dict(
            file=file, index=len(figures) + 1, value=int(re.sub(r"\D", "", m.group())), value_max=None,
            text=m.group(), start=m.start(), end=m.end(), line=line_no, unit=unit, unit_text="",
            category=category, qualifier="exact", direction=None, metric=line_text.strip(),
            metric_en=None, year=None, period=None, baseline=None, sentence=line_text, place=None,
            repeat_of=None,
        ))
    return figures, skipped


def fake_iter_scan(text: str, file: str = "-"):
    """:func:`fake_scan` as ``crimestats.pipeline.iter_scan`` gives it: in one chunk."""
    yield fake_scan(text, file)


def chunked(scan):
    """An ``iter_scan`` stand-in made of a ``scan`` one: its records in one chunk."""

    def iter_scan(text: str, file: str = "-"):
        yield scan(text, file)

    return iter_scan


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace the extraction pipeline with :func:`fake_scan` for the duration of a test."""
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", fake_iter_scan)
    return fake_scan
