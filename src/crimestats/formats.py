"""Reports as they are published: plain text, web pages, Word files and PDFs, turned into text.

Each reader takes a file's bytes and returns the text the extractor reads; every offset of a
record (``start``, ``end``, ``line``) indexes that text, which ``crimestats extract --dump-text``
prints, so that ``extracted[start:end] == text`` can be checked for any input.

* ``txt`` — the bytes decoded as :mod:`crimestats.decode` says, nothing else changed.
* ``html`` — the page's main text, its menus, footers, scripts and comments left out, by
  `trafilatura <https://trafilatura.readthedocs.io>`_ (extra ``html``); the page's title
  first when the main text does not begin with it. A page with no main text gives a warning
  and no text.
* ``docx`` — the body's paragraphs and table cells in reading order, by ``python-docx``
  (extra ``docx``): one line per paragraph, one line per table row with its cells joined by a
  tab; deleted text of tracked changes and field codes are left out.
* ``pdf`` — the text layer, page by page, by ``pypdf`` (extra ``pdf``): the lines of a
  paragraph that the page wrapped are joined with a space (a number and its unit may sit on two
  lines), runs of spaces are one space, a page number alone on a page's first or last line
  (``3``, ``- 3 -``, ``3/12``) is dropped, paragraphs are lines. A PDF without a text layer
  (a scan) gives a warning.

The libraries are imported when a file of their format is read, never at start-up; one that
is missing is a :class:`MissingExtra` naming the extra to install. A file that its library
cannot read is a :class:`FormatError`. Both are :class:`crimestats.decode.DecodeError`, so
every caller that reports a file that is not text reports these the same way.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from typing import NamedTuple

from .decode import DecodeError, decode_bytes

__all__ = ["EXTENSIONS", "FORMATS", "FormatError", "MissingExtra", "Extracted", "extract_text",
           "format_of", "supported"]

FORMATS = ("txt", "html", "docx", "pdf")
EXTENSIONS = {".txt": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
# The extra that installs each format's library, and how its error names the format.
EXTRAS = {"html": ("HTML", "trafilatura"), "docx": ("DOCX", "docx"), "pdf": ("PDF", "pypdf")}


class FormatError(DecodeError):
    """The file cannot be read in its format (a broken Word file, a damaged PDF)."""


class MissingExtra(FormatError):
    """The library of a format is not installed; the reason names the extra to install."""

    def __init__(self, fmt: str):
        label = EXTRAS[fmt][0]
        super().__init__(f"{label} input needs the {fmt} extra (pip install 'crimestats[{fmt}]')")
        self.format = fmt


class Extracted(NamedTuple):
    """The text of one input and what went wrong on the way, if anything (``None``)."""

    text: str
    warning: str | None


def format_of(name: str | os.PathLike | None, forced: str | None = None) -> str:
    """The format to read ``name`` in: ``forced`` if given, else its extension's (in any case),
    else ``txt`` (stdin, ``report.md``, a name without an extension)."""
    if forced:
        return forced
    if name is None:
        return "txt"
    return EXTENSIONS.get(os.path.splitext(os.fspath(name))[1].lower(), "txt")


def supported(name: str) -> bool:
    """A directory scan takes this file: its extension is one of a supported format."""
    return os.path.splitext(name)[1].lower() in EXTENSIONS


def extract_text(data: bytes, fmt: str, encoding: str | None = None) -> Extracted:
    """The text of ``data`` read as ``fmt`` (see the module's rules). ``encoding`` applies to
    the formats made of text (txt, html). Raises :class:`MissingExtra`, :class:`FormatError`
    or :class:`crimestats.decode.DecodeError`."""
    if fmt == "txt":
        return Extracted(*decode_bytes(data, encoding))
    reader = _READERS[fmt]
    try:
        return reader(data, encoding)
    except DecodeError:
        raise
    except RecursionError:
        raise FormatError(f"not a readable {EXTRAS[fmt][0]} file (nested too deeply)") from None
    except MemoryError:
        raise FormatError(f"not a readable {EXTRAS[fmt][0]} file (too large to read)") from None


def _library(fmt: str):
    """The library of ``fmt``, imported now; its log records silenced (this module reports what
    matters as one line, and a damaged file must not print the library's own complaints)."""
    import logging

    module = EXTRAS[fmt][1]
    try:
        imported = __import__(module)
    except ImportError:  # not installed, or one of its own dependencies missing
        raise MissingExtra(fmt) from None
    for name in _LOGGERS[fmt]:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    return imported


_LOGGERS = {"html": ("trafilatura", "htmldate", "courlan", "justext", "readability", "charset_normalizer"),
            "docx": ("docx",), "pdf": ("pypdf",)}


def _broken(fmt: str, exc: BaseException) -> FormatError:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return FormatError(f"not a readable {EXTRAS[fmt][0]} file ({reason[:200]})")


# -- html ------------------------------------------------------------------------------------

# A declared character set: <meta charset="..."> or <meta http-equiv=... content="...; charset=...">.
_META_CHARSET = rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""


def _decode_html(data: bytes, encoding: str | None) -> tuple[str, str | None]:
    """A page's bytes as text: ``--encoding``, else the charset the page declares (when
    Python knows it and the bytes agree), else the rules of crimestats.decode."""
    if not encoding and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = re.search(_META_CHARSET, data[:4096])
        if declared:
            import codecs

            try:
                name = codecs.lookup(declared.group(1).decode("ascii")).name
            except LookupError:
                name = None
            if name is not None:
                try:
                    return data.decode(name), None
                except UnicodeDecodeError:
                    pass  # a page that says one thing and is another: detect it
    return decode_bytes(data, encoding)


def _html(data: bytes, encoding: str | None) -> Extracted:
    page, warning = _decode_html(data, encoding)
    trafilatura = _library("html")
    if not page.strip():
        return Extracted("", _join(warning, "no main text found in the page"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Comments under an article are readers' words, not the report's.
            found = trafilatura.bare_extraction(page, include_comments=False, include_tables=True,
                                                with_metadata=True, deduplicate=False)
    except Exception as exc:  # lxml and trafilatura raise many kinds on a damaged page
        raise _broken("html", exc) from None
    if isinstance(found, dict):  # what older trafilatura returns
        text, title = found.get("text"), found.get("title")
    else:
        text, title = getattr(found, "text", None), getattr(found, "title", None)
    text = (text or "").strip()
    if not text:
        return Extracted("", _join(warning, "no main text found in the page"))
    title = " ".join((title or "").split())
    # The title is the report's first line, as in a text file (its year is the report's
    # year), when the main text does not already begin with it.
    if title and not " ".join(text[:len(title) * 2].split()).startswith(title):
        text = f"{title}\n{text}"
    return Extracted(text, warning)


def _join(*warnings_: str | None) -> str | None:
    found = [w for w in warnings_ if w]
    return "; ".join(found) if found else None


# -- docx ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements that hold other blocks or rows: content controls, custom XML, their contents.
_CONTAINERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})


def _docx(data: bytes, encoding: str | None) -> Extracted:
    docx = _library("docx")
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines: list[str] = []
        _blocks(body, lines)
    except Exception as exc:  # a zip that is no Word file, a damaged part
        raise _broken("docx", exc) from None
    return Extracted("\n".join(lines), None)


def _blocks(element, lines: list[str]) -> None:
    """The paragraphs (one line each) and tables (one line per row) under ``element``, in order."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}p":
            lines.append(_paragraph_text(child))
        elif tag == f"{_W}tbl":
            for row in _children(child, f"{_W}tr"):
                cells = [_cell_text(cell) for cell in _children(row, f"{_W}tc")]
                lines.append("\t".join(cells))
        elif tag in _CONTAINERS:
            _blocks(child, lines)


def _children(element, tag: str):
    """The ``tag`` children of ``element``, also inside content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _cell_text(cell) -> str:
    """A table cell's paragraphs (and nested tables) on one line."""
    lines: list[str] = []
    _blocks(cell, lines)
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def _paragraph_text(p) -> str:
    """A paragraph's text: its runs, tabs and line breaks, inserted text of tracked changes
    included; deleted text (w:delText), field codes (w:instrText) and the duplicate fallback of
    drawings left out."""
    out: list[str] = []

    def walk(element):
        for child in element:
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag == f"{_W}tab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            elif tag == f"{_W}p":  # a text box's paragraph inside a run
                walk(child)
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out).rstrip("\n")


# -- pdf -------------------------------------------------------------------------------------

# A line that ends a sentence, or a clause (a list's lead-in, a list item); one that starts a
# list item; a page number alone on a line ("3", "- 3 -", "3/12", "Page 3").
# (Pattern strings, compiled by re's cache on first use: the command's start-up compiles none.)
_SENTENCE_END = r"[.!?\u2026]['\"\u201d\u2019)\]]*$"
_CLAUSE_END = r"[.!?\u2026:;]['\"\u201d\u2019)\]]*$"
_LIST_ITEM = r"^(?:[-\u2013\u2014\u2022+*]\s|[a-z\d]{1,2}[.)]\s)"
_PAGE_NUMBER = r"(?i)^[-\u2013\u2014\s]*(?:page\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-\u2013\u2014\s]*$"
_SPACES = r"[ \t\u00a0]{2,}"
# Of the page's widest line, the share that a line which ends mid-sentence must reach to be
# taken as wrapped, and the share that one ending a sentence must reach. pypdf's layout
# columns only approximate widths: a justified line can come out a few columns short.
_WRAPPED = 0.7
_FULL_LINE = 0.85


def _pdf(data: bytes, encoding: str | None) -> Extracted:
    pypdf = _library("pdf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise FormatError("an encrypted PDF that needs a password")
            pages = list(reader.pages)
        except DecodeError:
            raise
        except Exception as exc:
            if type(exc).__name__ == "DependencyError":  # AES needs the cryptography package
                raise FormatError("an encrypted PDF: reading it needs the cryptography package") from None
            raise _broken("pdf", exc) from None
        texts: list[list[tuple[int, str]]] = []
        scanned: list[int] = []
        for number, page in enumerate(pages, 1):
            raw = _page_text(page)
            lines = _page_lines(raw)
            if not lines and _has_images(page):
                scanned.append(number)
            texts.append(lines)
    text = _reflow(texts)
    warning = None
    if scanned and not text.strip():
        warning = "no text layer (a scanned PDF?): no text to extract figures from; run OCR on it first"
    elif scanned:
        listed = ", ".join(map(str, scanned[:10])) + (", ..." if len(scanned) > 10 else "")
        warning = (f"page{'s' if len(scanned) > 1 else ''} {listed} of {len(pages)} "
                   f"{'have' if len(scanned) > 1 else 'has'} no text layer (scanned?)")
    elif not text.strip() and pages:
        warning = "no text in the PDF"
    return Extracted(text, warning)


def _page_text(page) -> str:
    """A page's text in layout mode (its lines, indents and blank lines where the page has
    space), else in plain mode, which some pages need."""
    try:
        return page.extract_text(extraction_mode="layout")
    except Exception:
        try:
            return page.extract_text()
        except Exception as exc:
            raise _broken("pdf", exc) from None


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        xobjects = resources.get("/XObject") or {}
        xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
        return len(xobjects) > 0
    except Exception:
        return False


def _page_lines(raw: str) -> list[tuple[int, str, int]]:
    """A page's lines as ``(right end, text, indent)`` (in the columns of pypdf's layout),
    runs of spaces collapsed, a blank line as ``(0, "", 0)``, a page number alone on the
    first or last line dropped."""
    lines: list[tuple[int, str, int]] = []
    for line in raw.splitlines():
        stripped = line.rstrip()
        content = re.sub(_SPACES, " ", stripped.strip())
        lines.append((len(stripped), content, len(stripped) - len(stripped.lstrip())) if content else (0, "", 0))
    _strip_blank(lines)
    for end in (0, -1):
        if len(lines) > 1 and re.match(_PAGE_NUMBER, lines[end][1]):
            lines.pop(end)
            _strip_blank(lines)
    return lines


def _strip_blank(lines: list) -> None:
    while lines and not lines[0][1]:
        lines.pop(0)
    while lines and not lines[-1][1]:
        lines.pop()


def _continues(prev: tuple[int, str, int], line: tuple[int, str, int], width: int, body_indent: int) -> bool:
    """Whether ``line`` continues the paragraph of ``prev``: the page wrapped it there."""
    if not prev[1] or not line[1] or re.match(_LIST_ITEM, line[1]):
        return False
    if line[1][0].islower() and not re.search(_SENTENCE_END, prev[1]):
        return True  # "... thu giu 1,2" then "kg heroin": a wrap, whatever the widths
    if line[2] > body_indent + 1:
        return False  # a first-line indent starts a paragraph
    # A line that reaches the margin was wrapped there: a line that ends mid-sentence needs to
    # come near it; one that ends a clause, to reach it (else it ends its paragraph).
    share = _FULL_LINE if re.search(_CLAUSE_END, prev[1]) else _WRAPPED
    return width > 0 and prev[0] >= share * width


def _text_width(pages: list[list[tuple[int, str, int]]]) -> int:
    """Where the document's lines end at the margin: the widest line of a short document, else
    the line at nine tenths of the widths, so that one overlong line (a wide table row) does not
    make every other line look short. Pages share their margins, so a page of a few lines is
    measured against the rest."""
    ends = sorted(end for lines in pages for end, content, _ in lines if content)
    if not ends:
        return 0
    return ends[-1] if len(ends) < 10 else ends[int(0.9 * (len(ends) - 1))]


def _reflow(pages: list[list[tuple[int, str, int]]]) -> str:
    """The pages' lines as paragraphs, one per line (see :func:`_continues`). A paragraph
    goes on across a page break as it goes on across a line."""
    width = _text_width(pages)
    paragraphs: list[str] = []
    prev = None
    for lines in pages:
        body_indent = min((indent for _, content, indent in lines if content), default=0)
        for line in lines:
            if prev is not None and _continues(prev, line, width, body_indent):
                paragraphs[-1] += " " + line[1]
            elif line[1]:
                paragraphs.append(line[1])
            prev = line
    return "\n".join(paragraphs)


_READERS = {"html": _html, "docx": _docx, "pdf": _pdf}
