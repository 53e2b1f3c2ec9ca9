"""The inputs: files, directories, glob patterns and stdin, as every engine reads them.

``crimestats extract`` and :mod:`crimestats.distributed` list and read their inputs here, so a
directory is walked, a name is shown and a file is decoded the same way everywhere.
"""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

__all__ = ["FILE", "NOTE", "STDIN", "Input", "display_name", "iter_inputs", "paths", "read", "walk"]

FILE, STDIN, NOTE = "file", "stdin", "note"


class Input(NamedTuple):
    """One input in command-line order.

    ``name`` is what the output calls it (valid UTF-8, see :func:`display_name`); ``path`` is
    what to open (``None`` for stdin); a ``NOTE`` is a warning in its place (``reason``).
    """

    kind: str
    name: str
    path: str | None = None
    reason: str | None = None


def display_name(name: str) -> str:
    """``name`` as valid UTF-8 text: the bytes of a file name that are not UTF-8 (which Python
    holds as lone surrogates) are written as ``\\xHH``, e.g. ``bad\\xffname.txt``."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _sort_key(name: str) -> str:
    # The order of sorted Paths (part by part): a NUL sorts below every character of a name.
    return os.path.normcase(name).replace(os.sep, "\0")


def walk(directory: str | os.PathLike, pattern: str) -> list[str]:
    """The files under ``directory`` (recursively) whose names match ``pattern``, sorted."""
    found = [str(p) for p in Path(directory).rglob(pattern) if p.is_file()]
    found.sort(key=_sort_key)
    return found


def iter_inputs(names: Iterable[str | os.PathLike], pattern: str = "*.txt") -> Iterator[Input]:
    """The inputs in order: ``-`` is stdin; a directory gives its files matching ``pattern``
    (recursively, sorted) or, when none match, a ``NOTE``; a name that does not exist but holds
    glob characters (``reports/*.txt``, quoted from the shell) gives the files it matches,
    sorted; anything else is a file, even one that does not exist, so that reading it reports
    the error in order with the rest. Only names are kept: ten thousand files cost a megabyte.
    """
    for name in names:
        name = os.fspath(name)
        if name == "-":
            yield Input(STDIN, "-")
        elif os.path.isdir(name):
            found = walk(name, pattern)
            if not found:
                yield Input(NOTE, display_name(name), None, f"no files match {pattern!r}")
            for path in found:
                yield Input(FILE, display_name(path), path)
        elif not os.path.lexists(name) and glob.has_magic(name):
            matched = sorted((p for p in glob.glob(name, recursive=True) if os.path.isfile(p)), key=_sort_key)
            for path in matched or [name]:
                yield Input(FILE, display_name(path), path)
        else:
            yield Input(FILE, display_name(name), name)


def paths(names: str | os.PathLike | Iterable[str | os.PathLike], pattern: str = "*.txt") -> list[str]:
    """The files of ``names`` (a name or several), as the command line lists them; stdin and
    directories without matches give nothing."""
    if isinstance(names, (str, os.PathLike)):
        names = [names]
    return [item.path for item in iter_inputs(names, pattern) if item.kind == FILE]


def read(path: str | os.PathLike | None, encoding: str | None = None) -> tuple[str, str | None]:
    """``(text, warning)`` of a file, or of stdin when ``path`` is None (see
    :mod:`crimestats.decode`). Raises ``OSError`` or :class:`crimestats.decode.DecodeError`."""
    from .decode import decode_bytes, read_file

    if path is None:
        return decode_bytes(sys.stdin.buffer.read(), encoding)
    return read_file(Path(path), encoding)
