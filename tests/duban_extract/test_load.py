from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from duban_extract.load import LoadError, LoadErrorCode, load_bytes, load_document
from tests.zipbombs import CONTENT_TYPES, docx_bomb, zip_of

TEXT = "桂林镇2021年重点工作:年底前建成3座公厕。"


def _pdf(text: str) -> bytes:
    """A minimal one-page PDF with a Helvetica text layer (offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk"])
def test_text_in_mainland_encodings(encoding: str) -> None:
    assert load_bytes(TEXT.encode(encoding), "a.txt").text == TEXT


def test_big5_text() -> None:
    text = "臺灣農業交流中心今年完成各項計劃,並舉辦兩場研討會。"
    assert load_bytes(text.encode("big5"), "b.txt").text == text


def test_docx_paragraphs_and_table_rows(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(TEXT)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "工作任务", "责任单位"
    table.cell(1, 0).text, table.cell(1, 1).text = "修缮东门桥", "镇建设办"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    text = load_document(path).text
    assert TEXT in text
    assert "工作任务\t责任单位" in text and "修缮东门桥\t镇建设办" in text


def test_html_article_body() -> None:
    page = (
        "<html><head><title>通知</title><script>var x=1;</script></head><body><nav>首页 新闻</nav>"
        f"<div class='article-content'><p>{TEXT}</p></div><footer>版权所有</footer></body></html>"
    )
    text = load_bytes(page.encode("utf-8"), "page.html").text
    assert TEXT in text and "var x" not in text and "版权所有" not in text


def test_pdf_text_layer() -> None:
    assert "Road works 2021" in load_bytes(_pdf("Road works 2021"), "r.pdf").text


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.txt", LoadErrorCode.EMPTY),
        (b"   \n", "blank.txt", LoadErrorCode.EMPTY),
        (bytes(range(256)) * 4, "blob.txt", LoadErrorCode.BINARY),
        (b"\xff\xfe\xfa\x81\x30\xfe\x80" * 40 + b"\x81", "bad.txt", LoadErrorCode.UNDECODABLE),
        (b"PK\x03\x04 not really a zip", "broken.docx", LoadErrorCode.CORRUPT),
        (zip_of({"[Content_Types].xml": CONTENT_TYPES}), "no-document.docx", LoadErrorCode.CORRUPT),
        (b"%PDF-1.4 garbage", "broken.pdf", LoadErrorCode.CORRUPT),
        (b"data", "sheet.xls", LoadErrorCode.UNSUPPORTED),
    ],
)
def test_bad_input_gives_a_clear_error_naming_the_file(data: bytes, name: str, code: LoadErrorCode) -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(data, name)
    assert caught.value.code == code
    assert name in caught.value.message


def test_oversized_file() -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(b"a" * 101, "big.txt", max_bytes=100)
    assert caught.value.code == LoadErrorCode.OVERSIZED and "big.txt" in caught.value.message


def test_pdf_without_text_layer() -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(_pdf(""), "scan.pdf")
    assert caught.value.code in (LoadErrorCode.NO_TEXT_LAYER, LoadErrorCode.CORRUPT)
    assert "scan.pdf" in caught.value.message


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_document(tmp_path / "nope.txt")
    assert caught.value.code == LoadErrorCode.NOT_FOUND


def test_a_docx_bomb_is_refused_before_python_docx_inflates_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a 1,000:1 .docx, and python-docx watched
    import docx

    opened: list[object] = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: opened.append(a))
    # when
    with pytest.raises(LoadError) as caught:
        load_bytes(docx_bomb(), "bomb.docx")
    # then
    assert caught.value.code == LoadErrorCode.UNPACKS_TOO_LARGE
    assert caught.value.message.startswith("bomb.docx: ")
    assert not opened


def test_a_docx_with_a_huge_text_node_is_damaged_not_a_crash() -> None:
    # given a .docx in proportion (random text, 2:1) whose one text node is past lxml's 10 MB limit
    text = random.Random(0).randbytes(5 * 1024 * 1024 + 1).hex().encode()
    body = b'<?xml version="1.0"?><w:document><w:body><w:t>' + text
    data = zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body})
    # when / then: the loader says so (the limit passed lets it reach python-docx)
    with pytest.raises(LoadError) as caught:
        load_bytes(data, "long.docx", max_bytes=200 * 1024 * 1024)
    assert caught.value.code == LoadErrorCode.CORRUPT
