"""Input no report would contain must not make the extractor backtrack or hang.

The whole-text pattern passes run under the regex module's timeout; here the timeout is
cut to a few seconds, so a pattern that backtracks on these inputs raises TimeoutError and
the test fails, whatever the machine's speed. No test measures time itself (see
benchmarks/ for figures).
"""

from __future__ import annotations

import pytest

import crimestats.document as document
import crimestats.pipeline as pipeline
from crimestats import scan
from crimestats.cli import cli

HOSTILE = {
    "dotted digits": "1." * 300_000,
    "comma digits": "1," * 300_000,
    "one long number": "7" * 600_000,
    "slashes and dashes": "1/2-3/4-" * 80_000,
    "date-like runs": "12/12/2012/" * 20_000,
    "percent signs": "%1" * 60_000,
    "spaces then a figure": " " * 600_000 + "5 vụ",
}


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(document, "pass_timeout", lambda size: 3.0)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_line_is_read_without_backtracking(short_timeout, text):
    figures, skipped = scan(text)
    for f in figures:
        assert text[f.start:f.end] == f.text


def test_repeated_unit_words_give_every_figure(short_timeout):
    n = 4_000
    text = "bắt giữ 12 đối tượng, " * n
    figures, _ = scan(text)
    assert len(figures) == n
    assert all(f.value == 12 and f.category == "arrests" for f in figures)


def test_written_numbers_repeated(short_timeout):
    n = 3_000
    figures, _ = scan("hàng trăm người, " * n)
    assert len(figures) == n
    assert {f.qualifier for f in figures} == {"at_least"}


def test_a_sentence_with_no_end_is_cut_and_offsets_hold(short_timeout):
    # 50 000 characters with no full stop: cut into bounded sentences, spans still exact
    text = "trong đợt cao điểm lực lượng chức năng bắt giữ 3 đối tượng và thu giữ 2 kg ma túy " * 600
    figures, _ = scan(text)
    assert len(figures) == 1200
    assert all(text[f.start:f.end] == f.text for f in figures)
    assert max(len(f.sentence) for f in figures) <= document.MAX_SENTENCE


def test_a_timeout_is_reported_for_its_file_and_the_others_go_on(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import crimestats.pipeline as pipeline

    slow = tmp_path / "slow.txt"
    slow.write_text("Bắt giữ 3 đối tượng.", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Thu giữ 2 kg ma túy.", encoding="utf-8")
    real_iter_scan = pipeline.iter_scan

    def iter_scan_or_time_out(text, file="-"):
        if file.endswith("slow.txt"):
            raise TimeoutError("regex timed out")
        yield from real_iter_scan(text, file)

    monkeypatch.setattr(pipeline, "iter_scan", iter_scan_or_time_out)
    result = CliRunner().invoke(cli, ["extract", str(slow), str(good), "-f", "jsonl"])
    assert result.exit_code == 1
    assert "crimestats: error:" in result.stderr and "slow.txt" in result.stderr
    assert '"good.txt"' in result.stdout or "good.txt" in result.stdout


def test_iter_scan_gives_the_same_records_in_pieces(monkeypatch):
    from crimestats import iter_scan

    text = "Năm 2020, bắt giữ 12 đối tượng, thu giữ 3 kg ma túy. " * 400
    whole = scan(text)
    monkeypatch.setattr(pipeline, "CHUNK", 1_000)  # many small pieces
    pieces = list(iter_scan(text))
    assert len(pieces) > 10
    assert [f for fs, _ in pieces for f in fs] == whole[0]
    assert [s for _, ss in pieces for s in ss] == whole[1]
