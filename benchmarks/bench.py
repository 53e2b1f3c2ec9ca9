#!/usr/bin/env python3
"""crimestats benchmark: throughput against the floor, parallel speed-up, memory, start-up.

Run from the repository with the package installed (``pip install -e .``):

    python benchmarks/bench.py                        # everything, on the bundled reports
    python benchmarks/bench.py --corpus reports/      # on a directory of real reports
    python benchmarks/bench.py --quick                # without the large memory runs

It builds, in a temporary directory, corpora of files copied from the reports of ``--corpus``
(default: the bundled ``data/``) with every digit replaced by a random one (so the numbers,
and thus the work, vary from file to file and nothing can be cached), then prints, each next
to its target:

* the floor as a whole command (``python bench.py --floor DIR``: read each file, decode,
  NFC-normalise, one ``regex`` pass over the numbers, one JSON line per number), and
  ``crimestats extract DIR --format jsonl`` with ``--jobs 1`` and ``--jobs 2`` (subprocesses,
  output to /dev/null): MB/s, the ratio of the command to the floor, and of ``--jobs 2`` to
  ``--jobs 1``;
* extraction in this process (read, decode, the pipeline, one JSON line per record);
* where the time goes: each stage of the pipeline timed over the corpus, as a multiple of the
  floor;
* peak memory (max RSS of the command and its workers) on a ~5 MB and a ~50 MB corpus, and
  their ratio;
* peak memory on one large file (~30 MB, the seed reports concatenated), in bytes per input
  byte, with ``--jobs 1`` and with ``--jobs 2`` (the large file in a worker, beside the seeds);
* start-up: ``crimestats --version`` and ``crimestats extract SEED --format json``, the
  median of several runs.

No figure here is asserted by the tests; ``--json FILE`` also writes them as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
DIGIT = regex.compile(r"\d")

TARGETS = {
    "jobs_ratio": 0.6,          # wall time --jobs 2 / --jobs 1, at most
    "floor_ratio": 6.0,         # extraction time / floor time, single process, at most
    "memory_ratio": 1.5,        # peak memory 50 MB / 5 MB, at most
    "bytes_per_byte": 4.0,      # peak memory / size of one large file, at most
    "version_s": 0.1,           # crimestats --version, under
    "one_seed_s": 0.3,          # crimestats extract SEED --format json, under
}


def crimestats_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m crimestats``."""
    script = Path(sys.executable).parent / "crimestats"
    if script.exists():
        return [str(script)]
    found = shutil.which("crimestats")
    return [found] if found else [sys.executable, "-m", "crimestats"]


SOURCE = DATA  # where the reports the corpora are made of come from (--corpus)


def seeds() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCE.rglob("*.txt"))]
    if not texts:
        sys.exit(f"bench: no reports in {SOURCE}")
    return texts


def build_corpus(directory: Path, *, files: int | None = None, megabytes: float | None = None,
                 seed: int = 5) -> tuple[list[Path], int]:
    """Files of seed reports with random digits, ``files`` of them or until ``megabytes``."""
    rng = random.Random(seed)
    texts = seeds()
    directory.mkdir(parents=True, exist_ok=True)
    paths, total, i = [], 0, 0
    while (files is not None and i < files) or (megabytes is not None and total < megabytes * 1e6):
        text = DIGIT.sub(lambda m: str(rng.randrange(10)), texts[i % len(texts)])
        data = text.encode("utf-8")
        path = directory / f"{i // 1000:03}" / f"report-{i:06}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
        i += 1
    return paths, total


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def run_measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest of the process and its workers) of ``command``.

    Measured by a fresh interpreter that runs only this command, so that its
    ``RUSAGE_CHILDREN`` holds nothing else.
    """
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                         check=True).stdout.split()
    wall, rss, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        sys.exit(f"bench: {' '.join(command)} exited with {code}")
    rss_mb = rss / 1e6 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux
    return wall, rss_mb


def floor(paths: list[Path], out) -> float:
    """Seconds to read, decode, NFC-normalise, find the numbers and write one JSON line each."""
    start = time.perf_counter()
    for path in paths:
        name = str(path)
        text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8"))
        for m in NUMBER.finditer(text):
            out.write(json.dumps({"file": name, "text": m.group(), "start": m.start(), "end": m.end()},
                                 ensure_ascii=False) + "\n")
    out.flush()
    return time.perf_counter() - start


def in_process_extraction(paths: list[Path], out) -> float:
    """Seconds to read and decode each file, extract, and write one JSON line per figure."""
    from crimestats import pipeline
    from crimestats.decode import read_file
    from crimestats.serialize import dumps

    pipeline.scan(seeds()[0])  # build the engine outside the timing
    start = time.perf_counter()
    for path in paths:
        name = str(path)
        text, _warning = read_file(path)
        for figures, _skipped in pipeline.iter_scan(text, name):
            for record in figures:
                out.write(dumps(record) + "\n")
    out.flush()
    return time.perf_counter() - start


def stages(paths: list[Path], out) -> list[tuple[str, str, float]]:
    """Seconds of each stage of the pipeline over ``paths``, in this process: where the time goes,
    to read against the floor."""
    from collections import defaultdict

    from crimestats import pipeline
    from crimestats.decode import read_file
    from crimestats.serialize import dumps

    engine = pipeline.engine()
    pipeline.warm()
    seconds: dict[str, float] = defaultdict(float)
    clock = time.perf_counter
    last = clock()

    def stage_done(key):
        # the time since the stage before ended is this stage's
        nonlocal last
        now = clock()
        seconds[key] += now - last
        last = now

    for path in paths:
        last = clock()
        text, _warning = read_file(path)
        stage_done("read")
        for figures, _skipped in engine.run(text, str(path), stage_done):
            for record in figures:
                out.write(dumps(record) + "\n")
            stage_done("json")
    labels = {
        "read": "read and decode the files",
        "document": "document: NFC, fold, words walked through the lexicon, sentences",
        "index": "places and years named in the document",
        "numbers": "numbers, units, counted nouns, non-figures",
        "context": "qualifiers, changes, targets, categories",
        "metric": "metrics",
        "records": "records: metric text, years, baselines, places, repeats",
        "json": "records to JSON lines",
    }
    return [(key, labels[key], seconds[key]) for key in labels]


def median_wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Report:
    def __init__(self):
        self.results: dict[str, float] = {}

    def line(self, label: str, value: str, target: str = "", ok: bool | None = None):
        mark = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{label:<52} {value:>12}   {target:<10} {mark}".rstrip(), flush=True)

    def heading(self, text: str):
        print(f"\n{text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000, help="files in the throughput corpus (default 2000)")
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="make the corpora of the reports in DIR (default: the bundled data/)")
    parser.add_argument("--floor", type=Path, metavar="DIR", help=argparse.SUPPRESS)  # the floor as a command
    parser.add_argument("--memory-mb", type=float, nargs=2, default=(5, 50), metavar=("SMALL", "LARGE"),
                        help="sizes in MB of the two memory corpora (default 5 50)")
    parser.add_argument("--large-mb", type=float, default=30, metavar="MB",
                        help="size of the one large file (default 30)")
    parser.add_argument("--quick", action="store_true", help="skip the large memory corpus and the large file")
    parser.add_argument("--runs", type=int, default=7, help="runs of each start-up measurement (median; default 7)")
    parser.add_argument("--seed", type=int, default=5, help="random seed of the corpus digits")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the corpora in DIR and keep them")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    args = parser.parse_args(argv)
    if args.floor:
        with open(os.devnull, "w", encoding="utf-8") as devnull:
            floor(sorted(args.floor.rglob("*.txt")), devnull)
        return 0
    global SOURCE
    if args.corpus:
        SOURCE = args.corpus

    command = crimestats_command()
    results: dict[str, float | int | str] = {}
    report = Report()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="crimestats-bench-"))
    try:
        print(f"crimestats benchmark · {os.cpu_count()} cores · Python {platform.python_version()} · "
              f"{' '.join(command)}")
        print(f"{'':<52} {'measured':>12}   {'target':<10}")

        # -- throughput -------------------------------------------------------------------------
        corpus = workdir / "corpus"
        paths, size = build_corpus(corpus, files=args.files, seed=args.seed)
        mb = size / 1e6
        report.heading(f"throughput: {len(paths)} files, {mb:.1f} MB")
        subprocess.run([*command, "extract", str(paths[0]), "-f", "jsonl"], stdout=subprocess.DEVNULL,
                       check=True)  # warm the file cache and the interpreter's
        wall1, _ = run_measured([*command, "extract", str(corpus), "--format", "jsonl", "--jobs", "1"])
        wall2, _ = run_measured([*command, "extract", str(corpus), "--format", "jsonl", "--jobs", "2"])
        results.update(files=len(paths), corpus_mb=round(mb, 2), cli_jobs1_s=wall1, cli_jobs2_s=wall2,
                       cli_jobs1_mbps=mb / wall1, cli_jobs2_mbps=mb / wall2, jobs_ratio=wall2 / wall1)
        report.line("crimestats extract DIR -f jsonl --jobs 1", f"{mb / wall1:.2f} MB/s")
        report.line("crimestats extract DIR -f jsonl --jobs 2", f"{mb / wall2:.2f} MB/s")
        report.line("  wall time, --jobs 2 / --jobs 1", f"{wall2 / wall1:.2f}",
                    f"≤ {TARGETS['jobs_ratio']}", wall2 / wall1 <= TARGETS["jobs_ratio"])

        floor_s, _ = run_measured([sys.executable, __file__, "--floor", str(corpus)])
        with open(os.devnull, "w", encoding="utf-8") as devnull:
            extract_s = in_process_extraction(paths, devnull)
        results.update(floor_s=floor_s, floor_mbps=mb / floor_s, extract_s=extract_s,
                       extract_mbps=mb / extract_s, floor_ratio=extract_s / floor_s,
                       floor_ratio_cli=wall1 / floor_s)
        report.line("floor (a command): read, NFC, one regex pass, JSON per number", f"{mb / floor_s:.2f} MB/s")
        report.line("extraction in-process (read, scan, JSON per figure)", f"{mb / extract_s:.2f} MB/s")
        report.line("  extraction / floor, in-process", f"{extract_s / floor_s:.1f}×",
                    f"≤ {TARGETS['floor_ratio']:g}×", extract_s / floor_s <= TARGETS["floor_ratio"])
        report.line("  extraction / floor, command --jobs 1", f"{wall1 / floor_s:.1f}×",
                    f"≤ {TARGETS['floor_ratio']:g}×", wall1 / floor_s <= TARGETS["floor_ratio"])
        report.heading("where the time goes, in this process (each stage of one run, timed as it ends; × the floor)")
        with open(os.devnull, "w", encoding="utf-8") as devnull:
            for key, label, seconds in stages(paths, devnull):
                results[f"stage_{key}_s"] = seconds
                report.line(f"  {label}", f"{seconds / floor_s:.2f}×")
        shutil.rmtree(corpus, ignore_errors=True)

        # -- memory -----------------------------------------------------------------------------
        sizes = args.memory_mb[:1] if args.quick else args.memory_mb
        peaks: dict[tuple[float, int], float] = {}
        for target_mb in sizes:
            directory = workdir / f"memory-{target_mb:g}mb"
            mpaths, msize = build_corpus(directory, megabytes=target_mb, seed=args.seed + 1)
            report.heading(f"peak memory: {len(mpaths)} files, {msize / 1e6:.1f} MB")
            for jobs in (1, 2):
                wall, peak = run_measured([*command, "extract", str(directory), "--format", "jsonl",
                                           "--jobs", str(jobs)])
                peaks[target_mb, jobs] = peak
                results[f"peak_mb_{target_mb:g}mb_jobs{jobs}"] = peak
                report.line(f"max RSS, --jobs {jobs} ({msize / 1e6 / wall:.2f} MB/s)", f"{peak:.1f} MB")
            shutil.rmtree(directory, ignore_errors=True)
        if len(sizes) == 2:
            small, large = sizes
            report.heading(f"memory ratio {large:g} MB / {small:g} MB")
            for jobs in (1, 2):
                ratio = peaks[large, jobs] / peaks[small, jobs]
                results[f"memory_ratio_jobs{jobs}"] = ratio
                report.line(f"  --jobs {jobs}", f"{ratio:.2f}", f"≤ {TARGETS['memory_ratio']}",
                            ratio <= TARGETS["memory_ratio"])
        else:
            report.heading("memory ratio: skipped (--quick)")

        # -- one large file ---------------------------------------------------------------------
        if not args.quick:
            large = workdir / "large" / "report.txt"
            large.parent.mkdir(parents=True, exist_ok=True)
            seed_bytes = "\n\n".join(seeds()).encode("utf-8")
            copies = max(1, round(args.large_mb * 1e6 / len(seed_bytes)))
            large.write_bytes(b"\n\n".join([seed_bytes] * copies))
            lsize = large.stat().st_size
            report.heading(f"peak memory: one file of {lsize / 1e6:.1f} MB (bytes per input byte)")
            for jobs, beside in ((1, []), (2, [str(p) for p in sorted(DATA.glob("*.txt"))])):
                wall, peak = run_measured([*command, "extract", str(large), *beside, "--format", "jsonl",
                                           "--jobs", str(jobs)])
                per_byte = peak * 1e6 / lsize
                results[f"large_file_bytes_per_byte_jobs{jobs}"] = per_byte
                label = "--jobs 1" if jobs == 1 else "--jobs 2, in a worker beside the seeds"
                report.line(f"max RSS {peak:.0f} MB, {label}", f"{per_byte:.1f}",
                            f"≤ {TARGETS['bytes_per_byte']:g}", per_byte <= TARGETS["bytes_per_byte"])
            shutil.rmtree(large.parent, ignore_errors=True)

        # -- start-up ---------------------------------------------------------------------------
        seed_path = sorted(DATA.glob("*.txt"))[0]
        report.heading(f"start-up, median of {args.runs} runs")
        median_wall([*command, "--version"], 1)
        version_s = median_wall([*command, "--version"], args.runs)
        one_s = median_wall([*command, "extract", str(seed_path), "--format", "json"], args.runs)
        results.update(version_s=version_s, one_seed_s=one_s)
        report.line("crimestats --version", f"{version_s:.3f} s", f"< {TARGETS['version_s']} s",
                    version_s < TARGETS["version_s"])
        report.line(f"crimestats extract {seed_path.name[:20]}… -f json", f"{one_s:.3f} s",
                    f"< {TARGETS['one_seed_s']} s", one_s < TARGETS["one_seed_s"])
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
