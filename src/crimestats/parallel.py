"""Extraction of many files: one file at a time, or in a pool of worker processes (issue 5).

A worker reads, decodes and extracts a file and returns a :class:`Result` of plain data (the
records rendered as the output format's text, or record dicts for the table; the warning, the
error); the main process writes them. Results come back in input order,
and only a few chunks of files are in flight at any time, so memory stays flat however many
files there are and however slowly the output is consumed.

Nothing here imports :mod:`concurrent.futures` or :mod:`multiprocessing` until a pool is made.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple


class Result(NamedTuple):
    """What became of one input: ``error`` set means no records; ``warning`` may come with both.
    ``text`` is the input's text, for the writers that show it (html), when asked for."""

    warning: str | None
    error: str | None
    figures: list
    skipped: list
    text: str | None = None


class Streamed(NamedTuple):
    """The figures of one large input, made chunk by chunk as the writer takes them, so a
    50 MB report is never held as records all at once. ``skipped`` fills as chunks are read."""

    chunks: Iterator[list]
    skipped: list


# Inputs longer than this (characters) are extracted and written chunk by chunk when read
# in this process; a worker's results travel whole, so the pool keeps to whole files.
STREAM_AT = 2_000_000


def _streamed(text: str, name: str, keep, with_skipped: bool) -> Streamed:
    from . import pipeline
    from .filters import select

    skipped: list = []

    def chunks():
        for figures, numbers in pipeline.iter_scan(text, name):
            if keep:
                figures = select(figures, keep)
            if with_skipped:
                skipped.extend(numbers)
            yield figures

    return Streamed(chunks(), skipped)


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def load(path: str | Path | None, encoding: str | None) -> tuple[str, str | None]:
    """``(text, warning)`` of a file, or of stdin when ``path`` is None."""
    from .decode import decode_bytes, read_file

    if path is None:
        return decode_bytes(sys.stdin.buffer.read(), encoding)
    return read_file(Path(path), encoding)


def process(name: str, path: str | Path | None, encoding: str | None, keep,
            with_skipped: bool, as_dicts: bool = False, fmt: str | None = None,
            with_text: bool = False) -> Result:
    """Read, decode and extract one input; figures (and skipped numbers) as record dicts.

    ``keep`` is a :class:`crimestats.filters.RecordFilter` or a set of categories (empty: all).

    With ``as_dicts`` and the name of a text format (json, jsonl, csv), the records come
    rendered already: ``figures`` is a :class:`crimestats.render.Rendered`, ``skipped`` empty.

    Unreadable and undecodable inputs and a failed extraction become ``Result.error``; the
    reasons are those the command prints.
    """
    from . import pipeline
    from .decode import DecodeError
    from .filters import select

    try:
        text, warn = load(path, encoding)
    except OSError as exc:
        return Result(None, exc.strerror or str(exc), [], [])
    except DecodeError as exc:
        return Result(None, exc.reason, [], [])
    if not as_dicts and len(text) > STREAM_AT:
        streamed = _streamed(text, name, keep, with_skipped)
        return Result(warn, None, streamed, streamed.skipped, text if with_text else None)
    try:
        figures, skipped = pipeline.scan(text, name)
    except Exception as exc:  # one bad input must not stop the others
        return Result(warn, f"extraction failed: {type(exc).__name__}: {exc}", [], [])
    if keep:
        figures = select(figures, keep)
    if not with_skipped:
        skipped = []
    if as_dicts:
        from .render import WRITERS, Rendered

        writer = WRITERS.get(fmt)
        if writer is not None and writer.renders_ahead:
            return Result(warn, None, Rendered(writer.render(figures, skipped, with_skipped)), [])
    return Result(warn, None, figures, skipped, text if with_text else None)


def _process_chunk(chunk: list[str], encoding, keep, with_skipped, fmt) -> list[Result]:
    return [process(name, name, encoding, keep, with_skipped, as_dicts=True, fmt=fmt) for name in chunk]


def _worker_init() -> None:
    # Ctrl-C is the main process's to handle: it stops the pool; workers should not print tracebacks.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _mp_context():
    import multiprocessing

    # fork: workers start at once with the extraction engine already loaded and compiled.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


# A chunk of files is one task for a worker: large enough that handing it over costs little
# beside the extraction, small enough that output still streams and memory stays flat.
CHUNK_FILES = 32
CHUNK_BYTES = 256 * 1024


def _chunks(files: Iterator[str], most: int, size: int) -> Iterator[list[str]]:
    """Lists of up to ``most`` files, cut once their sizes add up to ``size`` bytes."""
    chunk, total = [], 0
    for name in files:
        chunk.append(name)
        try:
            total += os.stat(name).st_size
        except OSError:
            pass  # the worker reports it
        if len(chunk) >= most or total >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


WORKER_DIED = "extraction failed: the worker process ended unexpectedly"


class OrderedPool:
    """Results of many files from ``jobs`` worker processes, in input order.

    ``files`` are names (``count`` of them), read as ``Path(name)``. Files go to the workers
    in chunks of at most ``chunksize`` files and about CHUNK_BYTES; at most ``window`` chunks
    are in flight. Use as a context manager (the workers start on entry: do that before any other
    thread starts, and with stdout flushed) and iterate once.
    """

    def __init__(self, files: Iterable[str], count: int, jobs: int, encoding: str | None,
                 keep: frozenset[str], with_skipped: bool, fmt: str | None = None,
                 chunksize: int | None = None, window: int | None = None):
        self.jobs = jobs
        self.args = (encoding, keep, with_skipped, fmt)
        if chunksize is None:
            chunksize = max(1, min(CHUNK_FILES, count // (jobs * 8)))
        self.chunks = _chunks(iter(files), chunksize, CHUNK_BYTES)
        self.window = window or jobs * 4
        self.pending: deque = deque()
        self.executor = None

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_mp_context(),
                                            initializer=_worker_init)

    def _fill(self):
        while len(self.pending) < self.window:
            chunk = next(self.chunks, None)
            if chunk is None:
                return
            self.pending.append((chunk, self.executor.submit(_process_chunk, chunk, *self.args)))

    def __enter__(self):
        self._start()
        self._fill()
        return self

    def __iter__(self) -> Iterator[Result]:
        from concurrent.futures.process import BrokenProcessPool

        while self.pending:
            chunk, future = self.pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, crashed): the files of this chunk are
                # reported as failed, a new pool takes the chunks that were waiting.
                results = [Result(None, WORKER_DIED, [], []) for _ in chunk]
                waiting = [c for c, _ in self.pending]
                self.executor.shutdown(wait=True, cancel_futures=True)
                self._start()
                self.pending = deque((c, self.executor.submit(_process_chunk, c, *self.args)) for c in waiting)
            self._fill()
            yield from results

    def __exit__(self, exc_type, exc, tb):
        executor, self.executor = self.executor, None
        if executor is None:
            return
        if exc_type is None:
            executor.shutdown(wait=True, cancel_futures=True)
            return
        # Stopped early (a closed pipe, Ctrl-C, an error): the chunks not yet started are dropped;
        # the few in the workers' hands finish as the interpreter exits.
        executor.shutdown(wait=False, cancel_futures=True)


def serial(files: Iterable[str], encoding, keep, with_skipped, with_text: bool = False) -> Iterator[Result]:
    """Results of the files (names, read as ``Path(name)``) one at a time, in this process."""
    for name in files:
        yield process(name, name, encoding, keep, with_skipped, with_text=with_text)
