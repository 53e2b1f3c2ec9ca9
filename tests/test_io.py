"""Input and output: -o as the shell's >, signals and exit codes, file names, streaming records,
the schema of every record, clean strings, JSON with and without orjson.

Tests that run the command in a subprocess use the real extraction pipeline, so they hold
whatever the engine finds; in-process tests replace ``crimestats.pipeline.iter_scan``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

import crimestats.pipeline
from conftest import cp1258_form, fake_scan
from crimestats import parallel
from crimestats.cli import cli

DATA = Path(__file__).resolve().parent.parent / "data"
REPORT = (
    "Năm 2024, công an thị xã Sơn Tây đã bắt giữ 35 đối tượng và phát hiện 12 vụ đánh bạc.\n"
    "Lực lượng cứu hộ đã đưa 8 người ra khỏi đám cháy an toàn.\n"
)
COMMAND = [sys.executable, "-m", "crimestats"]


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def run(*args, **kwargs):
    """The command in a subprocess, with the real pipeline."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("timeout", 120)
    return subprocess.run([*COMMAND, *map(os.fsdecode, args)], **kwargs)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "son-tay.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


# -- -o as the shell's > -----------------------------------------------------------------------


def test_output_to_a_device_writes_the_device(tmp_path, report):
    if os.geteuid() == 0:  # a device of our own, so that nothing of the machine's is at stake
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        device = Path(os.devnull)
    result = run("extract", report, "-o", device)
    assert result.returncode == 0 and result.stderr == b""
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_to_a_fifo_writes_into_the_fifo(tmp_path, report):
    fifo = tmp_path / "figures.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    try:
        result = run("extract", report, "-f", "jsonl", "-o", fifo)
    finally:
        if reader.is_alive():  # nothing opened the FIFO: let the reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=30)
    assert result.returncode == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [json.loads(line)["text"] for line in got[0].decode().splitlines()][:2] == ["35 đối tượng", "12 vụ"]


def test_output_to_dev_stdout_and_dash_is_stdout(tmp_path, report):
    plain = run("extract", report, "-f", "jsonl")
    via_dev = run("extract", report, "-f", "jsonl", "-o", "/dev/stdout")
    dash = run("extract", report, "-f", "jsonl", "-o", "-", cwd=tmp_path)
    assert plain.returncode == via_dev.returncode == dash.returncode == 0
    assert plain.stdout and via_dev.stdout == plain.stdout and dash.stdout == plain.stdout
    assert not (tmp_path / "-").exists()


def test_output_through_a_symbolic_link_replaces_its_target(tmp_path, report, fake_extractor):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert invoke("extract", report, "-o", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3


def test_output_keeps_the_mode_and_the_hard_links_of_an_existing_file(tmp_path, report, fake_extractor):
    out = tmp_path / "figures.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    other = tmp_path / "also.json"
    os.link(out, other)
    assert invoke("extract", report, "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.stat().st_ino == other.stat().st_ino and out.stat().st_nlink == 2
    assert len(json.loads(other.read_text(encoding="utf-8"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["also.json", "figures.json", "son-tay.txt"]


def test_a_new_output_file_gets_the_usual_mode(tmp_path, report, fake_extractor):
    out = tmp_path / "new.json"
    umask = os.umask(0o022)
    try:
        assert invoke("extract", report, "-o", out).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize(("name", "check"), [
    ("figures.csv", lambda text: next(csv.reader(io.StringIO(text)))[0] == "file"),
    ("figures.jsonl", lambda text: len([json.loads(line) for line in text.splitlines()]) == 3),
    ("figures.JSON", lambda text: len(json.loads(text)) == 3),
])
def test_format_follows_the_output_extension(tmp_path, report, fake_extractor, name, check):
    result = invoke("extract", report, "-o", tmp_path / name)
    assert result.exit_code == 0 and result.stderr == ""
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_a_format_given_wins_over_the_extension_with_a_warning(tmp_path, report, fake_extractor):
    out = tmp_path / "figures.csv"
    result = invoke("extract", report, "-f", "json", "-o", out)
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"crimestats: warning: {out}: ") and "json" in line and ".csv" in line


@pytest.mark.parametrize("where", ["missing directory", "a directory", "inside a file"])
def test_an_output_that_cannot_be_written_fails_before_any_work(tmp_path, report, monkeypatch, where):
    calls = tmp_path / "calls"
    calls.mkdir()

    def counting(text, file="-"):  # in the workers too: a file for each extraction
        (calls / str(os.getpid())).touch()
        yield fake_scan(text, file)

    monkeypatch.setattr(crimestats.pipeline, "iter_scan", counting)
    out = {"missing directory": tmp_path / "nope" / "figures.json", "a directory": tmp_path / "calls",
           "inside a file": report / "figures.json"}[where]
    result = invoke("extract", report, report, "-o", out, "-j", "2")
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"crimestats: error: {out}: ")
    assert list(calls.iterdir()) == []


# -- signals, exit codes, workers --------------------------------------------------------------


def _corpus(directory: Path, files: int, copies: int) -> Path:
    """Reports for a run that takes a while: ``files`` files of ``copies`` times REPORT."""
    directory.mkdir(exist_ok=True)
    text = (DATA / "thai-nguyen-province-crime-prevention-2021.txt").read_text(encoding="utf-8")
    for i in range(files):
        (directory / f"{i:03}.txt").write_text(text * copies, encoding="utf-8")
    return directory


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _gone(pids: list[int], wait: float = 10.0) -> bool:
    """Whether every process of ``pids`` has ended (waiting up to ``wait`` seconds for them)."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                        alive.append(pid)
            except OSError:
                pass
        if not alive or time.monotonic() > deadline:
            return not alive
        time.sleep(0.05)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_the_workers_and_removes_the_temporary_output(tmp_path, signum, code):
    corpus = _corpus(tmp_path / "corpus", 60, 30)
    out = tmp_path / "out" / "figures.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([*COMMAND, "extract", str(corpus), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        # records are being written (to the temporary file) by the time it is not empty
        temporary = [p for p in out.parent.iterdir() if p.name.startswith(".")]
        workers = _children(proc.pid)
        if temporary and temporary[0].stat().st_size > 0 and len(workers) == 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert stderr == b"" and stdout == b""
    assert list(out.parent.iterdir()) == []
    assert _gone(workers)


def test_extract_help_lists_the_exit_codes():
    out = invoke("extract", "--help").stdout
    statuses = out[out.index("Exit status:"):]
    assert [line.split()[0] for line in statuses.splitlines()[1:] if line.split()[0].isdigit()] == [
        "0", "1", "2", "130", "143"]


class _Fails(Exception):
    pass


def test_an_error_while_writing_ends_the_workers(tmp_path, fake_extractor):
    files = []
    for i in range(40):
        path = tmp_path / f"{i:02}.txt"
        path.write_text(REPORT, encoding="utf-8")
        files.append((str(path), str(path)))
    with pytest.raises(_Fails):
        with parallel.Pool(files, len(files), 2, None, frozenset(), False, task_files=1) as pool:
            processes = [w.process for w in pool.workers]
            for messages in pool:
                list(messages)
                raise _Fails
    assert len(processes) == 2 and not any(p.is_alive() for p in processes)
    assert all(p.exitcode is not None for p in processes)


PIPE_CODE = """
import sys
from crimestats.cli import main
main(sys.argv[1:])
"""


def test_a_closed_pipe_ends_quietly_under_load(tmp_path):
    """`crimestats extract … | head -n 1`, 20 times, with busy processes beside it: quiet every time."""
    corpus = _corpus(tmp_path / "corpus", 24, 3)
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3)]
    failures = []
    try:
        for i in range(20):
            fmt = ("jsonl", "table", "json", "csv")[i % 4]
            proc = subprocess.Popen([sys.executable, "-c", PIPE_CODE, "extract", str(corpus), "-f", fmt, "-j", "2"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            first = proc.stdout.readline()
            workers = _children(proc.pid)
            proc.stdout.close()
            stderr = proc.stderr.read().decode()
            code = proc.wait(timeout=60)
            if not (code == 1 and first and stderr == "" and _gone(workers)):
                failures.append((fmt, code, stderr[-500:]))
    finally:
        for p in busy:
            p.kill()
            p.wait()
    assert failures == []


# -- file names that are not UTF-8 -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_a_file_name_that_is_not_utf8_is_written_escaped(tmp_path, fmt):
    directory = os.fsencode(tmp_path)
    with open(os.path.join(directory, b"bad\xffname.txt"), "wb") as f:
        f.write(REPORT.encode("utf-8"))
    escaped = str(tmp_path / "bad\\xffname.txt")
    by_directory = run("extract", tmp_path, "-f", fmt, env={**os.environ, "COLUMNS": "300"})
    by_name = run("extract", os.path.join(directory, b"bad\xffname.txt"), "-f", fmt,
                  env={**os.environ, "COLUMNS": "300"})
    out = tmp_path.parent / f"{tmp_path.name}-out.{fmt}"
    to_file = run("extract", tmp_path, "-f", fmt, "-o", out, env={**os.environ, "COLUMNS": "300"})
    assert by_directory.returncode == by_name.returncode == to_file.returncode == 0
    assert to_file.stderr == b""
    text = by_directory.stdout.decode("utf-8")  # strict: valid UTF-8
    assert by_name.stdout == by_directory.stdout == out.read_bytes()
    if fmt == "json":
        assert {r["file"] for r in json.loads(text)} == {escaped}
    elif fmt == "jsonl":
        assert {json.loads(line)["file"] for line in text.splitlines()} == {escaped}
    elif fmt == "csv":
        assert {row["file"] for row in csv.DictReader(io.StringIO(text))} == {escaped}
    else:
        assert "bad\\xffname.txt" in text


def test_an_error_names_a_file_that_is_not_utf8_escaped(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"missing\xfe.txt")
    result = run("extract", name)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == f"crimestats: error: {tmp_path}/missing\\xfe.txt: No such file or directory\n"


# -- records stream: memory follows the input, not the output ------------------------------------


SENTENCE = "Năm 2021, lực lượng chức năng bắt giữ {n} đối tượng, thu giữ {n} kg ma túy. " * 6


def many_records(text, file="-"):
    """A stand-in that makes 100 chunks of 300 records (about 50 MB held at once) from any text."""
    for chunk in range(100):
        figures = [dict(file=file, index=chunk * 300 + i + 1, value=i, text=str(i), start=0, end=0, line=1,
                        category="arrests", metric="bắt giữ đối tượng", sentence=SENTENCE.format(n=i))
                   for i in range(300)]
        yield figures, [dict(file=file, text="2021", start=0, end=4, line=1, reason="year")]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_file_with_many_records_is_written_as_they_are_made(tmp_path, monkeypatch, fmt):
    import tracemalloc

    report = tmp_path / "big.txt"
    report.write_text("x", encoding="utf-8")
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", many_records)
    out = tmp_path / "out"
    tracemalloc.start()
    try:
        result = invoke("extract", report, "-f", fmt, "--skipped", "-o", out, "-j", "1")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0
    assert out.stat().st_size > 20_000_000
    assert peak < 10_000_000  # a few chunks, not the 50 MB of every record


def test_a_worker_sends_the_records_of_a_large_file_as_it_makes_them(tmp_path, monkeypatch):
    """The worker waits, in the middle of its file, for the parent to have written the file's
    first records: only records that stream from the worker can get there."""
    from crimestats import render

    marker = tmp_path / "written"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    def two_chunks(text, file="-"):
        yield [dict(file=file, index=1, value=1, text="1", category="cases")], []
        deadline = time.monotonic() + 30
        while not marker.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the first chunk was not written while the file was extracted")
            time.sleep(0.01)
        yield [dict(file=file, index=2, value=2, text="2", category="cases")], []

    real_write = render.JsonlWriter.write_figures

    def write_and_mark(self, figures):
        real_write(self, figures)
        marker.touch()

    monkeypatch.setattr(crimestats.pipeline, "iter_scan", two_chunks)
    monkeypatch.setattr(render.JsonlWriter, "write_figures", write_and_mark)
    monkeypatch.setattr(parallel, "STREAM_BYTES", 0)  # these one-byte files are large
    result = invoke("extract", tmp_path / "a.txt", tmp_path / "b.txt", "-f", "jsonl", "-j", "2")
    assert result.stderr == "" and result.exit_code == 0
    assert [json.loads(line)["index"] for line in result.stdout.splitlines()] == [1, 2, 1, 2]


def test_workers_far_ahead_wait_and_the_output_is_complete(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "AHEAD_BYTES", 1)
    monkeypatch.setattr(parallel, "FLUSH_RECORDS", 10)
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", lambda text, file="-": (
        ([dict(file=file, index=i, text="1", category="cases")], []) for i in range(1, 101)))
    names = []
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text("x", encoding="utf-8")
        names.append(str(tmp_path / f"{i}.txt"))
    result = invoke("extract", *names, "-f", "jsonl", "-j", "2")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["index"]) for r in lines] == [(n, i) for n in names for i in range(1, 101)]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_records_in_many_chunks_give_the_output_of_one_chunk(tmp_path, monkeypatch, fmt):
    real_iter_scan = crimestats.pipeline.iter_scan
    paths = sorted(DATA.glob("*.txt"))
    args = ["extract", *paths, "-f", fmt, "--skipped"]
    whole = invoke(*args, "-j", "1", env={"COLUMNS": "200"})

    def in_pieces(text, file="-"):
        figures = [f for chunk, _ in real_iter_scan(text, file) for f in chunk]
        skipped = [s for _, chunk in real_iter_scan(text, file) for s in chunk]
        for i in range(0, max(len(figures), len(skipped)), 3):
            yield figures[i:i + 3], skipped[i:i + 3]

    monkeypatch.setattr(crimestats.pipeline, "iter_scan", in_pieces)
    for jobs in ("1", "2"):
        pieces = invoke(*args, "-j", jobs, env={"COLUMNS": "200"})
        assert pieces.exit_code == whole.exit_code == 0
        assert pieces.stdout == whole.stdout


def test_a_table_of_many_figures_is_drawn_in_parts(tmp_path, monkeypatch):
    from crimestats import render

    monkeypatch.setattr(render, "TABLE_ROWS", 4)
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", lambda text, file="-": iter([(
        [dict(file=file, index=i, text=f"{i} vụ", category="cases", qualifier="exact", unit="case")
         for i in range(1, 11)], [])]))
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    out = invoke("extract", tmp_path / "a.txt", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert out.count("(continued)") == 2 and "10 figures" in out and "cases 10" in out
    assert all(f"{i} vụ" in out for i in range(1, 11))


# -- the schema covers what is printed ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_record_printed_is_valid_by_the_schema(fmt):
    import jsonschema

    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    result = run("extract", DATA, "-f", fmt, "--skipped")
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    printed = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    kinds = {"skipped" if r.get("skipped") else "figure" for r in printed}
    assert kinds == {"figure", "skipped"}
    for record in printed:
        validator.validate(record)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**printed[0], "unexpected": 1})


# -- strings out: NFC, no control characters ------------------------------------------------------


def _string_fields(record):
    return {k: v for k, v in record.items() if isinstance(v, str) and k not in ("text", "file")}


@pytest.mark.parametrize("form", ["nfd", "cp1258"])
def test_strings_out_are_nfc_whatever_the_input(tmp_path, form):
    text = (DATA / "thai-nguyen-province-crime-prevention-2021.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    if form == "nfd":
        decoded = unicodedata.normalize("NFD", text)
        path.write_bytes(decoded.encode("utf-8"))
    else:
        decoded = cp1258_form(text)
        path.write_bytes(decoded.encode("cp1258"))
    result = run("extract", path, "-f", "jsonl", "--skipped")
    printed = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 0 and len(printed) > 5
    for record in printed:
        assert all(unicodedata.is_normalized("NFC", v) for v in _string_fields(record).values())
        assert decoded[record["start"]:record["end"]] == record["text"]
    # the same words as the report typed in NFC
    typed = run("extract", DATA / "thai-nguyen-province-crime-prevention-2021.txt", "-f", "jsonl").stdout
    assert [r["metric"] for r in printed if not r.get("skipped")] == [
        json.loads(line)["metric"] for line in typed.decode().splitlines()]


def test_strings_out_hold_no_control_characters(tmp_path):
    path = tmp_path / "dieu-khien.txt"
    text = ("Năm 2021, \x1b[31mcông an\x1b[0m huyện bắt giữ 12 đối tượng\x1b]0;pwned\x07 đánh bạc\x9b2J, "
            "thu giữ 3\u202e kg ma túy\x01.\nTrong năm, xảy ra 7 vụ\x85 cháy.\n")
    path.write_text(text, encoding="utf-8")
    for fmt in ("jsonl", "csv"):
        out = run("extract", path, "-f", fmt, "--skipped").stdout.decode("utf-8")
        rows = ([json.loads(line) for line in out.splitlines()] if fmt == "jsonl"
                else list(csv.DictReader(io.StringIO(out))))
        assert len(rows) >= 3
        for row in rows:
            for key, value in _string_fields(row).items():
                assert value.isprintable(), (key, value)
                assert "[31m" not in value and "pwned" not in value and "[0m" not in value
            assert text[int(row["start"]):int(row["end"])] == row["text"]
    metrics = [json.loads(line)["metric"] for line in run("extract", path, "-f", "jsonl").stdout.decode().splitlines()]
    assert any("bắt giữ" in m for m in metrics)


def test_clean_keeps_text_and_file_and_cleans_the_rest():
    from crimestats import serialize

    record = {"file": "a\x1bb.txt", "text": "3\u0301 vụ\x07", "metric": "be\u0301\x1b[1m ba\x1b[0mn\tx",
              "reason": "y\x9b31mz", "value": 3, "year": None}
    assert serialize.clean(dict(record)) == {**record, "metric": "bé ban x", "reason": "yz"}


# -- JSON, with and without orjson ----------------------------------------------------------------


EDGE_RECORDS = [
    {"value": 90.9, "value_max": None, "b": 1500000000, "c": 1500000000.0, "d": 0.1, "t": True},
    {"tiny": 1e-05, "tinier": 1.5e-07, "zero": 0.0, "neg": -0.0, "big": 1e16, "huge": 1.7976931348623157e308},
    {"nan": float("nan"), "inf": float("inf"), "ninf": float("-inf")},
    {"bigint": 2**70, "nbigint": -(2**64), "max": 2**63 - 1},
    {"s": "a\u2028b\u2029c\x7f\x85\x9b\x1b\x00\t\n\"\\/ đ \U0001f600", "empty": ""},
]


def test_json_is_the_same_bytes_with_and_without_orjson(monkeypatch):
    import orjson

    from crimestats import serialize

    real = [json.loads(line) for line in run("extract", DATA, "-f", "jsonl", "--skipped").stdout.splitlines()]
    assert len(real) > 20 and any(type(r.get("value")) is float for r in real)
    monkeypatch.setattr(serialize, "_orjson", orjson)
    fast = [serialize.dumps(r) for r in real + EDGE_RECORDS]
    monkeypatch.setattr(serialize, "_orjson", None)
    plain = [serialize.dumps(r) for r in real + EDGE_RECORDS]
    assert fast == plain
    for line in plain:
        json.loads(line)  # valid JSON: no NaN, no raw C1 controls
        assert not any("\x7f" <= c <= "\x9f" for c in line)
    assert plain[len(real) + 2] == '{"nan":null,"inf":null,"ninf":null}'


def test_the_command_writes_the_same_bytes_with_and_without_orjson(tmp_path):
    without = tmp_path / "no-orjson"
    without.mkdir()
    (without / "orjson.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    for fmt in ("json", "jsonl"):
        fast = run("extract", DATA, "-f", fmt, "--skipped")
        plain = run("extract", DATA, "-f", fmt, "--skipped",
                    env={**os.environ, "PYTHONPATH": os.pathsep.join([str(without), os.environ.get("PYTHONPATH", "")])})
        assert fast.returncode == plain.returncode == 0
        assert fast.stdout == plain.stdout and fast.stdout


# -- UTF-16 without a byte-order mark ------------------------------------------------------------


def test_utf16_without_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(REPORT.encode("utf-16-le"))
    result = run("extract", path, "-f", "jsonl")
    assert result.returncode == 0 and result.stderr == b""
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()][:2] == ["35 đối tượng", "12 vụ"]


# -- inputs ----------------------------------------------------------------------------------------


def test_a_quoted_glob_pattern_is_expanded_in_sorted_order(tmp_path, fake_extractor):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    result = invoke("extract", str(tmp_path / "*.txt"), "-f", "jsonl")
    assert result.exit_code == 0
    files = list(dict.fromkeys(json.loads(line)["file"] for line in result.stdout.splitlines()))
    assert files == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    missing = invoke("extract", str(tmp_path / "*.csv"))
    assert missing.exit_code == 1 and "No such file" in missing.stderr
