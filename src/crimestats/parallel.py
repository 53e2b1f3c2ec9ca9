"""Extraction of many files: one at a time in this process, or in a pool of worker processes.

Either way, each input becomes a stream of messages, in input order:

* ``(SOURCE, format, sha256)`` — the input was read: the format it was read in (txt, html,
  docx, pdf) and the SHA-256 of its bytes (a database output keeps each file once);
* ``(WARNING, reason)`` — the input was read, with a warning (bad bytes replaced);
* ``(CHUNK, figures, skipped)`` — records (plain dicts), as the extraction makes them;
* ``(ERROR, reason)`` — the input could not be read, or its extraction failed (after the
  chunks it made, if any).

Workers send records, never rendered text: the parent renders them. A large file streams from
its worker chunk by chunk, so no process holds a whole file's records, and the parent keeps
only a bounded amount of what the workers made ahead of the output.

The pool is a few ``multiprocessing`` processes, each with its own pipe, that this module
starts, stops and joins itself: on any exit (the end, an error, a closed pipe, Ctrl-C,
SIGTERM) the workers are ended and waited for before the parent goes. Nothing here imports
:mod:`multiprocessing` until a pool is made.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from collections import deque
from typing import Iterable, Iterator

WARNING, CHUNK, ERROR, TEXT, SOURCE = "warning", "chunk", "error", "text", "source"
_END = "end"  # a worker's mark after each file

WORKER_DIED = "extraction failed: the worker process ended unexpectedly"


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def process(name: str, path: str | None, encoding: str | None, keep, with_skipped: bool,
            with_text: bool = False, input_format: str | None = None) -> Iterator[tuple]:
    """The messages of one input (``path`` None is stdin): read, decode (or take the text of a
    page, a Word file, a PDF: ``input_format``, else the extension's), extract chunk by chunk.

    ``keep`` (a :class:`crimestats.selection.RecordFilter`, or categories) filters the figures;
    without ``with_skipped`` the skipped numbers are dropped; with ``with_text`` the text comes
    first, for the writers that show it. Each figure says which format its text came from
    (``source_format``). The reasons are those the command prints.
    """
    from . import pipeline
    from .decode import DecodeError
    from .inputs import load
    from .selection import select

    try:
        text, warn, fmt, digest = load(path, encoding, input_format)
    except OSError as exc:
        yield ERROR, exc.strerror or str(exc)
        return
    except DecodeError as exc:
        yield ERROR, exc.reason
        return
    yield SOURCE, fmt, digest
    if warn:
        yield WARNING, warn
    if with_text:
        yield TEXT, text
    try:
        for figures, skipped in pipeline.iter_scan(text, name):
            # The pipeline makes records of a text; where the text came from is known here.
            for figure in figures:
                figure["source_format"] = fmt
            if keep:
                figures = select(figures, keep)
            if not with_skipped:
                skipped = []
            if figures or skipped:
                yield CHUNK, figures, skipped
    except Exception as exc:  # one bad input must not stop the others
        yield ERROR, f"extraction failed: {type(exc).__name__}: {exc}"


def serial(files: Iterable[tuple[str, str]], encoding, keep, with_skipped,
           with_text: bool = False, input_format: str | None = None) -> Iterator[Iterator[tuple]]:
    """For each ``(name, path)``, in order, the iterator of its messages (made as it is read)."""
    for name, path in files:
        yield process(name, path, encoding, keep, with_skipped, with_text, input_format)


# -- the pool ------------------------------------------------------------------------------------

# A task is a list of files for one worker: large enough that handing it over costs little
# beside the extraction, small enough that output streams and the work spreads evenly. Its
# names are kept short enough that two tasks always fit in a pipe's buffer, so handing a task
# to a worker never blocks.
TASK_FILES = 32
TASK_BYTES = 256 * 1024
TASK_NAME_BYTES = 16 * 1024
# Tasks handed to one worker at once: the next is waiting when it finishes one.
TASKS_PER_WORKER = 2
# A worker sends what it made once it holds this many records, at the end of each task, and
# after every chunk of a file of more than STREAM_BYTES, whose records stream to the output.
FLUSH_RECORDS = 512
STREAM_BYTES = 64 * 1024
# Bytes of messages the parent holds for the output from one worker (other than the one
# whose file is being written): past it, that worker waits, so memory stays bounded however
# far ahead the workers are.
AHEAD_BYTES = 16 * 1024 * 1024

_HEADER = struct.Struct("<I")  # files ended in a message, before its pickle


def _tasks(files: Iterator[tuple[str, str]], most: int, budget: int = TASK_BYTES) -> Iterator[list[tuple[str, str]]]:
    """Lists of up to ``most`` ``(name, path)``, cut once their sizes reach ``budget`` bytes
    (or their names TASK_NAME_BYTES)."""
    task, size, name_bytes = [], 0, 0
    for name, path in files:
        task.append((name, path))
        name_bytes += len(name.encode("utf-8", "surrogateescape")) + len(path.encode("utf-8", "surrogateescape"))
        try:
            size += os.stat(path).st_size
        except OSError:
            pass  # the worker reports it
        if len(task) >= most or size >= budget or name_bytes >= TASK_NAME_BYTES:
            yield task
            task, size, name_bytes = [], 0, 0
    if task:
        yield task


def _die_with_parent() -> None:
    """Have the kernel end this process if the parent dies without ending it (SIGKILL)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _worker(conn, parent_pid: int, args: tuple) -> None:
    """A worker: takes tasks from ``conn`` until None or the parent goes, sends messages back."""
    # The parent handles Ctrl-C and ends the workers itself; SIGTERM ends a worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # What the parent had buffered for stdout must not be written twice: a worker prints nothing.
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    _die_with_parent()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if os.getppid() != parent_pid:
        return
    encoding, keep, with_skipped, input_format = args
    send = conn.send_bytes
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        batch, records, ended = [], 0, 0
        for name, path in task:
            try:
                large = os.stat(path).st_size > STREAM_BYTES
            except OSError:
                large = False
            for message in process(name, path, encoding, keep, with_skipped, False, input_format):
                batch.append(message)
                if message[0] == CHUNK:
                    records += len(message[1]) + len(message[2])
                    if large or records >= FLUSH_RECORDS:
                        send(_HEADER.pack(ended) + pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
                        batch, records, ended = [], 0, 0
            batch.append((_END,))
            ended += 1
        send(_HEADER.pack(ended) + pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))


class _Task:
    """Files handed to one worker; ``inbox`` holds what came back, not yet given out."""

    __slots__ = ("files", "ended", "inbox", "worker")

    def __init__(self, files: list[tuple[str, str]]):
        self.files = files
        self.ended = 0          # files the worker finished
        self.inbox: deque = deque()  # (bytes, worker) messages, or lists of messages made here
        self.worker = None

    @property
    def done(self) -> bool:
        return self.ended >= len(self.files)


class _Worker:
    __slots__ = ("process", "conn", "tasks", "held")

    def __init__(self, process, conn):
        self.process = process
        self.conn = conn
        self.tasks: deque[_Task] = deque()  # handed over and not finished, oldest first
        self.held = 0                        # bytes of its messages the parent holds


class Pool:
    """The messages of many files from ``jobs`` worker processes, in input order.

    ``files`` are ``(name, path)`` pairs. Use as a context manager (the workers start on entry:
    do that with stdout flushed) and iterate once: each item is the iterator of one file's
    messages, to be read to its end before the next.
    """

    def __init__(self, files: Iterable[tuple[str, str]], count: int, jobs: int, encoding: str | None,
                 keep: frozenset[str], with_skipped: bool, task_files: int | None = None,
                 input_format: str | None = None):
        self.jobs = jobs
        self.args = (encoding, keep, with_skipped, input_format)
        if task_files is None:
            task_files = max(1, min(TASK_FILES, count // (jobs * 8)))
        self.tasks = _tasks(iter(files), task_files)
        self.order: deque[_Task] = deque()  # handed out and not yet given out, in input order
        self.workers: list[_Worker] = []
        self._ctx = None

    # -- workers ---------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        import multiprocessing

        if self._ctx is None:
            # fork: workers start at once with the extraction engine already loaded and compiled.
            methods = multiprocessing.get_all_start_methods()
            self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        ours, theirs = self._ctx.Pipe(duplex=True)
        sys.stdout.flush()
        sys.stderr.flush()
        # Signals wait until the worker has its own handlers: the parent's would raise in it.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            process = self._ctx.Process(target=_worker, args=(theirs, os.getpid(), self.args), daemon=True)
            process.start()
            worker = _Worker(process, ours)
            self.workers.append(worker)  # before any signal can stop this: close() ends it
        finally:
            theirs.close()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return worker

    def _hand_out(self, worker: _Worker, task: _Task, files=None) -> None:
        task.worker = worker
        worker.tasks.append(task)
        try:
            worker.conn.send(task.files if files is None else files)
        except OSError:
            pass  # the worker died: reading from it says so, and its tasks go to another

    def _fill(self) -> None:
        """Hand tasks to the workers with room, while the window of tasks is not full."""
        window = self.jobs * (TASKS_PER_WORKER + 2)
        while len(self.order) < window:
            worker = min(self.workers, key=lambda w: len(w.tasks))
            if len(worker.tasks) >= TASKS_PER_WORKER:
                return
            files = next(self.tasks, None)
            if files is None:
                return
            task = _Task(files)
            self.order.append(task)
            self._hand_out(worker, task)

    def _receive(self, worker: _Worker) -> None:
        """Take one message from ``worker`` into its task's inbox (or handle its death)."""
        try:
            data = worker.conn.recv_bytes()
        except (EOFError, OSError):
            self._died(worker)
            return
        task = worker.tasks[0]
        task.inbox.append((data, worker))
        worker.held += len(data)
        task.ended += _HEADER.unpack_from(data)[0]
        if task.done:
            worker.tasks.popleft()
            task.worker = None

    def _died(self, worker: _Worker) -> None:
        """A worker died (killed, out of memory, crashed): the file it was on fails; the rest
        of its tasks go to a new worker, in their places in the order."""
        self.workers.remove(worker)
        worker.conn.close()
        worker.process.join()
        replacement = self._spawn()
        for i, task in enumerate(worker.tasks):
            if i == 0:
                task.inbox.append([(ERROR, WORKER_DIED), (_END,)])
                task.ended += 1
                if task.done:
                    continue
            self._hand_out(replacement, task, task.files[task.ended:])

    def _wait(self) -> None:
        """Receive from the workers until the oldest task has something to give out."""
        from multiprocessing.connection import wait

        head = self.order[0]
        while not head.inbox:
            ready = [w.conn for w in self.workers if w.tasks and (w is head.worker or w.held < AHEAD_BYTES)]
            for conn in wait(ready):
                self._receive(next(w for w in self.workers if w.conn is conn))
            self._fill()

    def _messages(self) -> Iterator[tuple]:
        """Every message of every file in order, with an ``(_END,)`` after each file."""
        while self.order:
            self._wait()
            head = self.order[0]
            item = head.inbox.popleft()
            if isinstance(item, tuple):
                data, worker = item
                worker.held -= len(data)
                messages = pickle.loads(memoryview(data)[_HEADER.size:])
                del data, item
            else:
                messages = item
            if head.done and not head.inbox:
                self.order.popleft()
                self._fill()
            yield from messages

    def __iter__(self) -> Iterator[Iterator[tuple]]:
        messages = self._messages()
        for first in messages:
            current = self._file(first, messages)
            yield current
            for _ in current:  # what the reader left of that file
                pass

    @staticmethod
    def _file(first: tuple, messages: Iterator[tuple]) -> Iterator[tuple]:
        message = first
        while message[0] != _END:
            yield message
            message = next(messages)

    def __enter__(self):
        try:
            for _ in range(self.jobs):
                self._spawn()
            self._fill()  # the workers start on their first tasks at once
        except BaseException:
            self.close(graceful=False)
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(graceful=exc_type is None)

    def close(self, graceful: bool = True) -> None:
        """End the workers and wait for them: asked to stop after a normal end, at once after
        an error, a closed pipe or a signal."""
        workers, self.workers = self.workers, []
        for worker in workers:
            if graceful:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            else:
                worker.process.terminate()
        for worker in workers:
            worker.process.join(timeout=5 if graceful else 1)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
