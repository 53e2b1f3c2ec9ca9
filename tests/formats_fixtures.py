"""One invented report, and the same report as a web page, a Word file and a PDF.

The text, the page (with a menu, a sidebar-free footer and a script full of numbers that are no
figures of the report) and the Word file are made by the tests from ``TITLE`` and
``PARAGRAPHS``. The PDF is a fixture, ``fixtures/report.pdf``, made once by this script with
headless Chromium printing the report's page to PDF (DejaVu Serif embedded, lines wrapped by
the page's width, a page break inside a paragraph, a page number at the foot of every page),
since a real PDF writer's text layer is what the reader has to cope with:

    python tests/formats_fixtures.py     # needs chromium; rewrites tests/fixtures/report.pdf

``image_only_pdf`` writes, by hand, a PDF whose one page is an image with no text layer, as a
scanner makes.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT_PDF = FIXTURES / "report.pdf"

TITLE = "Công an huyện Lục Ngạn tổng kết công tác phòng, chống tội phạm năm 2023"
PARAGRAPHS = [
    "Năm 2023, lực lượng Công an huyện Lục Ngạn đã phát hiện, bắt giữ 47 vụ, 63 đối tượng phạm tội về "
    "ma túy, thu giữ 1,2 kg heroin và 350 viên ma túy tổng hợp.",
    "Tai nạn giao thông xảy ra 18 vụ, làm chết 9 người, giảm 3 vụ so với năm 2022.",
    "Tỷ lệ điều tra khám phá án đạt 86,5 %, vượt chỉ tiêu 1,5 %; tổng số tiền thu hồi cho Nhà nước là "
    "420 triệu đồng.",
    "Công an huyện đã phối hợp với 21 xã, thị trấn tổ chức 36 buổi tuyên truyền cho hơn 5.000 lượt người "
    "dân về phòng, chống tội phạm.",
]
TEXT = TITLE + "\n" + "\n".join(PARAGRAPHS) + "\n"

# What a news site puts around an article: none of it is the report's.
MENU_NUMBERS = ("125", "37", "24", "2.468")
MENU = ("<nav class='menu'><ul><li><a href='/'>Trang chủ</a></li><li><a href='/moi'>Tin mới (125 bài)</a></li>"
        "<li><a href='/an'>Có 37 vụ án nổi bật</a></li><li><a href='/video'>Video 24 giờ</a></li>"
        "<li><a href='/ban-doc'>2.468 bạn đọc</a></li></ul></nav>")
FOOTER_NUMBERS = ("0912", "1.234.567", "250", "12", "2024")
FOOTER = ("<footer><p>Đường dây nóng: 0912 345 678. Đã có 1.234.567 lượt truy cập, 250 người đang xem, "
          "12 vụ việc được bạn đọc phản ánh.</p><p>Bản quyền 2024 thuộc Báo Tin Huyện.</p></footer>")
SCRIPT = "<script>var views = 98765; trackPage(4321, '17 vụ');</script>"


def page_html() -> str:
    """The report as a news site's page: menu, article, footer, script."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(TITLE)} - Báo Tin "
            f"Huyện</title>{SCRIPT}</head><body><header>{MENU}</header><main><article><h1>{html.escape(TITLE)}</h1>"
            f"{body}</article></main>{FOOTER}</body></html>")


def write_docx(path: Path, paragraphs=None, table=None, after=None) -> Path:
    """The report as a Word file (python-docx): the title as a heading, one paragraph each;
    then, if given, a table (a list of rows of cell texts) and paragraphs after it."""
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for paragraph in PARAGRAPHS if paragraphs is None else paragraphs:
        document.add_paragraph(paragraph)
    if table:
        made = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                made.cell(r, c).text = text
    for paragraph in after or []:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; the first is the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def image_only_pdf(pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages, each a grey 16x16 image and nothing else: a scan, no text layer."""
    image = zlib.compress(bytes((x * 16 + y) % 256 for x in range(16) for y in range(16)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for _ in range(pages):
        page_no = len(objects) + 1
        kids.append(b"%d 0 R" % page_no)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /XObject << /Im1 %d 0 R "
                       b">> >> /Contents %d 0 R >>" % (page_no + 1, page_no + 2))
        objects.append(_stream(b"/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
                               b"/BitsPerComponent 8 /Filter /FlateDecode", image))
        objects.append(_stream(b"", b"q 200 0 0 200 50 50 cm /Im1 Do Q"))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return _pdf(objects)


# The page Chromium prints: narrow, so that lines wrap (one between a number and its unit, one
# between two words), the last paragraph starting on page 1 and ending on page 2.
PRINT_CSS = """
@page { size: 95mm 70mm; margin: 8mm 8mm 12mm 8mm;
        @bottom-center { content: counter(page); font: 9pt 'DejaVu Serif'; } }
body { font: 10pt/1.25 'DejaVu Serif'; margin: 0; }
h1 { font-size: 10pt; margin: 0 0 2mm 0; }
p { margin: 0 0 1.5mm 0; text-align: justify; }
"""


def make_report_pdf(chromium: str = "chromium") -> None:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    page = (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{PRINT_CSS}</style></head>"
            f"<body><h1>{html.escape(TITLE)}</h1>{body}</body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={REPORT_PDF}", source.as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


if __name__ == "__main__":
    FIXTURES.mkdir(exist_ok=True)
    make_report_pdf(*sys.argv[1:])
    print(f"wrote {REPORT_PDF} ({REPORT_PDF.stat().st_size} bytes)")
