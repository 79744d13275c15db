"""The bulletin document: read back, its structure and figures; rendered, its look."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from duban.org.models import User
from duban.reports.bulletin.content import bulletin_content
from duban.reports.bulletin.docx import bulletin_docx, chinese_date, fill
from duban.reports.models import BulletinTemplate
from duban.reports.statistics.figures import Period
from duban.supervision.models import Item
from tests.reports.conftest import TODAY, Org

PERIOD = Period.ending(dt.date(2019, 6, 1), TODAY, today=TODAY)
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "bulletin"


def _document(supervisor: User) -> bytes:
    template = BulletinTemplate.current()
    content = bulletin_content(user=supervisor, period=PERIOD, scope_label="")
    return bulletin_docx(
        content=content,
        template=template,
        serial=3,
        number="督查通报〔2019〕3号",
        title="关于6月至7月重点工作督查情况的通报",
        issued_on=TODAY,
    )


def test_the_document_has_the_official_layout_and_the_figures(
    supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    doc = Document(io.BytesIO(_document(supervisor)))
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins if m is not None] == [37, 35, 28, 26]  # stored in twips
    texts = [p.text for p in doc.paragraphs]
    # 版头, 文号, title, 主送
    assert texts[0] == "督查室" and texts[1] == "督查通报〔2019〕3号"
    assert "关于6月至7月重点工作督查情况的通报" in texts
    issuer_run = doc.paragraphs[0].runs[0]
    assert issuer_run.font.color.rgb is not None and str(issuer_run.font.color.rgb) == "E60012"
    body = "\n".join(texts)
    assert "督办事项共3项，目前在办2项" in body
    assert "办结1项，其中按时办结1项，按时办结率100.0%" in body
    assert "逾期未办结2项，涉及2个单位，累计逾期61个事项·天" in body
    for heading in (
        "一、总体情况",
        "二、事项办结情况",
        "三、逾期事项情况",
        "四、表扬和通报",
        "五、下一步工作",
    ):
        assert heading in texts
    # the overdue table: unit, leader, count, days
    table = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert table[0] == ["序号", "牵头单位", "分管领导", "逾期事项（项）", "逾期事项·天"]
    assert table[1:] == [["1", "经济发展局", "王明", "1", "31"], ["2", "张坂镇", "—", "1", "30"]]
    assert "经济发展局、张坂镇存在逾期未办结事项，予以通报，请抓紧整改。" in texts
    assert texts[-1] == "2019年7月31日"
    # body in 3号 (16 pt), page numbers in the footers
    assert any(r.font.size == Pt(16) for p in doc.paragraphs for r in p.runs)
    footer = doc.sections[0].footer.paragraphs[0]
    assert "PAGE" in footer._p.xml and footer.text.startswith("— ")


def test_placeholders_are_filled_and_other_braces_stay() -> None:
    text = fill(
        "督查通报〔{year}〕{serial}号 {start}至{end} {other}",
        period_start=dt.date(2019, 6, 1),
        period_end=dt.date(2019, 7, 31),
        serial=4,
    )
    assert text == "督查通报〔2019〕4号 2019年6月1日至2019年7月31日 {other}"
    assert chinese_date(dt.date(2019, 10, 1)) == "2019年10月1日"


def test_the_document_renders_as_an_official_page(
    supervisor: User, org: Org, june_ledger: list[Item], tmp_path: Path
) -> None:
    """Converted to PDF with LibreOffice and the first page rendered to PNG: red mark on top, text below."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) and pdftoppm are needed to render the bulletin under CI=true")
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed: the bulletin's look is not checked")
    source = tmp_path / "bulletin.docx"
    source.write_bytes(_document(supervisor))
    subprocess.run(  # noqa: S603 - our own command line, fixed arguments
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = str(tmp_path / "bulletin.pdf")
    # a PNG to look at (test-artifacts/bulletin), a PPM to measure
    subprocess.run(  # noqa: S603 - our own command line, fixed arguments
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", pdf, str(tmp_path / "png")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(next(tmp_path.glob("png*.png")), ARTIFACTS / "bulletin-page1.png")
    colour = _ppm(
        subprocess.run(  # noqa: S603 - our own command line, fixed arguments
            [pdftoppm, "-r", "40", "-f", "1", "-l", "1", pdf], check=True, capture_output=True, timeout=60
        ).stdout
    )
    width, height, pixels = colour
    assert height > width  # portrait A4

    def row_has(y: int, test: Callable[[tuple[int, int, int]], bool], least: int) -> bool:
        return sum(1 for x in range(width) if test(pixels[y * width + x])) >= least

    red = [y for y in range(height) if row_has(y, _is_red, 4)]
    ink = [y for y in range(height) if row_has(y, lambda p: sum(p) < 200, 2)]
    # the red 版头 and rule sit in the top third and nowhere else; black body text fills the page below
    assert red and max(red) < height // 3
    assert len([y for y in ink if y > height // 3]) > 40


def _ppm(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """A binary PPM (P6, what pdftoppm writes to standard output) as width, height and RGB pixels."""
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6" and parts[3] == b"255"
    width, height, raw = int(parts[1]), int(parts[2]), parts[4]
    return width, height, [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, 3 * width * height, 3)]


def _is_red(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel
    return bool(r > 180 and g < 90 and b < 90)
