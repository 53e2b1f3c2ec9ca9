"""Score extracted figures against gold annotations (SPEC §8), as ``../shared/tools/score.py`` does.

A predicted figure matches a gold figure of the same document (compared by file base name)
when their spans overlap and their values are equal; each gold figure takes the first unused
prediction that fits. Optional gold figures cost nothing either way and a prediction matched
to one is not an extra. Among matches, unit, category, qualifier, direction and year are
scored by equality and ``metric`` by whether it contains every gold keyword (case- and
diacritic-insensitively). Pure functions: rows in, numbers out.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from .textnorm import fold_word

FIELDS = ("unit", "category", "qualifier", "direction", "year")
SCORE_KEYS = (
    "gold", "found", "matched", "precision", "recall", "f1", "full_f1",
    *FIELDS, "metric_keywords", "metric_words_median", "metric_words_p90",
)

__all__ = ["FIELDS", "SCORE_KEYS", "evaluate", "fold", "score"]


def fold(s: str | None) -> str:
    """Lower-case, no diacritics, ``đ`` → ``d``: how keywords are compared with metrics."""
    return fold_word(s or "")


def _same_value(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def _doc(name) -> str:
    return PurePath(name or "").name


def score(gold_rows, pred_rows) -> dict:
    """Precision, recall, F1, fully-right F1 and per-field accuracy of ``pred_rows``."""
    return evaluate(gold_rows, pred_rows)["scores"]


def evaluate(gold_rows, pred_rows) -> dict:
    """``{"scores": score(...), "misses": [...], "extras": [...], "wrong": [...]}``.

    ``misses`` are gold figures no prediction matched, ``extras`` predictions that matched
    nothing, ``wrong`` one entry per scored field a matched prediction got wrong (``field``,
    ``gold`` and ``found`` values). Each entry names its ``doc`` and ``text``.
    """
    by_doc_gold, by_doc_pred = defaultdict(list), defaultdict(list)
    for g in gold_rows:
        by_doc_gold[_doc(g["doc"])].append(g)
    for p in pred_rows:
        by_doc_pred[_doc(p.get("file"))].append(p)

    tp = fp = fn = full = keywords_ok = 0
    field_ok = dict.fromkeys(FIELDS, 0)
    misses, extras, wrong = [], [], []
    for doc in sorted(by_doc_gold.keys() | by_doc_pred.keys()):
        golds, preds = by_doc_gold.get(doc, []), by_doc_pred.get(doc, [])
        used: set[int] = set()
        for g in golds:
            hit = next(
                (j for j, p in enumerate(preds)
                 if j not in used
                 and p.get("start", -1) < g["end"] and g["start"] < p.get("end", -1)
                 and _same_value(p.get("value"), g["value"])),
                None,
            )
            if hit is None:
                if not g.get("optional"):
                    fn += 1
                    misses.append({"doc": doc, "text": g["text"], "start": g["start"], "value": g["value"]})
                continue
            used.add(hit)
            if g.get("optional"):
                continue
            p = preds[hit]
            tp += 1
            all_right = True
            for f in FIELDS:
                if p.get(f) == g.get(f):
                    field_ok[f] += 1
                else:
                    all_right = False
                    wrong.append({"doc": doc, "text": g["text"], "start": g["start"], "field": f,
                                  "gold": g.get(f), "found": p.get(f)})
            metric = fold(p.get("metric"))
            if all(fold(k) in metric for k in g.get("keywords", [])):
                keywords_ok += 1
            else:
                all_right = False
                wrong.append({"doc": doc, "text": g["text"], "start": g["start"], "field": "metric",
                              "gold": g.get("keywords"), "found": p.get("metric")})
            full += all_right
        for j, p in enumerate(preds):
            if j not in used:
                fp += 1
                extras.append({"doc": doc, "text": p.get("text"), "start": p.get("start"),
                               "value": p.get("value"), "category": p.get("category")})

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    found, gold = tp + fp, tp + fn
    scores = {
        "gold": gold, "found": found, "matched": tp,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "full_f1": round(2 * full / (found + gold), 4) if found + gold else 0.0,
    }
    for f in FIELDS:
        scores[f] = round(field_ok[f] / tp, 4) if tp else 0.0
    scores["metric_keywords"] = round(keywords_ok / tp, 4) if tp else 0.0
    # how long the metrics are, in words, over every figure found (as the scorer counts them)
    words = sorted(len((p.get("metric") or "").split()) for p in pred_rows)
    scores["metric_words_median"] = words[len(words) // 2] if words else 0
    scores["metric_words_p90"] = words[int(0.9 * (len(words) - 1))] if words else 0
    return {"scores": scores, "misses": misses, "extras": extras, "wrong": wrong}
