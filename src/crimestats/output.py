"""Where the records go: ``-o FILE`` written as the shell's ``> FILE`` would, but safely.

* ``-`` (or no ``-o``) is stdout.
* A target that is not a regular file — a device (``/dev/null``), a FIFO, ``/dev/stdout`` or
  anything else under ``/dev`` or ``/proc`` — is opened and written in place, as ``>`` does;
  replacing it would turn a device into a file or leave a FIFO's reader waiting.
* A regular file (new or existing) is written to a temporary file in the same directory and
  renamed onto it once complete, so an interrupted run leaves the old file (or none) and never a
  partial one. A symbolic link is followed and its target replaced, the link kept. An existing
  file keeps its mode (and its owner where allowed); one with other hard links is copied into
  in place when complete, so the links still share it.
* A target that cannot be written — its directory missing, a directory itself, no permission —
  is an :class:`OutputError` raised on opening, before any work is done.

A SQLite database (:mod:`crimestats.database`) is made the same way when new (a temporary file
renamed onto the name, :func:`replacing`); an existing one is added to in one transaction.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from typing import IO, Iterator

__all__ = ["OutputError", "open_output", "replacing", "target", "FORMAT_BY_SUFFIX", "format_for", "is_stdout"]

# The format an output file's name implies when no --format is given.
FORMAT_BY_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
                    ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite"}

_IN_PLACE_DIRS = ("/dev/", "/proc/")


class OutputError(OSError):
    """The output cannot be written; ``reason`` says why, in one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_stdout(path: str | None) -> bool:
    return path is None or path == "-"


def format_for(path: str | None) -> str | None:
    """The format the name of ``path`` implies (``figures.csv`` -> csv), else None."""
    if is_stdout(path):
        return None
    return FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower())


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _open_text(target: str | int, mode: str = "w") -> IO[str]:
    return open(target, mode, encoding="utf-8", newline="")


class Target:
    """What ``-o`` names, checked: its ``stat`` (None when it does not exist yet), the ``real``
    path behind any symbolic link, and whether it is written ``in_place`` (not a regular file)."""

    __slots__ = ("path", "st", "real", "in_place")

    def __init__(self, path: str, st, real: str, in_place: bool):
        self.path, self.st, self.real, self.in_place = path, st, real, in_place


def target(path: str) -> Target:
    """Check ``path`` as an output (:class:`OutputError` when it cannot be one)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a file where a directory should be, a loop of links, no permission
        raise OutputError(_reason(exc)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError("Is a directory")
    absolute = os.path.abspath(path)
    real = os.path.realpath(path)
    in_place = (st is not None and not stat.S_ISREG(st.st_mode)) or absolute.startswith(_IN_PLACE_DIRS) \
        or real.startswith(_IN_PLACE_DIRS)
    if not in_place:
        if not os.path.isdir(os.path.dirname(real)):
            raise OutputError("No such file or directory")
        if st is not None and not os.access(real, os.W_OK):
            raise OutputError("Permission denied")
    return Target(path, st, real, in_place)


@contextlib.contextmanager
def replacing(checked: Target) -> Iterator[str]:
    """The path of a new, empty temporary file beside a regular file's target, renamed onto it
    when the block ends normally (an existing file's mode, owner and hard links kept) and
    removed when it ends with an exception."""
    st, real = checked.st, checked.real
    directory = os.path.dirname(real)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(_reason(exc)) from None
    try:
        if st is None:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        else:
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, st.st_uid, st.st_gid)
        os.close(fd)
        fd = -1
        yield tmp
        if st is not None and st.st_nlink > 1:
            # A rename would break the other links: the complete output is copied in place.
            shutil.copyfile(tmp, real)
            os.unlink(tmp)
        else:
            os.replace(tmp, real)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def open_output(path: str | None, bom: bool = False) -> Iterator[IO[str]]:
    """A text stream to write the output to; see the module's rules. With ``bom``, the stream
    starts with a UTF-8 byte-order mark (CSV for Excel).

    Everything that can fail before writing is checked on entry (:class:`OutputError`).
    On a normal exit the output is committed; on an exception (Ctrl-C, SIGTERM, an error)
    the temporary file is removed and the target left as it was.
    """
    if is_stdout(path):
        if bom:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        return
    checked = target(path)
    if checked.in_place:
        try:
            stream = _open_text(path)
        except OSError as exc:
            raise OutputError(_reason(exc)) from None
        with stream:
            if bom:
                stream.write("\ufeff")
            yield stream
        return
    with replacing(checked) as tmp:
        with _open_text(tmp) as stream:
            if bom:
                stream.write("\ufeff")
            yield stream
