"""Reports as they are published: web pages, Word files and PDFs in (crimestats.formats).

The extras (html, docx, pdf) are installed by `.ci/run`; a missing one is simulated here by
making its import fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import cp1258_form
from crimestats import formats
from crimestats.cli import cli
from formats_fixtures import (FOOTER_NUMBERS, MENU_NUMBERS, PARAGRAPHS, REPORT_PDF, TEXT, TITLE, image_only_pdf,
                              page_html, write_docx, _pdf, _stream)

OTHER = "Đội tuần tra xử lý 41 vụ vi phạm giao thông trên tuyến đê.\n"


def invoke(*args, **kwargs):
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def versions(tmp_path) -> dict[str, Path]:
    """The one report as .txt, .html (menu, footer, script), .docx and .pdf."""
    made = {"txt": tmp_path / "report.txt", "html": tmp_path / "report.html", "docx": tmp_path / "report.docx",
            "pdf": tmp_path / "report.pdf"}
    made["txt"].write_text(TEXT, encoding="utf-8")
    made["html"].write_text(page_html(), encoding="utf-8")
    write_docx(made["docx"])
    shutil.copyfile(REPORT_PDF, made["pdf"])
    return made


def what(record: dict) -> tuple:
    return (record["text"], record["value"], record["value_max"], record["unit"], record["category"],
            record["qualifier"], record["direction"], record["year"])


# -- the same figures from each format -------------------------------------------------------------


def test_the_same_figures_from_txt_html_docx_and_pdf(versions):
    result = invoke("extract", *versions.values(), "-f", "jsonl", "-j", "1")
    assert result.exit_code == 0 and result.stderr == ""
    by_file: dict[str, list[dict]] = {}
    for record in jsonl(result):
        by_file.setdefault(record["file"], []).append(record)
    expected = [what(r) for r in by_file[str(versions["txt"])]]
    # the report's figures, of several categories, with its year
    assert len(expected) == 13
    assert {r[4] for r in expected} >= {"cases", "arrests", "seizure", "people", "rate", "target", "money", "change"}
    assert {r[7] for r in expected} == {2023}
    for fmt, path in versions.items():
        records = by_file[str(path)]
        assert [what(r) for r in records] == expected, fmt
        assert {r["source_format"] for r in records} == {fmt}


def test_the_menu_footer_and_script_of_a_page_are_left_out(versions):
    text = invoke("extract", versions["html"], "--dump-text").stdout
    assert text.splitlines() == TEXT.splitlines()
    for number in (*MENU_NUMBERS, *FOOTER_NUMBERS, "98765", "4321"):
        assert number not in text
    # read as plain text, the same page gives the menu's numbers as figures: the test can fail
    as_text = {r["text"] for r in jsonl(invoke("extract", versions["html"], "--input-format", "txt", "-f", "jsonl"))}
    assert {"125 bài", "1.234.567 lượt"} <= as_text


def test_the_pdf_text_layer_reads_as_the_report_paragraph_by_paragraph():
    """Lines wrapped by the page (one between 1,2 and kg), a paragraph across the page break and
    the page numbers at the foot of each page: the text is the report's."""
    extracted = formats.extract_text(REPORT_PDF.read_bytes(), "pdf")
    assert extracted.warning is None
    assert extracted.text == TEXT.rstrip("\n")


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
def test_offsets_index_the_text_that_dump_text_prints(versions, fmt):
    path = versions[fmt]
    dumped = invoke("extract", path, "--dump-text").stdout
    records = jsonl(invoke("extract", path, "-f", "jsonl"))
    assert records
    for r in records:
        assert dumped[r["start"]:r["end"]] == r["text"]
        assert r["line"] == dumped.count("\n", 0, r["start"]) + 1


def test_dump_text_of_several_inputs_names_each(versions, tmp_path):
    out = tmp_path / "texts.txt"
    result = invoke("extract", versions["pdf"], versions["docx"], "--dump-text", "-o", out)
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text == f"==> {versions['pdf']} <==\n{TEXT}==> {versions['docx']} <==\n{TEXT}"


def test_dump_text_takes_no_format(versions):
    result = CliRunner().invoke(cli, ["extract", str(versions["txt"]), "--dump-text", "-f", "json"])
    assert result.exit_code == 2 and "--dump-text" in result.output


def test_the_library_and_the_dask_engine_say_the_source_format(versions):
    import crimestats
    from crimestats.distributed import file_records

    cli_records = jsonl(invoke("extract", versions["pdf"], "-f", "jsonl"))
    library = [f.to_dict() for f in crimestats.extract_path(versions["pdf"])]
    assert library == cli_records == file_records(str(versions["pdf"]))
    assert {r["source_format"] for r in library} == {"pdf"}
    assert {f.source_format for f in crimestats.extract(TEXT)} == {"txt"}


def test_records_of_every_format_are_valid_by_the_schema(versions):
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(invoke("schema").stdout))
    records = jsonl(invoke("extract", *versions.values(), "-f", "jsonl"))
    for record in records:
        validator.validate(record)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**records[0], "source_format": "rtf"})


# -- each reader -------------------------------------------------------------------------------------


def test_a_page_title_outside_the_article_comes_first():
    page = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><nav>Trang chủ</nav>"
            f"<article>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>")
    assert formats.extract_text(page.encode(), "html").text == TEXT.rstrip("\n")


def test_a_page_in_the_charset_it_declares_is_read():
    page = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head>"
            f"<body><article><h1>{TITLE}</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>")
    data = cp1258_form(page).encode("cp1258")
    text = formats.extract_text(data, "html").text
    assert unicodedata.normalize("NFC", text) == TEXT.rstrip("\n")


def test_a_page_with_no_main_text_is_a_warning_and_the_other_files_go_on(tmp_path, fake_extractor):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>var total = 125;</script></head><body></body></html>", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    result = invoke("extract", empty, other, "-f", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == f"crimestats: warning: {empty}: no main text found in the page\n"
    assert [r["file"] for r in jsonl(result)] == [str(other)]


def test_word_tables_are_read_in_reading_order(tmp_path):
    path = write_docx(tmp_path / "bang.docx", paragraphs=["Kết quả năm 2023 như sau:"],
                      table=[["Chỉ tiêu", "Năm 2023", "Ghi chú"], ["Số vụ phạm tội", "47 vụ", ""],
                             ["Số đối tượng", "63 đối tượng", ""]],
                      after=["Các số liệu trên đã được kiểm tra."])
    import docx

    document = docx.Document(str(path))
    merged = document.tables[0].cell(0, 1).merge(document.tables[0].cell(0, 2))  # a header over two columns
    merged.text = "Năm 2023"
    document.save(str(path))
    text = formats.extract_text(path.read_bytes(), "docx").text
    assert text.splitlines() == [TITLE, "Kết quả năm 2023 như sau:", "Chỉ tiêu\tNăm 2023",
                                 "Số vụ phạm tội\t47 vụ\t", "Số đối tượng\t63 đối tượng\t",
                                 "Các số liệu trên đã được kiểm tra."]


@pytest.mark.parametrize(("lines", "expected"), [
    # a wrap before a lower-case word, or a number, and one at the margin before a capital
    (["Bat giu 47 vu, thu giu 1,2", "kg heroin va 350 vien.", "Moi cau."], ["Bat giu 47 vu, thu giu 1,2 kg heroin va 350 vien.", "Moi cau."]),
    (["Tuyen truyen cho hon", "5.000 luot nguoi."], ["Tuyen truyen cho hon 5.000 luot nguoi."]),
    (["Mot dong dai den tan le phai cua trang giay nay", "Ha Noi va cac tinh lan can."],
     ["Mot dong dai den tan le phai cua trang giay nay Ha Noi va cac tinh lan can."]),
    # a short line ending a sentence ends its paragraph; so does a first-line indent
    (["Mot dong dai den tan le phai cua trang giay nay", "la dong thu hai.", "Ket qua dat duoc.", "Nam sau tiep tuc."],
     ["Mot dong dai den tan le phai cua trang giay nay la dong thu hai.", "Ket qua dat duoc.", "Nam sau tiep tuc."]),
    (["Mot dong dai den tan le phai cua trang giay nay", "    Doan moi bat dau o day."],
     ["Mot dong dai den tan le phai cua trang giay nay", "Doan moi bat dau o day."]),
    # list items stay lines of their own, and so does a line after a blank one
    (["Ket qua nhu sau:", "- bat 12 doi tuong;", "- thu 3 kg."], ["Ket qua nhu sau:", "- bat 12 doi tuong;", "- thu 3 kg."]),
    (["Tieu de", "", "than bai"], ["Tieu de", "than bai"]),
])
def test_pdf_lines_are_joined_where_the_page_wrapped_them(lines, expected):
    page = formats._page_lines("\n".join(lines))
    assert formats._reflow([page]).split("\n") == expected


def test_page_numbers_are_dropped_and_a_paragraph_goes_on_across_pages():
    first = formats._page_lines("Mot dong dai den tan le phai cua trang giay nay\nva dong tiep theo cung dai nhu the\n\n   - 1 -")
    second = formats._page_lines("2/3\nnhung van con tiep tuc.\nTong 47")
    assert formats._reflow([first, second]) == \
        "Mot dong dai den tan le phai cua trang giay nay va dong tiep theo cung dai nhu the nhung van con tiep tuc.\nTong 47"


# -- what goes wrong: one line each, and the other files are still extracted ------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("fmt", "module", "label"), [("pdf", "pypdf", "PDF"), ("docx", "docx", "DOCX"),
                                                       ("html", "trafilatura", "HTML")])
def test_a_missing_extra_is_one_line_and_loses_no_other_file(versions, tmp_path, monkeypatch, fake_extractor,
                                                             fmt, module, label, jobs):
    monkeypatch.setitem(sys.modules, module, None)  # the import fails, as when not installed
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    result = invoke("extract", versions["txt"], versions[fmt], other, "-f", "jsonl", "-j", jobs)
    assert result.exit_code == 1
    assert result.stderr == (f"crimestats: error: {versions[fmt]}: {label} input needs the {fmt} extra "
                             f"(pip install 'crimestats[{fmt}]')\n")
    files = [r["file"] for r in jsonl(result)]
    assert str(versions["txt"]) in files and str(other) in files and str(versions[fmt]) not in files


def test_a_scanned_pdf_is_a_warning_naming_the_file(tmp_path, fake_extractor):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf(pages=2))
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    result = invoke("extract", scan, other, "-f", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == (f"crimestats: warning: {scan}: no text layer (a scanned PDF?): no text to extract "
                             f"figures from; run OCR on it first\n")
    assert [r["file"] for r in jsonl(result)] == [str(other)]


def test_a_pdf_with_some_scanned_pages_says_which():
    text_page = _stream(b"", b"BT /F1 12 Tf 20 200 Td (Bat giu 12 doi tuong.) Tj ET")
    image = image_only_pdf()
    # a text page, then the scanned page of image_only_pdf, in one document
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", text_page,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /XObject << /Im1 7 0 R >> >> "
               b"/Contents 8 0 R >>",
               image[image.index(b"<< /Type /XObject"):image.index(b"endstream") + 9],
               _stream(b"", b"q 200 0 0 200 50 50 cm /Im1 Do Q")]
    extracted = formats.extract_text(_pdf(objects), "pdf")
    assert extracted.text == "Bat giu 12 doi tuong."
    assert extracted.warning == "page 2 of 2 has no text layer (scanned?)"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_broken_files_are_one_line_each_and_lose_no_other_file(versions, tmp_path, fake_extractor, jobs):
    bad_docx = tmp_path / "hong.docx"
    bad_docx.write_bytes(b"PK\x03\x04 this was a Word file once")
    bad_pdf = tmp_path / "hong.pdf"
    bad_pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    cut_pdf = tmp_path / "cut.pdf"
    cut_pdf.write_bytes(REPORT_PDF.read_bytes()[:3000])
    result = invoke("extract", bad_docx, versions["txt"], bad_pdf, cut_pdf, versions["docx"], "-f", "jsonl",
                    "-j", jobs)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"crimestats: error: {bad_docx}: not a readable DOCX file (")
    assert lines[1].startswith(f"crimestats: error: {bad_pdf}: not a readable PDF file (")
    assert lines[2].startswith(f"crimestats: error: {cut_pdf}: not a readable PDF file (")
    assert "Traceback" not in result.stderr
    assert {r["file"] for r in jsonl(result)} == {str(versions["txt"]), str(versions["docx"])}


# -- which files a directory gives ------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path, versions):
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copyfile(versions["txt"], root / "a.txt")
    (root / "B.TXT").write_text(OTHER, encoding="utf-8")
    shutil.copyfile(versions["html"], root / "c.html")
    shutil.copyfile(versions["html"], root / "sub" / "d.HTM")
    shutil.copyfile(versions["docx"], root / "e.docx")
    shutil.copyfile(versions["pdf"], root / "sub" / "f.Pdf")
    (root / "notes.md").write_text(OTHER, encoding="utf-8")
    (root / "sub" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    (root / "sub" / "more.md").write_text(OTHER, encoding="utf-8")
    (root / "~$e.docx").write_bytes(b"lock")  # Word's lock file of an open e.docx
    (root / ".git" / "HEAD").write_text("ref: 12 vụ\n", encoding="utf-8")
    (root / ".hidden.txt").write_text(OTHER, encoding="utf-8")
    return root


def test_a_directory_gives_every_supported_format_and_counts_the_rest(folder, fake_extractor):
    result = invoke("extract", folder, "-f", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == f"crimestats: warning: {folder}: 3 files skipped for their extension (.md 2, .doc 1)\n"
    records = jsonl(result)
    files = list(dict.fromkeys(r["file"] for r in records))
    assert files == [str(folder / n) for n in ("B.TXT", "a.txt", "c.html", "e.docx", "sub/d.HTM", "sub/f.Pdf")]
    assert {r["file"].rsplit(".", 1)[1].lower(): r["source_format"] for r in records} == \
        {"txt": "txt", "html": "html", "htm": "html", "docx": "docx", "pdf": "pdf"}


def test_glob_may_be_repeated_and_matches_in_any_case(folder, fake_extractor):
    result = invoke("extract", folder, "--glob", "*.md", "--glob", "*.txt", "-f", "jsonl")
    assert result.exit_code == 0 and result.stderr == ""
    files = list(dict.fromkeys(r["file"] for r in jsonl(result)))
    assert files == [str(folder / n) for n in (".hidden.txt", "B.TXT", "a.txt", "notes.md", "sub/more.md")]


def test_a_directory_with_nothing_supported_says_so_in_one_line(tmp_path, fake_extractor):
    (tmp_path / "notes.md").write_text(OTHER, encoding="utf-8")
    result = invoke("extract", tmp_path, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"crimestats: warning: {tmp_path}: no files match ") and line.endswith(
        "; 1 file skipped for its extension (.md 1)")


def test_input_format_reads_every_input_so(versions, tmp_path, fake_extractor):
    page = tmp_path / "saved-page.txt"
    page.write_text(page_html(), encoding="utf-8")
    assert "125" in {r["text"] for r in jsonl(invoke("extract", page, "-f", "jsonl"))}
    forced = jsonl(invoke("extract", page, "--input-format", "html", "-f", "jsonl"))
    assert forced and {r["source_format"] for r in forced} == {"html"} and "125" not in {r["text"] for r in forced}
    piped = invoke("extract", "-", "--input-format", "HTML", "-f", "jsonl", input=page_html().encode())
    assert [r["text"] for r in jsonl(piped)] == [r["text"] for r in forced]
    # a directory read as one format takes that format's files
    files = {r["file"] for r in jsonl(invoke("extract", tmp_path, "--input-format", "docx", "-f", "jsonl"))}
    assert files == {str(versions["docx"])}


def test_summary_reads_every_format(versions):
    result = invoke("summary", *versions.values(), "-f", "json")
    assert result.exit_code == 0
    reports = json.loads(result.stdout)["reports"]
    assert len(reports) == 4 and len({json.dumps({k: v for k, v in r.items() if k != "file"}, sort_keys=True)
                                      for r in reports}) == 1


def test_start_up_imports_none_of_the_extras():
    code = ("import sys, crimestats, crimestats.cli; print(sorted(m for m in ('trafilatura', 'docx', 'pypdf', "
            "'lxml', 'sqlite3', 'crimestats.database') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]"
