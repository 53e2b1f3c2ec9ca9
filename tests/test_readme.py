"""The README is the truth: its tables of the seed reports are what the command prints."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner

from crimestats.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    """The first fenced block after ``marker`` in the README, without its fences."""
    at = README.index(marker)
    m = re.compile(r"```[a-z]*\n(.*?)```", re.S).search(README, at)
    return m.group(1)


def run(*args: str) -> str:
    runner = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"})
    cwd = os.getcwd()
    os.chdir(ROOT)  # the README names the seeds by their path under the repository
    try:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return result.stdout


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def test_the_seed_table_is_the_readmes():
    shown = block_after("What a person sees")
    printed = run("extract", "data/thai-nguyen-province-crime-prevention-2021.txt", "-f", "table")
    assert lines(printed) == lines(shown)


def test_the_summary_of_the_seeds_is_the_readmes():
    shown = block_after("crimestats summary INPUT...")
    command, _, rest = shown.partition("\n")
    assert command.startswith("$ crimestats summary data/")
    expected = rest.split("\n$ ", 1)[0]
    printed = run("summary", "data/", "-f", "table")
    assert lines(printed) == lines(expected)


def test_the_filter_example_is_the_readmes():
    shown = block_after("keeps only the figures that pass every filter")
    expected = shown.strip().splitlines()[1]
    printed = run("extract", "data/", "--place", "thai nguyen", "--year", "2016", "--metric", "ma tuy",
                  "-c", "arrests", "-f", "jsonl")
    records = [json.loads(line) for line in printed.splitlines()]
    assert ["\t".join([r["text"], r["place"], r["metric"]]) for r in records] == [expected]
