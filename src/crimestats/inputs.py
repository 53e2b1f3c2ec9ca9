"""The inputs: files, directories, glob patterns and stdin, as every engine reads them.

``crimestats extract`` and :mod:`crimestats.distributed` list and read their inputs here, so a
directory is walked, a name is shown and a file is decoded and turned into text (HTML, Word and
PDF files through :mod:`crimestats.formats`) the same way everywhere, in worker processes too.
"""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence

__all__ = ["FILE", "NOTE", "STDIN", "Input", "Source", "display_name", "iter_inputs", "load", "paths", "read",
           "scan", "walk"]

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


def _patterns(pattern: str | Sequence[str] | None) -> tuple[str, ...] | None:
    if pattern is None:
        return None
    return (pattern,) if isinstance(pattern, str) else tuple(pattern)


def _matches(patterns: tuple[str, ...], relative: str, name: str) -> bool:
    """Whether a file matches one of the --glob patterns, in any case: a pattern with a ``/``
    is matched against the path under the directory, any other against the file's name."""
    for pattern in patterns:
        target = relative if "/" in pattern else name
        if fnmatch.fnmatchcase(target.lower(), pattern.lower()):
            return True
    return False


def _lock_or_hidden(name: str) -> bool:
    # Hidden files and the lock files that Word (~$report.docx) and LibreOffice
    # (.~lock.report.docx#) leave beside an open document are no reports.
    return name.startswith((".", "~$"))


def scan(directory: str | os.PathLike, pattern: str | Sequence[str] | None = None,
         extensions: Iterable[str] | None = None) -> tuple[list[str], Counter]:
    """The files under ``directory`` (recursively, sorted) to read, and the extensions of those
    left out for their extension, counted.

    With ``pattern`` (one --glob or several), the files whose names match any of them, in any
    case. Without, the files of a supported format (``extensions``, by default every one of
    :data:`crimestats.formats.EXTENSIONS`, in any case), hidden files and folders and the
    lock files of open documents left out uncounted.
    """
    from .formats import EXTENSIONS

    patterns = _patterns(pattern)
    wanted = frozenset(e.lower() for e in (EXTENSIONS if extensions is None else extensions))
    found: list[str] = []
    skipped: Counter = Counter()
    root = os.fspath(directory)
    for folder, folders, names in os.walk(root):
        if patterns is None:
            folders[:] = [f for f in folders if not f.startswith(".")]
        for name in names:
            path = os.path.join(folder, name)
            if patterns is not None:
                if _matches(patterns, os.path.relpath(path, root).replace(os.sep, "/"), name) and os.path.isfile(path):
                    found.append(path)
                continue
            if _lock_or_hidden(name) or not os.path.isfile(path):
                continue
            extension = os.path.splitext(name)[1].lower()
            if extension in wanted:
                found.append(path)
            else:
                skipped[extension or "(none)"] += 1
    found.sort(key=_sort_key)
    return found, skipped


def walk(directory: str | os.PathLike, pattern: str | Sequence[str] | None = None) -> list[str]:
    """The files under ``directory`` (recursively) that a scan takes (see :func:`scan`), sorted."""
    return scan(directory, pattern)[0]


def _skipped_note(skipped: Counter) -> str:
    total = sum(skipped.values())
    kinds = ", ".join(f"{ext} {n}" for ext, n in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
    return f"{total} file{'s' if total != 1 else ''} skipped for {'their' if total != 1 else 'its'} extension ({kinds})"


def iter_inputs(names: Iterable[str | os.PathLike], pattern: str | Sequence[str] | None = None,
                extensions: Iterable[str] | None = None) -> Iterator[Input]:
    """The inputs in order: ``-`` is stdin; a directory gives the files that :func:`scan` takes
    (recursively, sorted) or, when none, a ``NOTE``; without ``pattern``, the files left out for
    their extension are counted in one ``NOTE`` before the directory's files; a name that does
    not exist but holds glob characters (``reports/*.txt``, quoted from the shell) gives the
    files it matches, sorted; anything else is a file, even one that does not exist, so that
    reading it reports the error in order with the rest. Only names are kept: ten thousand files
    cost a megabyte.
    """
    from .formats import EXTENSIONS

    patterns = _patterns(pattern)
    for name in names:
        name = os.fspath(name)
        if name == "-":
            yield Input(STDIN, "-")
        elif os.path.isdir(name):
            found, skipped = scan(name, patterns, extensions)
            if not found:
                wanted = ", ".join(patterns) if patterns is not None else \
                    " ".join(sorted(extensions if extensions is not None else EXTENSIONS))
                reason = f"no files match {wanted}"
                if skipped:
                    reason += f"; {_skipped_note(skipped)}"
                yield Input(NOTE, display_name(name), None, reason)
            elif skipped:
                yield Input(NOTE, display_name(name), None, _skipped_note(skipped))
            for path in found:
                yield Input(FILE, display_name(path), path)
        elif not os.path.lexists(name) and glob.has_magic(name):
            matched = sorted((p for p in glob.glob(name, recursive=True) if os.path.isfile(p)), key=_sort_key)
            for path in matched or [name]:
                yield Input(FILE, display_name(path), path)
        else:
            yield Input(FILE, display_name(name), name)


def paths(names: str | os.PathLike | Iterable[str | os.PathLike], pattern: str | Sequence[str] | None = None) -> list[str]:
    """The files of ``names`` (a name or several), as the command line lists them; stdin and
    directories without matches give nothing."""
    if isinstance(names, (str, os.PathLike)):
        names = [names]
    return [item.path for item in iter_inputs(names, pattern) if item.kind == FILE]


class Source(NamedTuple):
    """One input read: its ``text`` (what offsets index), a ``warning`` or None, the ``format``
    it was read in (txt, html, docx, pdf) and the SHA-256 of its bytes, in hex."""

    text: str
    warning: str | None
    format: str
    sha256: str


def load(path: str | os.PathLike | None, encoding: str | None = None, input_format: str | None = None) -> Source:
    """Read a file, or stdin when ``path`` is None, in the format its extension says (or
    ``input_format``; stdin is txt unless told): see :mod:`crimestats.formats`. Raises
    ``OSError`` or :class:`crimestats.decode.DecodeError` (which a missing extra and a broken
    file are too)."""
    from .formats import extract_text, format_of

    if path is None:
        data = sys.stdin.buffer.read()
    else:
        data = Path(path).read_bytes()
    fmt = format_of(path, input_format)
    digest = hashlib.sha256(data).hexdigest()
    text, warning = extract_text(data, fmt, encoding)
    return Source(text, warning, fmt, digest)


def read(path: str | os.PathLike | None, encoding: str | None = None,
         input_format: str | None = None) -> tuple[str, str | None]:
    """``(text, warning)`` of a file, or of stdin when ``path`` is None (see :func:`load`).
    Raises ``OSError`` or :class:`crimestats.decode.DecodeError`."""
    source = load(path, encoding, input_format)
    return source.text, source.warning
