"""The command on arbitrary bytes under arbitrary file names: no exception escapes, the output
is valid UTF-8 and parses, offsets index the decoded input exactly, names are escaped.

The budget is bounded (a fixed number of derandomised examples), so CI time stays flat.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crimestats.cli import cli
from crimestats.decode import DecodeError, decode_bytes

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["bắt giữ", "12", "đối tượng", "vụ", "1,5 tỷ đồng", "90,9 %", "năm 2021", "\n", ". ", "\x1b[31m",
         "\x85", "\u2028", "\u0301", "\ufeff", "\x00", "giảm 6,7 % so với cùng kỳ"]
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=30).map("".join)
CONTENT = st.one_of(
    st.binary(max_size=300),
    st.tuples(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258"])).map(
        lambda t: t[0].encode(t[1], "replace")),
)
NAME = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b".."))


def records_of(fmt: str, out: str) -> list[dict]:
    if fmt == "json":
        return json.loads(out)
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    return list(csv.DictReader(io.StringIO(out)))


@SETTINGS
@given(content=CONTENT, name=NAME, fmt=st.sampled_from(["json", "jsonl", "csv", "table"]), skipped=st.booleans())
def test_any_bytes_under_any_name(content, name, fmt, skipped):
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(os.fsencode(directory), name)
        with open(path, "wb") as f:
            f.write(content)
        args = ["extract", os.fsdecode(path), "-f", fmt, *(["--skipped"] if skipped else [])]
        result = CliRunner(env={"COLUMNS": "120"}).invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1)
    out = result.stdout_bytes.decode("utf-8")  # strict: the output is valid UTF-8
    err = result.stderr_bytes.decode("utf-8")
    assert all(line.startswith("crimestats: ") for line in err.splitlines())
    try:
        text, _ = decode_bytes(content)
    except DecodeError:
        assert result.exit_code == 1 and "binary" in err
        return
    assert result.exit_code == 0
    if fmt == "table":
        return
    shown = path.decode("utf-8", "backslashreplace")
    for record in records_of(fmt, out):
        assert record["file"] == shown
        start, end = int(record["start"]), int(record["end"])
        assert text[start:end] == record["text"]
