"""The HTML report in a real browser: headless Chromium driven over the DevTools protocol on
a pipe, with the standard library only.

Skipped, with the reason, only where no Chromium is installed (`.ci/run` installs Debian's
`chromium` when it runs as root, so CI runs it).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crimestats.cli import cli

DATA = Path(__file__).resolve().parent.parent / "data"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install chromium)")

# A guard against a browser that never answers, not a measure of speed.
DEADLINE = 120


class Browser:
    """Chromium with --remote-debugging-pipe: commands go in on its fd 3, answers and events
    come out on its fd 4, each a JSON message ended by a NUL byte."""

    def __init__(self, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire():  # in the child: the pipe ends on the descriptors Chromium reads and writes
            # first above 4, so that neither end is already 3 or 4 (dup2 onto itself would keep
            # it close-on-exec) or overwritten by the other
            read_end = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def _read(self) -> dict:
        deadline = time.monotonic() + DEADLINE
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_browser, 65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str) -> dict:
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if event.get("method") == method:
                return event

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            self.send(f"{domain}.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def eval(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[dict]:
        bad = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                bad.append(params)
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                bad.append(params)
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                bad.append(params)
        return bad

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False)
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    out = folder / "seeds.html"
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(DATA), "-f", "html", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    records = json.loads(runner.invoke(cli, ["extract", str(DATA), "-f", "json"]).stdout)
    files = sorted({r["file"] for r in records}, key=[r["file"] for r in records].index)
    browser = Browser(folder / "profile")
    try:
        browser.open(out.as_uri())
        yield browser, records, files
    finally:
        browser.close()


def test_every_seed_figure_is_highlighted_in_its_text(seeds_page):
    browser, records, files = seeds_page
    shown = browser.eval("""Array.from(document.querySelectorAll('pre.text a.fig')).map(a => ({
        id: a.id, text: a.textContent, background: getComputedStyle(a).backgroundColor}))""")
    expected = [{"id": f"f-{files.index(r['file'])}-{r['index']}", "text": r["text"]} for r in records]
    assert [{"id": s["id"], "text": s["text"]} for s in shown] == expected
    assert all(s["background"] not in ("rgba(0, 0, 0, 0)", "transparent") for s in shown)
    # each category keeps one colour
    colours = {}
    for s, r in zip(shown, records):
        colours.setdefault(r["category"], set()).add(s["background"])
    assert all(len(c) == 1 for c in colours.values())


def test_a_click_on_a_figure_shows_its_record(seeds_page):
    browser, records, files = seeds_page
    for r in records:
        k = files.index(r["file"])
        panel = browser.eval(f"""(() => {{
            document.getElementById('f-{k}-{r["index"]}').click();
            const panel = document.getElementById('panel-{k}');
            return {{shown: panel.getAttribute('data-shown'), text: panel.textContent,
                     selected: document.getElementById('r-{k}-{r["index"]}').classList.contains('selected')}};
        }})()""")
        assert panel["shown"] == f"{k}-{r['index']}"
        assert r["text"] in panel["text"] and r["metric"] in panel["text"] and r["category"] in panel["text"]
        assert panel["selected"]


def test_the_table_links_to_each_figure_and_an_anchor_opens_its_record(seeds_page):
    browser, records, files = seeds_page
    for r in records:
        k = files.index(r["file"])
        assert browser.eval(f"""document.querySelector('table.figures a[href="#f-{k}-{r["index"]}"]') !== null""")
    last = records[-1]
    k = files.index(last["file"])
    browser.eval(f"location.hash = '#r-{k}-{last['index']}'")
    browser.wait_for("Page.navigatedWithinDocument")
    assert browser.eval(f"document.getElementById('panel-{k}').getAttribute('data-shown')") == f"{k}-{last['index']}"


def test_the_summary_is_at_the_top_and_nothing_is_fetched(seeds_page):
    browser, records, files = seeds_page
    order = browser.eval("Array.from(document.body.children).map(e => e.id || e.tagName.toLowerCase())")
    assert order.index("summary") < order.index("main")
    rows = browser.eval("document.querySelectorAll('#summary table.reports tbody tr').length")
    assert rows == len(files)
    resources = browser.eval("performance.getEntriesByType('resource').length")
    assert resources == 0


def test_no_console_errors(seeds_page):
    browser, _, _ = seeds_page
    browser.eval("document.querySelector('a.fig').click()")
    assert browser.errors() == []
