"""Figures into a SQLite database (``-f sqlite -o figures.db``), added to run after run.

Tables (every column typed: INTEGER, REAL or TEXT):

* ``files`` — one row per input: ``file_id``, ``file`` (as the records name it), ``sha256`` of
  its bytes (null when it could not be read), ``source_format``, ``status`` (``ok``,
  ``warning`` or ``error``), ``message`` (the warning or error, else null), ``figures`` (how many
  rows it has in ``figures``) and ``added`` (when, UTC, ISO 8601).
* ``figures`` — one row per figure: ``file_id`` and every field of the record
  (:data:`crimestats.figure.FIELD_NAMES`), typed from :class:`crimestats.figure.Figure`; an
  index on each of ``file``, ``category`` and ``year``.
* ``skipped`` — with ``--skipped``, the numbers not taken as figures, with ``file_id``.

A file already in the database — the same name and the same SHA-256 of its bytes, read
without error — is not added again, so a run over the same files adds no rows. A file of the
same name whose bytes changed replaces its older rows (stdin, named ``-``, has no name to go by:
its texts are told apart by their hash alone). A file that cannot be read leaves the rows of an
earlier reading of it as they are.

Writes are atomic. A new database is built in a temporary file beside the target and renamed
onto it when complete (:func:`crimestats.output.replacing`). An existing one is added to in
place, in one transaction, which SQLite makes atomic: a reader sees every row of the run or
none, an error, Ctrl-C or SIGTERM rolls it back, and even a killed run leaves a journal that
the next opening rolls back. The file is never replaced, so it keeps its mode, owner and hard
links, and it is not copied: a large database costs no more to add to than a small one, and two
runs adding to it at once take turns (the second waits for the first's lock) instead of the
later rename silently dropping the other's rows.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
from dataclasses import fields
from typing import Iterator

from .figure import SKIPPED_FIELDS, Figure
from .output import OutputError, replacing, target

__all__ = ["APPLICATION_ID", "COLUMN_TYPES", "SqliteWriter", "open_database"]

# Marks a database as crimestats' (PRAGMA application_id), so that an unrelated one is not written into.
APPLICATION_ID = int.from_bytes(b"crst", "big")
# How long a run waits for another that is adding to the same database.
BUSY_SECONDS = 60.0


def _sql_type(annotation: str) -> str:
    if "float" in annotation:
        return "REAL"
    if "int" in annotation:
        return "INTEGER"
    return "TEXT"


# Every figure field with its SQL type, from the Figure dataclass, so that a new field is a new column.
COLUMN_TYPES = {f.name: _sql_type(str(f.type)) for f in fields(Figure)}
SKIPPED_TYPES = {"file": "TEXT", "text": "TEXT", "start": "INTEGER", "end": "INTEGER", "line": "INTEGER",
                 "reason": "TEXT"}
FILE_COLUMNS = {"file": "TEXT NOT NULL", "sha256": "TEXT", "source_format": "TEXT", "status": "TEXT NOT NULL",
                "message": "TEXT", "figures": "INTEGER NOT NULL DEFAULT 0", "added": "TEXT NOT NULL"}


def _q(name: str) -> str:
    """A quoted identifier: "index" and "end" are SQL words."""
    return '"' + name.replace('"', '""') + '"'


def _create(conn: sqlite3.Connection) -> None:
    """The tables and indexes, made where missing, and the columns a newer crimestats added."""
    file_cols = ", ".join(f"{_q(c)} {t}" for c, t in FILE_COLUMNS.items())
    conn.execute(f"CREATE TABLE IF NOT EXISTS files (file_id INTEGER PRIMARY KEY, {file_cols})")
    conn.execute("CREATE INDEX IF NOT EXISTS files_file ON files(file)")
    figure_cols = ", ".join(f"{_q(c)} {t}" for c, t in COLUMN_TYPES.items())
    conn.execute(f"CREATE TABLE IF NOT EXISTS figures (file_id INTEGER NOT NULL REFERENCES files(file_id), "
                 f"{figure_cols})")
    skipped_cols = ", ".join(f"{_q(c)} {t}" for c, t in SKIPPED_TYPES.items())
    conn.execute(f"CREATE TABLE IF NOT EXISTS skipped (file_id INTEGER NOT NULL REFERENCES files(file_id), "
                 f"{skipped_cols})")
    for table, columns in (("files", FILE_COLUMNS), ("figures", COLUMN_TYPES), ("skipped", SKIPPED_TYPES)):
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for column, kind in columns.items():
            if column not in have:  # a database made by an older crimestats
                kind = kind.replace(" NOT NULL", "") if "DEFAULT" not in kind else kind
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {_q(column)} {kind}")
    for column in ("file", "category", "year"):
        conn.execute(f"CREATE INDEX IF NOT EXISTS figures_{column} ON figures({_q(column)})")
    conn.execute("CREATE INDEX IF NOT EXISTS figures_file_id ON figures(file_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS skipped_file_id ON skipped(file_id)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _reason(exc: sqlite3.Error) -> str:
    return str(exc) or type(exc).__name__


def _connect(path: str) -> sqlite3.Connection:
    # Transactions are begun and ended here, explicitly (isolation_level None).
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_ours(conn: sqlite3.Connection) -> None:
    """Raise :class:`OutputError` unless the database is crimestats' or empty."""
    try:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise OutputError(f"not a SQLite database ({_reason(exc)})") from None
    if app != APPLICATION_ID and tables:
        raise OutputError("a SQLite database that crimestats did not make: not written into")


@contextlib.contextmanager
def open_database(path: str) -> Iterator[sqlite3.Connection]:
    """A connection in a transaction on the database ``path``, new or existing (see the
    module's rules); committed when the block ends normally, rolled back otherwise. What
    cannot be written is an :class:`OutputError` on entry, before any input is read."""
    checked = target(path)
    if checked.in_place:
        raise OutputError("not a regular file: a SQLite database must be one")
    if checked.st is None:
        with replacing(checked) as tmp:
            conn = _connect(tmp)
            try:
                conn.execute("BEGIN")
                _create(conn)
                with _committed(conn):
                    yield conn
            finally:
                conn.close()
        return
    try:
        conn = _connect(checked.real)
    except sqlite3.Error as exc:
        raise OutputError(_reason(exc)) from None
    try:
        _check_ours(conn)
        try:
            # IMMEDIATE: the write lock now, so that a run waits for another's before reading.
            conn.execute("BEGIN IMMEDIATE")
            _create(conn)
        except sqlite3.Error as exc:
            raise OutputError(_reason(exc)) from None
        with _committed(conn):
            yield conn
    finally:
        conn.close()


@contextlib.contextmanager
def _committed(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The open transaction committed when the block ends normally, else rolled back."""
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _typed(value, kind: str):
    # A REAL column takes floats: a Python int beyond 64 bits could not even be bound.
    if kind == "REAL" and value is not None:
        return float(value)
    return value


class SqliteWriter:
    """The writer of the sqlite format: the begin/add/end protocol of
    :class:`crimestats.render.Writer`, rows inserted as they come, each input's ``files`` row
    completed by ``outcome``."""

    def __init__(self, conn: sqlite3.Connection, with_skipped: bool = False):
        self.conn = conn
        self.with_skipped = with_skipped
        self.already = 0          # inputs that were in the database already
        self.added = 0            # inputs added (read or not)
        self._file_id: int | None = None
        self._skip = False
        self._count = 0
        names = list(COLUMN_TYPES)
        self._figure_sql = (f"INSERT INTO figures (file_id, {', '.join(map(_q, names))}) "
                            f"VALUES (?{', ?' * len(names)})")
        self._figure_types = [COLUMN_TYPES[n] for n in names]
        self._figure_names = names
        skipped_names = [n for n in SKIPPED_FIELDS if n != "skipped"]
        self._skipped_sql = (f"INSERT INTO skipped (file_id, {', '.join(map(_q, skipped_names))}) "
                             f"VALUES (?{', ?' * len(skipped_names)})")
        self._skipped_names = skipped_names

    # -- what is there already -------------------------------------------------------------

    def present(self) -> dict[str, set[str]]:
        """The hashes of the files in the database that were read without error, by name
        (stdin left out): a run can leave these files unread."""
        found: dict[str, set[str]] = {}
        for file, digest in self.conn.execute(
                "SELECT file, sha256 FROM files WHERE status != 'error' AND sha256 IS NOT NULL AND file != '-'"):
            found.setdefault(file, set()).add(digest)
        return found

    def _has(self, file: str, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM files WHERE file = ? AND sha256 = ? AND status != 'error' LIMIT 1",
                                 (file, digest)).fetchone() is not None

    def _forget(self, where: str, args: tuple) -> None:
        ids = [row[0] for row in self.conn.execute(f"SELECT file_id FROM files WHERE {where}", args)]
        for file_id in ids:
            self.conn.execute("DELETE FROM figures WHERE file_id = ?", (file_id,))
            self.conn.execute("DELETE FROM skipped WHERE file_id = ?", (file_id,))
            self.conn.execute("DELETE FROM files WHERE file_id = ?", (file_id,))

    # -- the writer protocol ---------------------------------------------------------------

    def skip_present(self, file: str) -> None:
        """An input found in the database before it was read (same name and hash)."""
        self.already += 1

    def source(self, file: str, fmt: str, sha256: str) -> None:
        self._count = 0
        if self._has(file, sha256):
            self._skip, self._file_id = True, None
            self.already += 1
            return
        self._skip = False
        if file == "-":
            self._forget("file = '-' AND sha256 = ?", (sha256,))  # an earlier run's failed reading
        else:
            self._forget("file = ?", (file,))  # an older version of the file
        self._file_id = self.conn.execute(
            "INSERT INTO files (file, sha256, source_format, status, figures, added) VALUES (?, ?, ?, 'ok', 0, ?)",
            (file, sha256, fmt, _now())).lastrowid
        self.added += 1

    def begin(self, file: str) -> None:
        pass

    def text(self, text: str) -> None:
        pass

    def add(self, figures: list[dict], skipped: list[dict]) -> None:
        if self._skip or self._file_id is None:
            return
        file_id, names, types = self._file_id, self._figure_names, self._figure_types
        if figures:
            self.conn.executemany(self._figure_sql, [
                (file_id, *(_typed(f.get(n), t) for n, t in zip(names, types))) for f in figures])
            self._count += len(figures)
        if skipped and self.with_skipped:
            self.conn.executemany(self._skipped_sql,
                                  [(file_id, *(s.get(n) for n in self._skipped_names)) for s in skipped])

    def end(self) -> None:
        pass

    def outcome(self, file: str, status: str, message: str | None) -> None:
        if self._skip:
            self._skip = False
            return
        if self._file_id is not None:
            self.conn.execute("UPDATE files SET status = ?, message = ?, figures = ? WHERE file_id = ?",
                              (status, message, self._count, self._file_id))
        elif status == "error":
            # Not read at all: an earlier reading of the file stays; an earlier failure is replaced.
            self._forget("file = ? AND status = 'error'", (file,))
            if not self.conn.execute("SELECT 1 FROM files WHERE file = ? LIMIT 1", (file,)).fetchone():
                self.conn.execute(
                    "INSERT INTO files (file, sha256, source_format, status, message, figures, added) "
                    "VALUES (?, NULL, NULL, 'error', ?, 0, ?)", (file, message, _now()))
                self.added += 1
        self._file_id = None
        self._count = 0

    def close(self) -> None:
        pass
