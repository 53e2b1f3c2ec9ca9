"""The command line: formats, inputs, errors and exit codes, output safety."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import cp1258_form
from crimestats import __version__
from crimestats.cli import cli
from crimestats.figure import FIELD_NAMES

REPORT = (
    "Năm 2024, công an thị xã Sơn Tây đã bắt giữ 35 đối tượng và phát hiện 12 vụ đánh bạc.\n"
    "Lực lượng cứu hộ đã đưa 8 người ra khỏi đám cháy an toàn.\n"
)
OTHER = "Đội tuần tra xử lý 41 vụ vi phạm giao thông trên tuyến đê.\n"


@pytest.fixture
def runner():
    return CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "son-tay.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def run(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("crimestats: error:")]


# -- formats -------------------------------------------------------------------------------


def check_json(out):
    records = json.loads(out)
    assert isinstance(records, list) and records
    assert all(set(r) == set(FIELD_NAMES) for r in records)


def check_jsonl(out):
    lines = out.splitlines()
    assert lines and all(set(json.loads(line)) == set(FIELD_NAMES) for line in lines)


def check_csv(out):
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == FIELD_NAMES
    assert len(rows) > 1 and all(len(r) == len(FIELD_NAMES) for r in rows)


def check_table(out):
    assert "son-tay.txt" in out.splitlines()[0]  # the title names the input
    assert "value" in out and "category" in out and "metric" in out
    assert "arrests 1" in out  # footer counts figures per category


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["-f", "json"], check_json),
        (["--format", "jsonl"], check_jsonl),
        (["-f", "csv"], check_csv),
        (["-f", "table"], check_table),
        (["-f", "TABLE"], check_table),
        ([], check_json),  # auto: stdout is not a terminal here
        (["-f", "auto"], check_json),
    ],
)
def test_formats(runner, report, fake_extractor, args, check):
    result = run(runner, "extract", report, *args)
    assert result.exit_code == 0, result.output
    check(result.stdout)


def test_real_extractor_formats_well_formed(runner):
    """Whatever the engine finds in the bundled reports, every format is well formed."""
    data = Path(__file__).resolve().parent.parent / "data"
    outputs = {fmt: run(runner, "extract", data, "-f", fmt) for fmt in ("json", "jsonl", "csv", "table")}
    assert all(r.exit_code == 0 for r in outputs.values())
    records = json.loads(outputs["json"].stdout)
    assert records == [json.loads(line) for line in outputs["jsonl"].stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].stdout)))
    assert tuple(rows[0].keys() if rows else FIELD_NAMES) == FIELD_NAMES and len(rows) == len(records)
    for r in records:
        text = Path(r["file"]).read_text(encoding="utf-8")
        assert text[r["start"]:r["end"]] == r["text"]
    for path in data.glob("*.txt"):
        assert str(path) in outputs["table"].stdout.replace("\n", "") or path.name[:20] in outputs["table"].stdout


def test_json_of_several_inputs_is_one_array(runner, tmp_path, report, fake_extractor):
    other = tmp_path / "de.txt"
    other.write_text(OTHER, encoding="utf-8")
    records = json.loads(run(runner, "extract", report, other).stdout)
    assert [r["file"] for r in records] == [str(report)] * 3 + [str(other)]
    assert [r["index"] for r in records] == [1, 2, 3, 1]


def test_empty_output_is_still_well_formed(runner, tmp_path, fake_extractor):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    assert json.loads(run(runner, "extract", empty, "-f", "json").stdout) == []
    assert run(runner, "extract", empty, "-f", "jsonl").stdout == ""
    assert run(runner, "extract", empty, "-f", "csv").stdout.strip() == ",".join(FIELD_NAMES)


# -- inputs --------------------------------------------------------------------------------


def test_stdin(runner, fake_extractor):
    result = run(runner, "extract", "-", "-f", "jsonl", input=OTHER.encode("utf-8"))
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["file"] == "-" and record["text"] == "41" and OTHER[record["start"]:record["end"]] == "41"


def test_stdin_in_legacy_encoding(runner, fake_extractor):
    result = run(runner, "extract", "-", "-f", "json", input=OTHER.encode("utf-16"))
    assert json.loads(result.stdout)[0]["sentence"] == OTHER.rstrip("\n")


def test_directory_is_searched_recursively(runner, tmp_path, fake_extractor):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "sau.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "a" / "truoc.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a" / "ghi-chu.md").write_text(OTHER, encoding="utf-8")
    files = {r["file"] for r in json.loads(run(runner, "extract", tmp_path / "a").stdout)}
    assert files == {str(tmp_path / "a" / "b" / "sau.txt"), str(tmp_path / "a" / "truoc.txt")}
    files = {r["file"] for r in json.loads(run(runner, "extract", tmp_path / "a", "--glob", "*.md").stdout)}
    assert files == {str(tmp_path / "a" / "ghi-chu.md")}


def test_directory_without_matches_warns(runner, tmp_path, fake_extractor):
    (tmp_path / "empty").mkdir()
    result = run(runner, "extract", tmp_path / "empty")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr.startswith(f"crimestats: warning: {tmp_path / 'empty'}: no files match")


@pytest.mark.parametrize("categories", [["arrests"], ["arrests", "cases"], ["ARRESTS"]])
def test_category_filter(runner, report, fake_extractor, categories):
    args = [a for c in categories for a in ("-c", c)]
    records = json.loads(run(runner, "extract", report, *args).stdout)
    wanted = {c.lower() for c in categories}
    assert records and {r["category"] for r in records} == wanted


def test_encoding_option_and_cp1258_detection(runner, tmp_path, fake_extractor):
    path = tmp_path / "cu.txt"
    legacy = cp1258_form(OTHER)
    path.write_bytes(legacy.encode("cp1258"))
    detected = run(runner, "extract", path)
    assert detected.exit_code == 0 and detected.stderr == ""
    (record,) = json.loads(detected.stdout)
    assert record["sentence"] == legacy.rstrip("\n")  # tone marks stay combining: offsets index this
    assert legacy[record["start"]:record["end"]] == "41"
    forced = run(runner, "extract", path, "--encoding", "latin-1")
    assert json.loads(forced.stdout)[0]["sentence"] != legacy.rstrip("\n")


def test_bad_bytes_give_a_warning_and_figures(runner, tmp_path, fake_extractor):
    path = tmp_path / "hong.txt"
    path.write_bytes(OTHER.encode("utf-8").replace("tuyến".encode(), b"tuy\xffn"))
    result = run(runner, "extract", path)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"crimestats: warning: {path}: ") and len(result.stderr.splitlines()) == 1
    assert json.loads(result.stdout)[0]["text"] == "41"


# -- output file -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_output_file(runner, tmp_path, report, fake_extractor, fmt):
    out = tmp_path / "out" / f"figures.{fmt}"
    out.parent.mkdir()
    out.write_text("old content", encoding="utf-8")
    result = run(runner, "extract", report, "-f", fmt, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert "35" in out.read_text(encoding="utf-8") and "old content" not in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_output_file_auto_format_is_json(runner, tmp_path, report, fake_extractor):
    out = tmp_path / "figures.out"
    run(runner, "extract", report, "-o", out)
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3


def test_output_into_missing_directory_fails_cleanly(runner, tmp_path, report, fake_extractor):
    out = tmp_path / "missing" / "figures.json"
    result = run(runner, "extract", report, "-o", out)
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1 and not out.exists()


def test_failed_run_leaves_old_output_untouched(runner, tmp_path, report, fake_extractor, monkeypatch):
    from crimestats import render

    def broken_write(self, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(render.JsonWriter, "write_figures", broken_write)
    out = tmp_path / "figures.json"
    out.write_text("[]\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(report), "-o", str(out)])
    assert result.exit_code == 130
    assert out.read_text(encoding="utf-8") == "[]\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# -- errors and exit codes -------------------------------------------------------------------


def test_missing_file_is_an_error_but_others_are_processed(runner, tmp_path, report, fake_extractor):
    missing = tmp_path / "khong-co.txt"
    result = run(runner, "extract", missing, report)
    assert result.exit_code == 1
    assert error_lines(result) == [f"crimestats: error: {missing}: No such file or directory"]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert {r["file"] for r in json.loads(result.stdout)} == {str(report)}


def test_binary_file_is_an_error(runner, tmp_path, report, fake_extractor):
    binary = tmp_path / "anh.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = run(runner, "extract", binary, report)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line.startswith(f"crimestats: error: {binary}: binary")
    assert len(json.loads(result.stdout)) == 3


def test_unreadable_path_is_an_error(runner, tmp_path, report, fake_extractor):
    inside_a_file = report / "x.txt"
    result = run(runner, "extract", inside_a_file, report)
    assert result.exit_code == 1
    assert error_lines(result) == [f"crimestats: error: {inside_a_file}: Not a directory"]
    assert len(json.loads(result.stdout)) == 3


def test_permission_denied_is_an_error(runner, tmp_path, report, fake_extractor, monkeypatch):
    locked = tmp_path / "khoa.txt"
    locked.write_text(OTHER, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):  # chmod 000 does not stop root, so refuse the read here
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run(runner, "extract", locked, report)
    assert result.exit_code == 1
    assert error_lines(result) == [f"crimestats: error: {locked}: Permission denied"]
    assert len(json.loads(result.stdout)) == 3


def test_extraction_failure_is_reported_per_file(runner, tmp_path, report, monkeypatch):
    import crimestats.pipeline
    from conftest import chunked, fake_scan

    def picky_scan(text, file="-"):
        if "41" in text:
            raise TimeoutError("regex timed out")
        return fake_scan(text, file)

    monkeypatch.setattr(crimestats.pipeline, "iter_scan", chunked(picky_scan))
    bad = tmp_path / "de.txt"
    bad.write_text(OTHER, encoding="utf-8")
    result = run(runner, "extract", bad, report)
    assert result.exit_code == 1
    assert error_lines(result) == [f"crimestats: error: {bad}: extraction failed: TimeoutError: regex timed out"]
    assert len(json.loads(result.stdout)) == 3


def test_empty_file_is_not_an_error(runner, tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    result = run(runner, "extract", empty)
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "x.txt", "-f", "xml"],
        ["extract", "x.txt", "-c", "weather"],
        ["extract", "x.txt", "--encoding", "no-such-codec"],
        ["extract", "x.txt", "--no-such-option"],
        ["eval", "missing-gold.jsonl", "--docs", "."],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# -- other commands --------------------------------------------------------------------------


def test_schema(runner):
    result = run(runner, "schema")
    assert result.exit_code == 0
    figure = json.loads(result.stdout)["$defs"]["figure"]
    assert set(figure["properties"]) == set(FIELD_NAMES)
    assert figure["required"] == list(FIELD_NAMES)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(runner, flag):
    result = run(runner, flag)
    assert result.exit_code == 0 and result.stdout.strip() == f"crimestats {__version__}"


def all_commands():
    return [("crimestats", cli), *((f"crimestats {n}", c) for n, c in cli.commands.items())]


@pytest.mark.parametrize(("name", "command"), all_commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_with_an_example(runner, name, command):
    assert command.help and "Example" in command.help, f"{name} lacks help text with an example"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts[0]} lacks help"
    result = run(runner, *name.split()[1:], "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


def test_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "crimestats", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"crimestats {__version__}"


# -- skipped numbers -------------------------------------------------------------------------


def test_skipped_in_json_and_jsonl(runner, report, fake_extractor):
    for fmt in ("json", "jsonl"):
        out = run(runner, "extract", report, "-f", fmt, "--skipped").stdout
        records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        skipped = [r for r in records if r.get("skipped")]
        assert [(r["text"], r["reason"]) for r in skipped] == [("2024", "year")]
        assert len(records) - len(skipped) == 3
    without = json.loads(run(runner, "extract", report).stdout)
    assert not any("skipped" in r for r in without)


def test_skipped_in_csv_and_table(runner, report, fake_extractor):
    rows = list(csv.DictReader(io.StringIO(run(runner, "extract", report, "-f", "csv", "--skipped").stdout)))
    assert [(r["text"], r["reason"]) for r in rows if r["skipped"] == "true"] == [("2024", "year")]
    assert sum(r["skipped"] == "false" for r in rows) == 3
    table = run(runner, "extract", report, "-f", "table", "--skipped").stdout
    assert "not taken as figures" in table and "2024" in table and "year" in table


# -- output safety ---------------------------------------------------------------------------


def test_rich_markup_in_input_is_shown_literally(runner, tmp_path, fake_extractor):
    path = tmp_path / "[bold]danh-sach.txt"
    path.write_text("Tổ [bold]công tác[/bold] kiểm tra 14 cơ sở [link=http://x]karaoke[/link].\n",
                    encoding="utf-8")
    out = run(runner, "extract", path, "-f", "table").stdout
    assert "[bold]công tác[/bold]" in out
    assert "[link=http://x]karaoke[/link]" in out
    assert "[bold]danh-sach.txt" in out


def test_control_characters_stripped_from_table_and_escaped_in_json(runner, tmp_path, fake_extractor):
    path = tmp_path / "dieu-khien.txt"
    path.write_text("Phát hiện \x1b[31m27 trường hợp\x1b]0;pwned\x07 vi phạm\x9b2J.\n", encoding="utf-8")
    table = run(runner, "extract", path, "-f", "table").stdout
    assert not any(c in table for c in "\x1b\x07\x9b")
    assert "27" in table and "trường hợp" in table
    raw = run(runner, "extract", path, "-f", "jsonl").stdout
    assert not any(c in raw for c in "\x1b\x07\x9b")  # escaped as \u001b ... in the JSON text


def test_error_lines_do_not_carry_control_characters(runner, tmp_path, fake_extractor):
    result = run(runner, "extract", tmp_path / "x\x1b[2Jy.txt")
    assert result.exit_code == 1 and "\x1b" not in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_closed_pipe_ends_quietly(tmp_path, fmt):
    """`crimestats extract … | head -n 1`: no traceback when the reader goes away."""
    for i in range(30):
        (tmp_path / f"{i:02}.txt").write_text(REPORT * 200, encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import crimestats.pipeline
        from conftest import fake_iter_scan
        crimestats.pipeline.iter_scan = fake_iter_scan
        from crimestats.cli import main
        main(["extract", {str(tmp_path)!r}, "-f", {fmt!r}])
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert first
    assert stderr == ""


def test_start_up_imports_stay_light():
    """`crimestats --version` loads neither the extraction engine nor rich."""
    code = "import sys, crimestats, crimestats.cli; print(sorted(m for m in ('crimestats.pipeline', 'rich', 'regex') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]"


def test_package_exports_resolve():
    import crimestats
    import crimestats.library

    assert crimestats.extract is crimestats.library.extract and crimestats.scan is crimestats.library.scan
    assert crimestats.Figure.__name__ == "Figure" and "extract" in dir(crimestats)
    with pytest.raises(AttributeError):
        crimestats.no_such_thing  # noqa: B018
