"""A self-contained HTML page of a run (``crimestats extract -f html``): the summary at the
top, then each report's text with every figure highlighted in its category's colour (a click
shows its record beside the text), and the figures table below with links to their place in
the text. CSS and script are inline and a Content-Security-Policy forbids loading anything,
so the page reads the same offline, from a mail attachment or a file share.
"""

from __future__ import annotations

import html
import json
import re

from .figure import CATEGORIES

__all__ = ["page"]

# What HTML text may not hold: C0 controls but tab and line breaks, DEL, C1 controls.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

COLOURS = {
    "rate": "#f3c4f0",
    "change": "#ffe08a",
    "target": "#fff3b0",
    "cases": "#ffb3b3",
    "arrests": "#ff9e7a",
    "people": "#a8e6f0",
    "money": "#b8ecb0",
    "seizure": "#b3c8ff",
    "count": "#e0e0e0",
}

STYLE = """
:root { --ink: #1d1d1f; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0; padding: 0 1.5rem 3rem; background: #fafafa; }
header { position: sticky; top: 0; background: #fafafa; border-bottom: 1px solid var(--line);
         padding: .6rem 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: baseline; }
header h1 { font-size: 1.2rem; margin: 0; }
.legend span { display: inline-block; padding: 0 .4rem; margin-right: .25rem; border-radius: 3px; font-size: .85rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; word-break: break-all; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; position: sticky; top: 2.6rem; }
td.num { text-align: right; white-space: nowrap; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1rem; align-items: start; }
.text { white-space: pre-wrap; word-wrap: break-word; background: #fff; border: 1px solid var(--line);
        padding: .8rem 1rem; margin: 0; font: inherit; line-height: 1.7; }
.panel { position: sticky; top: 4.5rem; background: #fff; border: 1px solid var(--line); padding: .6rem .8rem;
         font-size: .85rem; max-height: 80vh; overflow: auto; }
.panel dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem .6rem; margin: .4rem 0; }
.panel dt { color: var(--muted); }
.panel dd { margin: 0; word-wrap: break-word; }
.hint { color: var(--muted); }
a.fig { color: inherit; text-decoration: none; border-radius: 3px; padding: 0 .1rem; cursor: pointer;
        border-bottom: 2px solid rgba(0,0,0,.25); }
a.fig.repeat { border-bottom-style: dotted; }
a.fig.selected, a.fig:target { outline: 2px solid #0a58ca; }
tr:target, tr.selected { outline: 2px solid #0a58ca; }
.doc { margin-top: 2rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } .panel { position: static; } }
""" + "".join(f".cat-{c} {{ background: {colour}; }}\n" for c, colour in COLOURS.items())

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("records").textContent);
  var FIELDS = ["index", "text", "value", "value_max", "unit", "unit_text", "category", "qualifier",
                "direction", "metric", "metric_en", "year", "period", "baseline", "place", "repeat_of",
                "line", "start", "end", "sentence"];
  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }
  function show(doc, index) {
    var record = (data[doc] || {})[index];
    var panel = document.getElementById("panel-" + doc);
    if (!record || !panel) { return; }
    var selected = document.querySelectorAll(".selected");
    for (var s = 0; s < selected.length; s++) { selected[s].classList.remove("selected"); }
    var fig = document.getElementById("f-" + doc + "-" + index);
    var row = document.getElementById("r-" + doc + "-" + index);
    if (fig) { fig.classList.add("selected"); }
    if (row) { row.classList.add("selected"); }
    panel.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "figure " + index + " \\u00b7 " + record.category;
    panel.appendChild(title);
    var list = document.createElement("dl");
    list.className = "record";
    FIELDS.forEach(function (name) {
      var value = record[name];
      if (value === null || value === undefined || value === "") { return; }
      var dt = document.createElement("dt");
      dt.textContent = name;
      var dd = document.createElement("dd");
      if (name === "repeat_of") {
        dd.appendChild(link("#f-" + doc + "-" + value, "figure " + value));
      } else {
        dd.textContent = String(value);
      }
      list.appendChild(dt);
      list.appendChild(dd);
    });
    panel.appendChild(list);
    panel.appendChild(link("#r-" + doc + "-" + index, "row in the figures table"));
    panel.setAttribute("data-shown", doc + "-" + index);
  }
  document.addEventListener("click", function (event) {
    var fig = event.target.closest ? event.target.closest("a.fig") : null;
    if (!fig) { return; }
    event.preventDefault();
    show(fig.getAttribute("data-doc"), fig.getAttribute("data-index"));
    if (history.replaceState) { history.replaceState(null, "", "#" + fig.id); }
  });
  function fromHash() {
    var m = /^#[fr]-(\\d+)-(\\d+)$/.exec(location.hash);
    if (m) { show(m[1], m[2]); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"""


def _clean(text: str) -> str:
    return _BAD.sub("\ufffd", text)


def _esc(value) -> str:
    return html.escape(_clean("" if value is None else str(value)), quote=True)


def _json_for_script(value) -> str:
    # Inside <script> nothing may close the element or open a comment: escape < > & as JSON does.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _tooltip(r: dict) -> str:
    parts = [f"#{r['index']} {r['category']}", f"{r['value']} {r['unit']}"]
    if r.get("direction"):
        parts.append(r["direction"])
    if r.get("metric"):
        parts.append(r["metric"])
    if r.get("year") is not None:
        parts.append(str(r["year"]))
    if r.get("place"):
        parts.append(r["place"])
    if r.get("repeat_of") is not None:
        parts.append(f"repeats #{r['repeat_of']}")
    return " \u00b7 ".join(parts)


def _marked_text(k: int, text: str, records: list[dict]) -> str:
    """The text, escaped, with each figure's span a link holding its category's colour."""
    out, pos = [], 0
    for r in sorted(records, key=lambda r: (r["start"], r["end"])):
        start, end = r["start"], r["end"]
        if start < pos or end > len(text) or start >= end:
            continue  # an overlapping or out-of-range span is listed in the table only
        out.append(_esc(text[pos:start]))
        cls = f"fig cat-{r['category']}" + (" repeat" if r.get("repeat_of") is not None else "")
        out.append(f'<a class="{_esc(cls)}" id="f-{k}-{r["index"]}" href="#r-{k}-{r["index"]}" '
                   f'data-doc="{k}" data-index="{r["index"]}" title="{_esc(_tooltip(r))}">'
                   f'{_esc(text[start:end])}</a>')
        pos = end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _qualifier(r: dict) -> str:
    parts = [] if r.get("qualifier") in (None, "exact") else [r["qualifier"].replace("_", " ")]
    if r.get("direction"):
        parts.append({"up": "\u2191 up", "down": "\u2193 down"}.get(r["direction"], r["direction"]))
    return " \u00b7 ".join(parts)


def _figures_table(k: int, records: list[dict], has_text: bool) -> str:
    head = ("#", "line", "value", "unit", "category", "qualifier / direction", "metric", "year", "place", "repeat of")
    rows = []
    for r in records:
        i = r["index"]
        number = f'<a href="#f-{k}-{i}">{i}</a>' if has_text else str(i)
        repeat = (f'<a href="#r-{k}-{r["repeat_of"]}">{r["repeat_of"]}</a>'
                  if r.get("repeat_of") is not None else "")
        rows.append(
            f'<tr id="r-{k}-{i}"><td class="num">{number}</td><td class="num">{_esc(r.get("line"))}</td>'
            f'<td class="num"><span class="cat-{_esc(r["category"])}">{_esc(r["text"])}</span></td>'
            f'<td>{_esc(r["unit"])}</td><td>{_esc(r["category"])}</td><td>{_esc(_qualifier(r))}</td>'
            f'<td>{_esc(r.get("metric"))}</td><td class="num">{_esc(r.get("year"))}</td>'
            f'<td>{_esc(r.get("place"))}</td><td class="num">{repeat}</td></tr>')
    header = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(rows) or f'<tr><td colspan="{len(head)}" class="hint">no figures</td></tr>'
    return f'<table class="figures"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'


def _summary_html(docs: list[tuple[str, list[dict], str | None]]) -> str:
    from .summary import summarize

    summary = summarize((file, records) for file, records, _ in docs)
    anchor = {file: k for k, (file, _, _) in enumerate(docs)}
    rows = []
    for k, r in enumerate(summary.reports):
        heads = []
        for c in r.categories:
            h = c.headline
            shown = (f' <a class="cat-{_esc(c.category)}" href="#f-{k}-{h.index}">{_esc(h.text)}</a>'
                     if h is not None else "")
            heads.append(f"<div>{_esc(c.category)} {c.count}{':' if h else ''}{shown}</div>")
        rows.append(
            f'<tr><td><a href="#doc-{k}">{_esc(r.file)}</a></td><td>{_esc(r.place)}</td>'
            f'<td class="num">{_esc(r.year)}</td><td>{_esc(r.period)}</td>'
            f'<td class="num">{r.figures}</td><td class="num">{r.repeats}</td><td>{"".join(heads)}</td></tr>')
    reports = ('<table class="reports"><thead><tr><th>report</th><th>place</th><th>year</th><th>period</th>'
               '<th>figures</th><th>repeats</th><th>headline per category</th></tr></thead><tbody>'
               + "".join(rows) + "</tbody></table>")
    cross_rows = []
    for row in summary.cross:
        values = "".join(f'<div><a href="#f-{anchor.get(v.file, 0)}-{v.index}">{_esc(v.text)}</a> '
                         f'<span class="hint">{_esc(v.file)}</span></div>' for v in row.values)
        cross_rows.append(f"<tr><td>{_esc(row.place)}</td><td class='num'>{_esc(row.year)}</td>"
                          f"<td>{_esc(row.category)}</td><td>{_esc(row.unit)}</td><td>{values}</td></tr>")
    cross = ('<table class="cross"><thead><tr><th>place</th><th>year</th><th>category</th><th>unit</th>'
             '<th>headline values</th></tr></thead><tbody>' + "".join(cross_rows) + "</tbody></table>")
    return (f'<section id="summary"><h2>Summary</h2>{reports}'
            f'<h2>Headline figures by place, year, category and unit</h2>{cross}</section>')


def page(docs: list[tuple[str, list[dict], str | None]], title: str = "crimestats report") -> str:
    """The page for ``docs``: ``(file, figure records, text)`` each; with no text (None), a
    report shows its figures table only."""
    figures = sum(len(records) for _, records, _ in docs)
    legend = "".join(f'<span class="cat-{c}">{c}</span>' for c in CATEGORIES)
    sections = []
    for k, (file, records, text) in enumerate(docs):
        body = ""
        if text is not None:
            body = (f'<div class="layout"><pre class="text">{_marked_text(k, text, records)}</pre>'
                    f'<aside class="panel" id="panel-{k}"><span class="hint">Click a highlighted figure '
                    f'to see its record.</span></aside></div>')
        sections.append(f'<section class="doc" id="doc-{k}"><h2>{_esc(file)}</h2>{body}'
                        f'<h3>Figures ({len(records)})</h3>{_figures_table(k, records, text is not None)}</section>')
    data = [{str(r["index"]): r for r in records} for _, records, _ in docs]
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{_esc(title)}</h1><span>{len(docs)} report{'s' if len(docs) != 1 else ''}, "
        f"{figures} figure{'s' if figures != 1 else ''}</span><span class=\"legend\">{legend}</span></header>"
        f"{_summary_html(docs)}<main>{''.join(sections)}</main>"
        f"<script type=\"application/json\" id=\"records\">{_json_for_script(data)}</script>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )
