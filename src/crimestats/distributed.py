"""Extraction over a dask bag of files (the optional ``crimestats[dask]`` extra).

``extract`` is a pure function of the text, so a corpus too big for one machine maps onto a
cluster: each file is read, decoded and extracted where its partition runs, and the records
are the dicts that ``crimestats extract --format json`` prints, in the same order.

    import crimestats.distributed as cd

    bag = cd.extract_bag("reports/")                  # a directory, a list of paths, or a bag of paths
    bag.filter(lambda r: r["category"] == "arrests").count().compute()
    cd.to_jsonl(bag, "out/")                          # out/000.jsonl, out/001.jsonl, ... one per partition

Dask is imported only here; the rest of crimestats runs without it.
"""

from __future__ import annotations

import os

__all__ = ["extract_bag", "file_records", "to_jsonl"]


def file_records(path: str, encoding: str | None = None) -> list[dict]:
    """The figure records of one file, as ``crimestats extract`` names it (``file`` is ``path``,
    its bytes that are not UTF-8 escaped as the command escapes them).

    Raises ``OSError`` or :class:`crimestats.decode.DecodeError` when the file cannot be read.
    """
    from . import pipeline
    from .inputs import display_name, load

    path = os.fspath(path)
    source = load(path, encoding)
    figures = pipeline.scan(source.text, display_name(path))[0]
    for figure in figures:
        figure["source_format"] = source.format
    return figures


def extract_bag(paths_or_bag, encoding: str | None = None, *, pattern: str | None = None,
                npartitions: int | None = None):
    """A ``dask.bag.Bag`` of the figure records of every file, in input order.

    ``paths_or_bag`` is a path, a directory (searched recursively for ``pattern``, one glob or
    several, by default the files of every supported format), a glob
    pattern, a list of them, or a ``dask.bag.Bag`` of paths (see :mod:`crimestats.inputs`). Nothing is read until the bag is computed.
    """
    import dask.bag as db

    from . import inputs

    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
    else:
        paths = inputs.paths(paths_or_bag, pattern)
        if npartitions is None:
            npartitions = max(1, min(len(paths), 100))
        bag = db.from_sequence(paths, npartitions=npartitions)
    return bag.map(file_records, encoding=encoding).flatten()


def to_jsonl(bag, out_dir: str | os.PathLike, *, compute: bool = True, **kwargs):
    """Write the records of ``bag`` as JSON lines, one file per partition: ``out_dir/00.jsonl``, ...

    Each line is the record as ``crimestats extract --format jsonl`` writes it; the partition
    numbers are zero-padded, so the files sort in the order of the records. Returns the paths
    written (or, with ``compute=False``, the delayed writes); ``kwargs`` go to
    ``dask.bag.Bag.to_textfiles``.
    """
    from .serialize import dumps

    width = len(str(max(bag.npartitions - 1, 0)))
    kwargs.setdefault("name_function", f"{{:0{width}d}}".format)
    os.makedirs(out_dir, exist_ok=True)
    return bag.map(dumps).to_textfiles(os.path.join(os.fspath(out_dir), "*.jsonl"), encoding="utf-8",
                                       last_endline=True, compute=compute, **kwargs)
