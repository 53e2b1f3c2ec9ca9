"""The views of the records on the command line: filters on extract, summary, the html page,
the table in 80 columns. Reports are invented for the test (tests/test_places.py,
tests/test_repeats.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crimestats import pipeline
from crimestats.cli import cli
from crimestats.summary import CSV_FIELDS, Summary, in_breakdown, summarize
from test_places import TWO_PROVINCES
from test_repeats import HEADLINE_REPORT

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(TWO_PROVINCES, encoding="utf-8")
    (folder / "b.txt").write_text(HEADLINE_REPORT, encoding="utf-8")
    return folder


def run(*args, columns=200, **kwargs):
    runner = CliRunner(env={"COLUMNS": str(columns)})
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def picked(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [f"{Path(r['file']).stem}{r['index']}" for r in json.loads(result.stdout)]


ALL = ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ALL),
        (["--year", "2023"], ["a1", "a2"]),
        # b's headline comes before its dated body: the date's year holds for the whole report
        (["--year", "2023", "--year", "2024"], ALL),
        (["--place", "Ha Tinh"], ["a2"]),
        (["--place", "ca nuoc"], ["a3"]),
        (["--place", "Lạng Sơn", "--place", "nghe an"], ["a1", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"]),
        (["--place", "Atlantis"], []),
        (["--unit", "kg"], ["b2", "b4"]),
        (["--unit", "KG", "--unit", "vnd"], ["b2", "b4", "b5"]),
        (["--metric", "MA TUY"], ["a1", "b1", "b2", "b3"]),
        (["--metric", "trộm cắp"], ["a2", "b6", "b7"]),
        (["--no-repeats"], ["a1", "a2", "a3", "b1", "b2", "b5", "b6", "b7", "b8"]),
        (["-c", "arrests", "--place", "Lang Son", "--no-repeats"], ["b1", "b6", "b7", "b8"]),
        (["-c", "cases", "--year", "2024"], ["a3"]),
        (["--metric", "ma tuy", "--year", "2024"], ["b1", "b2", "b3"]),
    ],
)
def test_extract_filters(reports, args, expected):
    assert picked(run("extract", reports, "-f", "json", "-j", "1", *args)) == expected


def test_filters_are_the_same_with_workers(reports):
    args = ["--place", "Lang Son", "--no-repeats", "-c", "arrests"]
    assert picked(run("extract", reports, "-f", "json", "-j", "2", *args)) == ["b1", "b6", "b7", "b8"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "twenty"], "is not a valid integer"),
        (["--unit", "furlong"], "is not one of"),
    ],
)
def test_bad_filter_values_are_usage_errors(reports, args, message):
    result = run("extract", reports, *args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_records_carry_place_and_repeat_of(reports):
    records = json.loads(run("extract", reports / "b.txt", "-f", "json").stdout)
    assert [r["repeat_of"] for r in records] == [None, None, 1, 2, None, None, None, None]
    assert {r["place"] for r in records} == {"Lạng Sơn"}


def test_schema_describes_place_and_repeat_of():
    figure = json.loads(run("schema").stdout)["$defs"]["figure"]
    assert figure["properties"]["place"]["type"] == ["string", "null"]
    assert figure["properties"]["repeat_of"]["type"] == ["integer", "null"]
    assert {"place", "repeat_of"} <= set(figure["required"])


# -- summary -------------------------------------------------------------------------------

def expected_summary(folder: Path) -> Summary:
    files = sorted(folder.glob("*.txt"))
    return summarize((str(p), pipeline.scan(p.read_text(encoding="utf-8"), str(p))[0]) for p in files)


def test_summary_json_round_trips(reports):
    result = run("summary", reports, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    loaded = Summary.from_dict(data)
    assert loaded == expected_summary(reports)
    assert loaded.to_dict() == data


def test_summary_of_a_report_with_a_restated_headline(reports):
    data = json.loads(run("summary", reports / "b.txt", "-f", "json").stdout)
    (report,) = data["reports"]
    assert (report["place"], report["year"], report["figures"], report["repeats"]) == ("Lạng Sơn", 2024, 8, 2)
    heads = {c["category"]: (c["count"], c["headline"]["text"], c["headline"]["index"]) for c in report["categories"]}
    assert heads == {"arrests": (5, "25 đối tượng", 1), "seizure": (2, "3 kg", 2),
                     "money": (1, "120 triệu đồng", 5)}
    # the title's headline names no year: the cross table files it under the report's year
    cross = {(r["place"], r["year"], r["category"], r["unit"]): [v["text"] for v in r["values"]]
             for r in data["cross"]}
    assert cross[("Lạng Sơn", 2024, "arrests", "person")] == ["25 đối tượng"]


def test_a_figure_in_a_breakdown_is_no_headline():
    text = ("Năm 2023, Công an tỉnh Sơn La bắt 40 đối tượng (trong đó 12 đối tượng ma túy); trong đó "
            "15 vụ trộm cắp, 10 vụ cướp giật; phát hiện 31 vụ đánh bạc.\n")
    figures, _ = pipeline.scan(text)
    assert [f["text"] for f, part in zip(figures, in_breakdown(figures)) if part] == [
        "12 đối tượng", "15 vụ", "10 vụ"]
    report = summarize([("x", figures)]).reports[0]
    assert {c.category: c.headline.text for c in report.categories} == {"arrests": "40 đối tượng",
                                                                         "cases": "31 vụ"}


def test_summary_table_has_one_row_per_report_and_a_cross_table(reports, tmp_path):
    (reports / "seed.txt").write_text((DATA / "thai-nguyen-province-crime-prevention-2021.txt")
                                      .read_text(encoding="utf-8"), encoding="utf-8")
    result = run("summary", reports, "-f", "table", columns=80)
    assert result.exit_code == 0
    out = result.stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    rows = [line for line in out.splitlines() if re.match(r"│ \d+ │", line)]
    assert [int(line.split("│")[1]) for line in rows] == [1, 2, 3]
    assert "headline figures by place, year, category and unit" in out
    assert "Thái Nguyên" in out and "90,9 %" in out and "(#3)" in out


def test_summary_csv(reports):
    rows = list(csv.DictReader(io.StringIO(run("summary", reports, "-f", "csv").stdout)))
    assert tuple(rows[0]) == CSV_FIELDS
    assert [(Path(r["file"]).name, r["category"]) for r in rows] == [
        ("a.txt", "cases"), ("a.txt", "arrests"), ("b.txt", "arrests"), ("b.txt", "money"), ("b.txt", "seizure")]


def test_summary_reads_stdin_and_reports_a_missing_file(reports, tmp_path):
    result = run("summary", "-", tmp_path / "missing.txt", "-f", "json", input=HEADLINE_REPORT)
    assert result.exit_code == 1
    assert [r["file"] for r in json.loads(result.stdout)["reports"]] == ["-"]
    assert result.stderr.startswith("crimestats: error:") and "missing.txt" in result.stderr


def test_summary_writes_to_a_file(reports, tmp_path):
    out = tmp_path / "summary.json"
    assert run("summary", reports, "-f", "json", "-o", out).exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["reports"]) == 2


# -- the table -----------------------------------------------------------------------------

def test_the_table_reads_in_80_columns_with_lines_and_a_total(reports):
    result = run("extract", reports / "b.txt", "-f", "table", columns=80)
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    title = " ".join(line.strip() for line in lines[:next(i for i, line in enumerate(lines) if line.startswith("┏"))])
    assert "b.txt" in title and "Lạng Sơn" in title
    first_cells = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert [c for c in first_cells if c.isdigit()] == ["1", "1", "3", "3", "3", "3", "3", "3"]
    total = next(line for line in lines if "total" in line)
    assert "8 figures" in total and "arrests 5" in total
    assert sum("repeat" in line for line in lines) == 2


# -- html ----------------------------------------------------------------------------------

def test_html_page_is_self_contained_and_marks_every_figure(reports, tmp_path):
    (reports / "c.txt").write_text("Tại Hà Nội <script>alert(1)</script> bắt 5 đối tượng & 3 vụ.\n",
                                   encoding="utf-8")
    out = tmp_path / "report.html"
    result = run("extract", reports, "-f", "html", "-o", out)
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    records = json.loads(run("extract", reports, "-f", "json").stdout)
    for k, name in enumerate(["a.txt", "b.txt", "c.txt"]):
        for r in (r for r in records if r["file"].endswith(name)):
            assert f'id="f-{k}-{r["index"]}"' in page and f'href="#f-{k}-{r["index"]}"' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "Content-Security-Policy" in page and 'id="summary"' in page


# -- help ----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["extract", "summary", "schema", "eval"])
def test_every_command_teaches_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


@pytest.mark.parametrize(("option", "text"), [("--place", "Thai Nguyen"), ("--metric", "ma tuy"),
                                              ("--no-repeats", "repeat_of"), ("html", "html")])
def test_extract_help_names_the_new_options(option, text):
    out = run("extract", "--help").stdout
    assert option in out and text in out
