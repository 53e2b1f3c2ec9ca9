"""Outputs for spreadsheets and databases: SQLite (-f sqlite, .db), CSV with a byte-order mark
(--bom, -f excel); --color and NO_COLOR; shell completion."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import crimestats.pipeline
from conftest import fake_scan
from crimestats.cli import cli
from crimestats.figure import FIELD_NAMES
from formats_fixtures import REPORT_PDF, image_only_pdf

DATA = Path(__file__).resolve().parent.parent / "data"
REPORT = (
    "Năm 2024, công an thị xã Sơn Tây đã bắt giữ 35 đối tượng và phát hiện 12 vụ đánh bạc.\n"
    "Lực lượng cứu hộ đã đưa 8 người ra khỏi đám cháy an toàn.\n"
)
OTHER = "Đội tuần tra xử lý 41 vụ vi phạm giao thông trên tuyến đê.\n"


def invoke(*args, env=None, **kwargs):
    runner = CliRunner(env={"COLUMNS": "120", **(env or {})})
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def query(path, sql: str, args: tuple = ()) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, args).fetchall()


def count(path, table: str = "figures") -> int:
    return query(path, f"SELECT count(*) FROM {table}")[0][0]


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    return folder


# -- SQLite ----------------------------------------------------------------------------------------


def test_sqlite_tables_are_typed_indexed_and_hold_every_figure(tmp_path):
    db = tmp_path / "figures.db"
    pdf = tmp_path / "report.pdf"
    shutil.copyfile(REPORT_PDF, pdf)
    result = invoke("extract", DATA, pdf, "-f", "sqlite", "-o", db)
    assert result.exit_code == 0 and result.stderr == ""
    records = json.loads(invoke("extract", DATA, pdf, "-f", "json").stdout)
    assert count(db) == len(records) > 20

    types = {name: kind for _, name, kind, *_ in query(db, "PRAGMA table_info(figures)")}
    assert set(types) == {"file_id", *FIELD_NAMES}
    assert (types["value"], types["value_max"], types["year"], types["index"], types["start"], types["text"],
            types["repeat_of"], types["source_format"]) == ("REAL", "REAL", "INTEGER", "INTEGER", "INTEGER", "TEXT",
                                                            "INTEGER", "TEXT")
    assert {kind for (kind,) in query(db, "SELECT DISTINCT typeof(value) FROM figures")} <= {"integer", "real"}
    assert {kind for (kind,) in query(db, 'SELECT DISTINCT typeof("index") FROM figures')} == {"integer"}
    assert {kind for (kind,) in query(db, "SELECT DISTINCT typeof(year) FROM figures")} <= {"integer", "null"}
    indexed = {query(db, f"PRAGMA index_info({name})")[0][2]
               for _, name, *_ in query(db, "PRAGMA index_list(figures)")}
    assert {"file", "category", "year"} <= indexed

    sums: dict[str, float] = {}
    for r in records:
        sums[r["category"]] = sums.get(r["category"], 0) + r["value"]
    by_category = dict(query(db, "SELECT category, sum(value) FROM figures GROUP BY category"))
    assert by_category == pytest.approx(sums)
    rows = query(db, "SELECT * FROM figures ORDER BY rowid")
    columns = [name for _, name, *_ in query(db, "PRAGMA table_info(figures)")]
    assert [{k: v for k, v in zip(columns, row) if k != "file_id"} for row in rows] == records
    files = query(db, "SELECT file, status, message, figures, source_format, length(sha256) FROM files ORDER BY file_id")
    assert [f[0] for f in files] == list(dict.fromkeys(r["file"] for r in records))
    assert {f[1:3] for f in files} == {("ok", None)} and {f[5] for f in files} == {64}
    assert files[-1][3:5] == (sum(r["file"] == str(pdf) for r in records), "pdf")


def test_running_again_adds_no_rows_and_a_changed_file_replaces_its_own(reports, tmp_path, monkeypatch):
    extracted = []

    def counting(text, file="-"):
        extracted.append(file)
        yield fake_scan(text, file)

    monkeypatch.setattr(crimestats.pipeline, "iter_scan", counting)
    db = tmp_path / "figures.db"
    assert invoke("extract", reports, "-o", db).exit_code == 0
    first = query(db, "SELECT * FROM figures ORDER BY rowid")
    assert len(first) == 4 and count(db, "files") == 2

    extracted.clear()
    again = invoke("extract", reports, "-o", db, "-j", "1")
    assert again.exit_code == 0 and extracted == []  # nothing read again
    assert again.stderr == (f"crimestats: note: {db}: 2 inputs already in the database (same name and content) "
                            f"were not added again\n")
    assert query(db, "SELECT * FROM figures ORDER BY rowid") == first and count(db, "files") == 2

    (reports / "b.txt").write_text("Xử lý 3 vụ và 7 vụ vi phạm.\n", encoding="utf-8")
    (reports / "c.txt").write_text(OTHER, encoding="utf-8")
    assert invoke("extract", reports, "-o", db).exit_code == 0
    per_file = dict(query(db, "SELECT file, count(*) FROM figures GROUP BY file"))
    assert per_file == {str(reports / "a.txt"): 3, str(reports / "b.txt"): 2, str(reports / "c.txt"): 1}
    assert query(db, "SELECT file, figures FROM files ORDER BY file") == sorted(per_file.items())

    # the same file twice in one run, and stdin twice with the same text: each once
    other = tmp_path / "d.txt"
    other.write_text(REPORT, encoding="utf-8")
    invoke("extract", other, other, "-o", db)
    invoke("extract", "-", "-o", db, input=OTHER.encode())
    invoke("extract", "-", "-o", db, input=OTHER.encode())
    per_file = dict(query(db, "SELECT file, count(*) FROM figures GROUP BY file"))
    assert per_file[str(other)] == 3 and per_file["-"] == 1


def test_the_files_table_says_how_each_input_went(reports, tmp_path, fake_extractor):
    bad_bytes = reports / "bad.txt"
    bad_bytes.write_bytes("Bắt 5 đối tượng ".encode() + b"\xff 3 " + "vụ".encode())
    scan = reports / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    broken = reports / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 no Word file")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "figures.db"
    for _ in range(2):  # the second run adds nothing, and the errors stay one row each
        result = invoke("extract", reports, missing, "-o", db)
        assert result.exit_code == 1
    rows = query(db, "SELECT file, status, message FROM files ORDER BY file")
    assert [(Path(f).name, s) for f, s, _ in rows] == [
        ("a.txt", "ok"), ("b.txt", "ok"), ("bad.txt", "warning"), ("broken.docx", "error"), ("scan.pdf", "warning"),
        ("missing.txt", "error")]
    messages = {Path(f).name: m for f, _, m in rows}
    assert messages["a.txt"] is None and "invalid byte" in messages["bad.txt"]
    assert messages["broken.docx"].startswith("not a readable DOCX file")
    assert messages["scan.pdf"].startswith("no text layer") and messages["missing.txt"] == "No such file or directory"


def test_skipped_numbers_go_to_their_own_table(reports, tmp_path, fake_extractor):
    db = tmp_path / "figures.db"
    assert invoke("extract", reports / "a.txt", "-o", db, "--skipped").exit_code == 0
    assert query(db, "SELECT text, reason, typeof(start) FROM skipped") == [("2024", "year", "integer")]


@pytest.mark.parametrize("name", ["figures.db", "figures.sqlite", "figures.SQLITE3"])
def test_the_database_format_follows_the_extension(reports, tmp_path, fake_extractor, name):
    result = invoke("extract", reports, "-o", tmp_path / name)
    assert result.exit_code == 0 and result.stderr == ""
    assert count(tmp_path / name) == 4


@pytest.mark.parametrize("args", [["-f", "sqlite"], ["-f", "sqlite", "-o", "-"]])
def test_sqlite_cannot_go_to_stdout(reports, args):
    result = CliRunner().invoke(cli, ["extract", str(reports), *args])
    assert result.exit_code == 2 and "SQLite cannot be written to stdout" in result.output


def test_sqlite_needs_a_regular_file(reports):
    result = invoke("extract", reports, "-f", "sqlite", "-o", "/dev/null")
    assert result.exit_code == 1
    assert result.stderr == "crimestats: error: /dev/null: not a regular file: a SQLite database must be one\n"


@pytest.mark.parametrize("kind", ["text", "another database"])
def test_a_file_that_is_no_crimestats_database_is_left_untouched(reports, tmp_path, fake_extractor, kind):
    db = tmp_path / "figures.db"
    if kind == "text":
        db.write_text("not a database\n" * 100, encoding="utf-8")
        reason = "not a SQLite database (file is not a database)"
    else:
        with contextlib.closing(sqlite3.connect(db)) as conn:
            conn.execute("CREATE TABLE figures (name TEXT)")
            conn.commit()
        reason = "a SQLite database that crimestats did not make: not written into"
    before = db.read_bytes()
    result = invoke("extract", reports, "-o", db)
    assert result.exit_code == 1 and result.stderr == f"crimestats: error: {db}: {reason}\n"
    assert db.read_bytes() == before


@pytest.mark.parametrize("existing", [False, True])
def test_an_interrupted_run_leaves_the_database_as_it_was(reports, tmp_path, monkeypatch, existing):
    db = tmp_path / "out" / "figures.db"
    db.parent.mkdir()
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", lambda text, file="-": iter([fake_scan(text, file)]))
    if existing:
        assert invoke("extract", reports / "a.txt", "-o", db).exit_code == 0
    before = query(db, "SELECT * FROM figures") if existing else None

    def interrupted(text, file="-"):
        if file.endswith("b.txt"):
            raise KeyboardInterrupt
        yield fake_scan(text, file)

    monkeypatch.setattr(crimestats.pipeline, "iter_scan", interrupted)
    (reports / "c.txt").write_text(OTHER, encoding="utf-8")
    result = invoke("extract", reports, "-o", db, "-j", "1")
    assert result.exit_code == 130
    if existing:
        assert query(db, "SELECT * FROM figures") == before and count(db, "files") == 1
        assert sorted(p.name for p in db.parent.iterdir()) == ["figures.db"]  # no journal left
    else:
        assert list(db.parent.iterdir()) == []


def test_a_database_keeps_its_mode_and_is_added_to_in_place(reports, tmp_path, fake_extractor):
    db = tmp_path / "figures.db"
    umask = os.umask(0o022)
    try:
        assert invoke("extract", reports / "a.txt", "-o", db).exit_code == 0
        assert stat.S_IMODE(db.stat().st_mode) == 0o644
        os.chmod(db, 0o640)
        link = tmp_path / "link.db"
        os.link(db, link)
        inode = db.stat().st_ino
        assert invoke("extract", reports, "-o", db).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(db.stat().st_mode) == 0o640 and db.stat().st_ino == inode
    assert count(link) == 4  # the other link sees the added rows


# -- CSV for Excel ----------------------------------------------------------------------------------


def test_bom_and_excel_write_csv_that_excel_reads_as_utf8(reports, tmp_path, fake_extractor):
    plain = invoke("extract", reports, "-f", "csv").stdout
    assert not plain.startswith("\ufeff")
    for args in (["-f", "csv", "--bom"], ["-f", "excel"], ["-f", "excel", "--bom"]):
        assert invoke("extract", reports, *args).stdout == "\ufeff" + plain
    out = tmp_path / "figures.csv"
    result = invoke("extract", reports, "--bom", "-o", out)
    assert result.exit_code == 0 and result.stderr == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,index,")
    assert list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")))) == list(csv.DictReader(io.StringIO(plain)))
    assert invoke("extract", reports, "-f", "excel", "-o", tmp_path / "x.csv").stderr == ""


def test_bom_is_for_csv_only_and_alone_says_csv(reports, tmp_path, fake_extractor):
    result = CliRunner().invoke(cli, ["extract", str(reports), "-f", "json", "--bom"])
    assert result.exit_code == 2 and "--bom is for CSV" in result.output
    result = CliRunner().invoke(cli, ["extract", str(reports), "--bom", "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2 and "--bom is for CSV" in result.output
    assert invoke("extract", reports, "--bom").stdout == invoke("extract", reports, "-f", "excel").stdout


# -- colour ---------------------------------------------------------------------------------------

ESCAPE = re.compile(r"\x1b\[([0-9;]*)m")


def colours(text: str) -> set[int]:
    """The colour codes (foreground and background) of the SGR sequences in ``text``."""
    found = set()
    for params in ESCAPE.findall(text):
        found.update(int(p) for p in params.split(";") if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107))
    return found


def test_color_always_and_never(reports, fake_extractor):
    table = ["extract", reports / "a.txt", "-f", "table"]
    assert colours(invoke(*table, "--color", "always").stdout)
    assert colours(invoke(*table, "--color", "always", env={"NO_COLOR": "1"}).stdout)  # the option wins
    assert "\x1b" not in invoke(*table, "--color", "never", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b" not in invoke(*table).stdout  # auto: not a terminal
    assert "\x1b[" in invoke("summary", reports, "-f", "table", "--color", "always").stdout  # bold headings
    assert "\x1b" not in invoke("summary", reports, "-f", "table", "--color", "never").stdout


def _on_a_terminal(args: list[str], env: dict) -> str:
    """What the command prints with its stdout on a pseudo-terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "crimestats", *args], stdout=follower, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command ended and closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    return out.decode("utf-8", "replace")


def test_auto_colours_a_terminal_unless_no_color_is_set(reports):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="100")
    args = ["extract", str(reports / "a.txt"), "-f", "table"]
    assert colours(_on_a_terminal(args, env))
    plain = _on_a_terminal(args, {**env, "NO_COLOR": "1"})
    assert "35" in plain and not colours(plain)


# -- shell completion -------------------------------------------------------------------------------


def complete(words: str, shell: str = "bash") -> list[str]:
    env = {"_CRIMESTATS_COMPLETE": f"{shell}_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    result = CliRunner(env=env).invoke(cli, [], prog_name="crimestats")
    return result.output.splitlines()


def test_completion_of_commands_options_and_choices():
    assert {"plain,extract", "plain,summary", "plain,eval", "plain,schema"} <= set(complete("crimestats "))
    assert complete("crimestats extract --input-f") == ["plain,--input-format"]
    assert complete("crimestats extract x --input-format ") == [f"plain,{f}" for f in ("auto", "txt", "html", "docx", "pdf")]
    assert "plain,sqlite" in complete("crimestats extract x -f ")
    assert complete("crimestats extract rep") == ["file,rep"]  # the shell completes file names


def test_the_bash_completion_script_works_in_bash(tmp_path):
    bash = shutil.which("bash")
    command = shutil.which("crimestats", path=os.path.dirname(sys.executable))
    assert bash and command, "bash and the installed crimestats command"
    env = {**os.environ, "PATH": os.path.dirname(command) + os.pathsep + os.environ.get("PATH", "")}
    script = subprocess.run([command], env={**env, "_CRIMESTATS_COMPLETE": "bash_source"}, capture_output=True,
                            text=True, check=True).stdout
    (tmp_path / "crimestats.bash").write_text(script, encoding="utf-8")
    probe = ('source crimestats.bash; complete -p crimestats; COMP_WORDS=(crimestats extract report.pdf --color ""); '
             'COMP_CWORD=4; _crimestats_completion crimestats; printf "%s\\n" "${COMPREPLY[@]}"')
    result = subprocess.run([bash, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "complete -o nosort -F _crimestats_completion crimestats"
    assert lines[1:] == ["auto", "always", "never"]
    for shell in ("zsh", "fish"):
        made = subprocess.run([command], env={**env, "_CRIMESTATS_COMPLETE": f"{shell}_source"}, capture_output=True,
                              text=True)
        assert made.returncode == 0 and "_crimestats_completion" in made.stdout
