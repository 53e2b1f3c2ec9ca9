"""Many files: --jobs gives the output of one job, the progress bar, the dask extra."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import crimestats.pipeline
from conftest import chunked, fake_scan
from crimestats import parallel
from crimestats.cli import _show_progress, cli

DATA = Path(__file__).resolve().parent.parent / "data"
REPORT = "Năm 2024, công an đã bắt giữ {n} đối tượng và phát hiện {m} vụ đánh bạc.\nCó {k} người bị thương.\n"


def scan_or_fail(text, file="-"):
    """The fake extractor, but a text saying BOOM fails and one saying DIE kills its process."""
    if "BOOM" in text:
        raise RuntimeError("boom")
    if "DIE" in text and os.getpid() != MAIN_PID:
        os._exit(3)
    return fake_scan(text, file)


MAIN_PID = os.getpid()


@pytest.fixture
def failing_extractor(monkeypatch):
    monkeypatch.setattr(crimestats.pipeline, "iter_scan", chunked(scan_or_fail))


@pytest.fixture
def corpus(tmp_path):
    """Twelve reports in two directories, a binary file, a file with bad bytes, one that fails."""
    root = tmp_path / "corpus"
    for i in range(12):
        d = root / ("a" if i < 6 else "b/c")
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{i:02}.txt").write_text(REPORT.format(n=i + 3, m=i * 7 + 1, k=100 + i), encoding="utf-8")
    (root / "a" / "03b.txt").write_bytes(b"\x00\x01binary")
    (root / "b" / "bad.txt").write_bytes("Bắt 5 đối tượng ".encode() + b"\xff 3 " + "vụ".encode())
    (root / "b" / "boom.txt").write_text("BOOM 12 vụ", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return tmp_path


def invoke(args, stdin=None):
    runner = CliRunner(env={"COLUMNS": "200"})
    return runner.invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_jobs_two_gives_the_output_of_one_job(corpus, failing_extractor, fmt):
    args = ["extract", corpus / "corpus" / "a", corpus / "empty", "-", corpus / "missing.txt",
            corpus / "corpus" / "b", "-f", fmt, "--skipped"]
    stdin = REPORT.format(n=1, m=2, k=3)
    one = invoke([*args, "--jobs", "1"], stdin)
    two = invoke([*args, "--jobs", "2"], stdin)
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr
    lines = one.stderr.splitlines()
    assert len(lines) == 5 and [line.split(": ")[1] for line in lines] == ["error", "warning", "error", "warning", "error"]
    assert "03b.txt" in lines[0] and "empty" in lines[1] and "missing.txt" in lines[2]
    assert "bad.txt" in lines[3] and "boom.txt: extraction failed: RuntimeError: boom" in lines[4]
    if fmt == "jsonl":
        files = [json.loads(line)["file"] for line in one.stdout.splitlines()]
        assert files == sorted(files, key=files.index) and "-" in files and len(set(files)) == 14


def test_jobs_default_and_category_filter(corpus, fake_extractor):
    base = ["extract", corpus / "corpus" / "a", "-f", "jsonl", "-c", "arrests"]
    default, one = invoke(base), invoke([*base, "-j", "1"])
    assert default.stdout == one.stdout and default.stderr == one.stderr
    assert {json.loads(line)["category"] for line in one.stdout.splitlines()} == {"arrests"}


def test_pool_gives_each_file_in_order(corpus, fake_extractor):
    files = [(str(p), str(p)) for p in sorted((corpus / "corpus").rglob("[0-9][0-9].txt"))]
    with parallel.Pool(iter(files), len(files), 2, None, frozenset(), False, task_files=2) as pool:
        results = [list(messages) for messages in pool]
    assert [next(m for m in r if m[0] == parallel.CHUNK)[1][0]["file"] for r in results] == [name for name, _ in files]
    assert results == [list(parallel.process(n, p, None, frozenset(), False)) for n, p in files]


@pytest.mark.parametrize(("sizes", "most", "budget", "expected"), [
    ([10] * 5, 2, 10**6, [2, 2, 1]),          # cut by count
    ([400, 400, 400, 10], 10, 700, [2, 2]),   # cut once the bytes reach the budget
    ([5000, 1, 1], 10, 700, [1, 2]),          # a large file goes alone
])
def test_worker_tasks_are_cut_by_count_and_by_size(tmp_path, sizes, most, budget, expected):
    names = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(b"x" * size)
        names.append((str(path), str(path)))
    tasks = list(parallel._tasks(iter(names), most, budget))
    assert [len(c) for c in tasks] == expected
    assert [n for c in tasks for n in c] == names


def test_a_worker_that_dies_fails_only_its_files(tmp_path, failing_extractor):
    for i in range(8):
        (tmp_path / f"{i}.txt").write_text("DIE 5 vụ" if i == 4 else f"Bắt {i + 1} đối tượng", encoding="utf-8")
    result = invoke(["extract", tmp_path, "-f", "jsonl", "-j", "2"])
    assert result.exit_code == 1
    # The dying file is reported; so may be the other files of the batch the worker held
    # when it died (which ones depends on timing). Every other file comes out, in order.
    failed = [line.split(": ")[2] for line in result.stderr.splitlines()]
    assert str(tmp_path / "4.txt") in failed
    assert all(line.endswith(parallel.WORKER_DIED) for line in result.stderr.splitlines())
    written = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert written == [str(tmp_path / f"{i}.txt") for i in range(8) if str(tmp_path / f"{i}.txt") not in failed]
    assert len(failed) <= 4


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, fake_extractor):
    for i in range(25):
        (tmp_path / f"{i:02}.txt").write_text(f"Bắt {i + 1} đối tượng", encoding="utf-8")
    result = invoke(["extract", tmp_path, "-f", "jsonl", "-j", "1"])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 25
    forced = invoke(["extract", tmp_path, "-f", "jsonl", "-j", "1", "--progress"])
    assert "25/25" in forced.stderr and forced.stdout == result.stdout


def test_progress_bar_rule(monkeypatch):
    class Tty:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

    monkeypatch.setattr(sys, "stderr", Tty(True))
    monkeypatch.setattr(sys, "stdout", Tty(False))
    assert _show_progress(None, 20, None) and not _show_progress(None, 19, None)
    assert not _show_progress(False, 100, None) and _show_progress(True, 1, None)
    monkeypatch.setattr(sys, "stdout", Tty(True))  # the records go to the terminal: they are the progress
    assert not _show_progress(None, 100, None) and _show_progress(None, 100, Path("out.jsonl"))
    monkeypatch.setattr(sys, "stderr", Tty(False))
    assert not _show_progress(None, 100, Path("out.jsonl"))


def test_start_up_loads_no_process_pool():
    code = ("import sys, crimestats, crimestats.cli; "
            "print(sorted(m for m in ('multiprocessing', 'concurrent.futures', 'crimestats.parallel', 'dask')"
            " if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]"


def test_dask_bag_records_equal_the_command(tmp_path):
    dask = pytest.importorskip("dask")
    import crimestats.distributed as cd

    plain = invoke(["extract", DATA, "-f", "json"])
    expected = json.loads(plain.stdout)
    assert plain.exit_code == 0 and expected
    library = [f.to_dict() for p in sorted(DATA.glob("*.txt")) for f in crimestats.extract_path(p)]
    assert library == expected
    with dask.config.set(scheduler="synchronous"):
        bag = cd.extract_bag(DATA)
        assert bag.compute() == expected
        written = cd.to_jsonl(bag, tmp_path / "out")
    jsonl = invoke(["extract", DATA, "-f", "jsonl"]).stdout
    assert "".join(Path(p).read_text(encoding="utf-8") for p in sorted(written)) == jsonl
    import dask.bag as db

    from crimestats.inputs import paths

    with dask.config.set(scheduler="threads"):
        assert cd.extract_bag(db.from_sequence(paths(DATA, "*.txt"), npartitions=1)).compute() == expected


def test_directory_order_is_that_of_sorted_paths(tmp_path):
    from crimestats.inputs import FILE, iter_inputs

    for name in ["a/z.txt", "a-x.txt", "a.b/c.txt", "A.txt", "ä.txt", "a/b/c.txt", "a/b-c.txt", "a b.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("1", encoding="utf-8")
    names = [item.name for item in iter_inputs((str(tmp_path),), "*.txt") if item.kind == FILE]
    assert names == [str(p) for p in sorted(tmp_path.rglob("*.txt"))]


def test_benchmark_corpus_varies_the_digits_only(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", DATA.parent / "benchmarks" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    paths, size = bench.build_corpus(tmp_path, files=4)
    seeds = bench.seeds()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert size == sum(len(t.encode()) for t in texts) and texts[0] != seeds[0]
    strip = lambda t: bench.DIGIT.sub("0", t)  # noqa: E731
    assert [strip(t) for t in texts] == [strip(seeds[i % len(seeds)]) for i in range(4)]
