"""Scoring (SPEC §8): the same numbers as ../shared/tools/score.py, worked out by hand here."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crimestats.cli import cli
from crimestats.evaluate import SCORE_KEYS, evaluate, fold, score


def gold(doc, start, end, text, value, **kw):
    row = {"doc": doc, "start": start, "end": end, "text": text, "value": value, "value_max": None,
           "unit": "case", "category": "cases", "qualifier": "exact", "direction": None, "year": 2023,
           "keywords": ["bắt giữ"], "optional": False}
    return {**row, **kw}


def pred(file, start, end, text, value, **kw):
    row = {"file": file, "start": start, "end": end, "text": text, "value": value, "unit": "case",
           "category": "cases", "qualifier": "exact", "direction": None, "year": 2023,
           "metric": "Bắt giữ vụ trộm cắp"}
    return {**row, **kw}


GOLD = [
    gold("a.txt", 0, 5, "10 vụ", 10),                      # matched, every field right
    gold("a.txt", 10, 15, "5 vụ", 5, optional=True),       # optional, found: costs nothing
    gold("a.txt", 20, 25, "3 vụ", 3),                      # missed (the overlapping prediction has another value)
    gold("a.txt", 40, 45, "9 vụ", 9, optional=True),       # optional, not found: costs nothing
    gold("b.txt", 0, 4, "7 người", 7, unit="person", category="arrests", keywords=["khởi tố"]),
]
PRED = [
    pred("out/a.txt", 2, 6, "10 vụ", 10.0),                # overlaps g1, same value as a float
    pred("a.txt", 10, 15, "5 vụ", 5),
    pred("a.txt", 30, 33, "1 vụ", 1),                      # extra
    pred("a.txt", 21, 24, "4 vụ", 4),                      # overlaps g3 but the value differs: extra
    pred("/x/b.txt", 1, 3, "7", 7, unit="person", category="people", metric="bắt 7 người"),
    pred("c.txt", 0, 2, "12", 12),                         # a document without gold: extra
]

# By hand: matched 2 (a:10, b:7); missed 1 (a:3); extras 3 (a:1, a:4, c:12).
# precision 2/5, recall 2/3, F1 = 2·0.4·0.6667/1.0667 = 0.5; one fully right → 2·1/(5+3) = 0.25.
# Fields over the 2 matches: category 1/2 (b is people, not arrests), metric keywords 1/2
# ("khởi tố" is not in "bắt 7 người"), every other field 2/2. Metric lengths over the 6
# predictions: 3, 5, 5, 5, 5, 5 words: median and 90th percentile 5.
EXPECTED = {
    "gold": 3, "found": 5, "matched": 2, "precision": 0.4, "recall": 0.6667, "f1": 0.5, "full_f1": 0.25,
    "unit": 1.0, "category": 0.5, "qualifier": 1.0, "direction": 1.0, "year": 1.0, "metric_keywords": 0.5,
    "metric_words_median": 5, "metric_words_p90": 5,
}


def test_score_by_hand():
    result = score(GOLD, PRED)
    assert result == EXPECTED
    assert tuple(result) == SCORE_KEYS


def test_details():
    details = evaluate(GOLD, PRED)
    assert [(m["doc"], m["text"]) for m in details["misses"]] == [("a.txt", "3 vụ")]
    assert [(e["doc"], e["text"]) for e in details["extras"]] == [("a.txt", "1 vụ"), ("a.txt", "4 vụ"), ("c.txt", "12")]
    assert [(w["doc"], w["text"], w["field"], w["gold"], w["found"]) for w in details["wrong"]] == [
        ("b.txt", "7 người", "category", "arrests", "people"),
        ("b.txt", "7 người", "metric", ["khởi tố"], "bắt 7 người"),
    ]


def test_each_prediction_matches_one_gold_figure():
    golds = [gold("a.txt", 0, 10, "x", 1), gold("a.txt", 5, 15, "y", 1)]
    assert score(golds, [pred("a.txt", 4, 8, "1", 1)])["matched"] == 1
    assert score(golds, [pred("a.txt", 4, 8, "1", 1), pred("a.txt", 6, 9, "1", 1)])["matched"] == 2


def test_empty():
    assert score([], []) == dict.fromkeys(SCORE_KEYS, 0.0) | {"gold": 0, "found": 0, "matched": 0,
                                                             "metric_words_median": 0, "metric_words_p90": 0}


@pytest.mark.parametrize(("metric", "ok"), [("BẮT GIỮ 10 vụ", True), ("bat giu", True), ("bắt", False), (None, False)])
def test_keywords_compare_without_case_or_diacritics(metric, ok):
    assert score([gold("a.txt", 0, 5, "10 vụ", 10)], [pred("a.txt", 0, 5, "10 vụ", 10, metric=metric)])[
        "metric_keywords"] == (1.0 if ok else 0.0)
    assert fold("Đường Ệ") == "duong e"


def test_eval_command_scores_what_extract_writes(tmp_path, fake_extractor):
    """`eval` runs the extractor on the gold's documents and scores like score() on extract's JSONL."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Công an xã bắt giữ 10 vụ, sau đó là 3 vụ khác.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Viện kiểm sát khởi tố 7 người trong năm 2023.\n", encoding="utf-8")
    rows = [
        gold("a.txt", 19, 24, "10 vụ", 10, year=None),
        gold("a.txt", 36, 40, "3 vụ", 4),
        gold("b.txt", 21, 28, "7 người", 7, unit="person", category="people", year=None,
             keywords=["khởi tố"]),
    ]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "200"})
    jsonl = runner.invoke(cli, ["extract", str(docs), "-f", "jsonl"]).stdout
    predicted = [json.loads(line) for line in jsonl.splitlines()]

    result = runner.invoke(cli, ["eval", str(gold_path), "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == score(rows, predicted)
    # by hand: 10 and 7 match with every field right; 3 is found with value 3, not the gold's 4
    assert {k: v for k, v in json.loads(result.stdout).items() if not k.startswith("metric_words")} == {
        "gold": 3, "found": 3, "matched": 2, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
        "full_f1": 0.6667, "unit": 1.0, "category": 1.0, "qualifier": 1.0, "direction": 1.0, "year": 1.0,
        "metric_keywords": 1.0,
    }

    verbose = json.loads(runner.invoke(cli, ["eval", str(gold_path), "--docs", str(docs), "--json", "-v"]).stdout)
    assert [m["text"] for m in verbose["misses"]] == ["3 vụ"]
    assert [e["text"] for e in verbose["extras"]] == ["3"]

    table = runner.invoke(cli, ["eval", str(gold_path), "--docs", str(docs), "--verbose"])
    assert table.exit_code == 0
    assert "f1" in table.stdout and "missed gold figures (1)" in table.stdout and "3 vụ" in table.stdout


def test_eval_missing_document_and_bad_gold(tmp_path):
    runner = CliRunner()
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(gold("absent.txt", 0, 2, "10", 10)) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(gold_path), "--docs", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"crimestats: error: {tmp_path / 'absent.txt'}: ")
    assert json.loads(result.stdout)["gold"] == 1

    gold_path.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(gold_path), "--docs", str(tmp_path)])
    assert result.exit_code == 1 and result.stderr.startswith(f"crimestats: error: {gold_path}: line 1")
