"""The bulletin as a Word document in official-document layout (GB/T 9704-2012 conventions).

A4 with the standard margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm);
the issuing body's mark (版头) in red 小标宋 over the document number (文号) and a red
rule; the title in 2号小标宋; the body in 3号仿宋 at a fixed 28.95 pt line (22 lines a
page); first-level headings 一、 in 黑体, second-level （一） in 楷体; page numbers
"— 1 —" in 4号宋体, odd pages at the right and even pages at the left. Fonts are the
ones offices install; Word and LibreOffice fall back to what the machine has.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from duban.reports.bulletin.content import BulletinContent
from duban.reports.models import BulletinTemplate

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RED = RGBColor(0xE6, 0x00, 0x12)
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
LINE = Pt(28.95)
NUMERALS = "一二三四五六七八九十"


def chinese_date(day: dt.date) -> str:
    """2019年7月31日 (Arabic numerals, as GB/T 9704-2012 writes the date)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _font(
    run_or_style: object, name: str, size: Pt, *, bold: bool = False, color: RGBColor | None = None
) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = size
    font.bold = bold
    if color is not None:
        font.color.rgb = color
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element  # type: ignore[attr-defined]
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    doc: DocumentObject,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: Pt = SIZE_3,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    bold: bool = False,
    color: RGBColor | None = None,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), font, size, bold=bold, color=color)
    return paragraph


def _red_rule(paragraph: Paragraph) -> None:
    """A red line under the paragraph (the separator of the 版头)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _page_number_footer(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.alignment = align
    _font(paragraph.add_run("— "), NUMBER_FONT, SIZE_4)
    run = paragraph.add_run()
    _font(run, NUMBER_FONT, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    _font(paragraph.add_run(" —"), NUMBER_FONT, SIZE_4)


def _setup(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7) * 2
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    _font(doc.styles["Normal"], BODY_FONT, SIZE_3)


def _heading(doc: DocumentObject, index: int, text: str) -> None:
    _paragraph(doc, f"{NUMERALS[index]}、{text}", font=HEADING_FONT)


def _table(doc: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, SIZE_4)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, SIZE_4)


PLACEHOLDERS = ("{year}", "{serial}", "{start}", "{end}")


def fill(text: str, *, period_start: dt.date, period_end: dt.date, serial: int) -> str:
    """The template's placeholders replaced (only these four: other braces stay as typed)."""
    values = (str(period_end.year), str(serial), chinese_date(period_start), chinese_date(period_end))
    for placeholder, value in zip(PLACEHOLDERS, values, strict=True):
        text = text.replace(placeholder, value)
    return text


def _rate(value: object) -> str:
    return "—" if value is None else f"{value}%"


def _overview(doc: DocumentObject, c: BulletinContent) -> None:
    t = c.total
    _heading(doc, 0, "总体情况")
    text = (
        f"截至{chinese_date(c.period.as_of)}，{c.scope_label}督办事项共{c.in_scope}项，"
        f"目前在办{c.open_now}项。本期新交办{t.assigned}项，办结{t.completed}项，"
        f"其中按时办结{t.completed_on_time}项，按时办结率{_rate(t.on_time_rate)}；"
        f"逾期未办结{t.overdue_now}项，涉及{len(c.overdue_by_unit)}个单位，累计逾期{t.overdue_days}个事项·天。"
    )
    _paragraph(doc, text)


def _completed(doc: DocumentObject, c: BulletinContent) -> None:
    _heading(doc, 1, "事项办结情况")
    if not c.completed:
        _paragraph(doc, "本期无办结事项。")
        return
    for n, item in enumerate(c.completed, start=1):
        late = "" if item.on_time else "（逾期办结）"
        _paragraph(doc, f"{n}. {item.title}（{item.unit or '未指定牵头单位'}）{late}")
    if c.total.completed > len(c.completed):
        _paragraph(doc, f"另有{c.total.completed - len(c.completed)}项事项办结，详见督办台账。")


def _overdue(doc: DocumentObject, c: BulletinContent) -> None:
    _heading(doc, 2, "逾期事项情况")
    if not c.overdue_by_unit:
        _paragraph(doc, "截至目前，无逾期未办结事项。")
        return
    _paragraph(doc, f"截至{chinese_date(c.period.as_of)}，逾期未办结事项按牵头单位统计如下：")
    rows = [
        (str(n), u.unit or "未指定", "、".join(u.leaders) or "—", str(u.count), str(u.days))
        for n, u in enumerate(c.overdue_by_unit, start=1)
    ]
    _table(doc, ("序号", "牵头单位", "分管领导", "逾期事项（项）", "逾期事项·天"), rows)
    for n, unit in enumerate(c.overdue_by_unit):
        _paragraph(doc, f"（{NUMERALS[n % 10]}）{unit.unit or '未指定牵头单位'}", font=SUBHEADING_FONT)
        for item in unit.items:
            leader = f"，分管领导{item.leader}" if item.leader else ""
            _paragraph(
                doc,
                f"{item.number} {item.title}：完成时限{chinese_date(item.deadline)}，"
                f"已逾期{item.days}天{leader}。",
            )
        if unit.count > len(unit.items):
            _paragraph(doc, f"另有{unit.count - len(unit.items)}项逾期事项，详见督办台账。")


def _extra(doc: DocumentObject, c: BulletinContent, first: int) -> int:
    for offset, (heading, lines) in enumerate(c.extra_sections):
        _heading(doc, first + offset, heading)
        for line in lines:
            _paragraph(doc, line)
    return first + len(c.extra_sections)


def _praise(doc: DocumentObject, c: BulletinContent, index: int) -> None:
    _heading(doc, index, "表扬和通报")
    if c.praised:
        _paragraph(doc, f"{'、'.join(c.praised)}按时办结全部到期事项，无逾期事项，予以通报表扬。")
    if c.criticised:
        _paragraph(doc, f"{'、'.join(c.criticised)}存在逾期未办结事项，予以通报，请抓紧整改。")
    if not c.praised and not c.criticised:
        _paragraph(doc, "本期无通报表扬或通报批评的单位。")


def bulletin_docx(
    *,
    content: BulletinContent,
    template: BulletinTemplate,
    serial: int,
    number: str,
    title: str,
    issued_on: dt.date,
) -> bytes:
    """The .docx of one bulletin (the figures are ``content``'s, the fixed wording the template's)."""
    doc = Document()
    _setup(doc)
    period = content.period

    def filled(text: str) -> str:
        return fill(text, period_start=period.start, period_end=period.end, serial=serial)

    _paragraph(
        doc,
        template.issuer,
        font=TITLE_FONT,
        size=Pt(36),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        color=RED,
    ).paragraph_format.line_spacing = Pt(60)
    _red_rule(_paragraph(doc, number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False))
    _paragraph(doc, indent=False)
    _paragraph(
        doc, title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    ).paragraph_format.line_spacing = Pt(36)
    _paragraph(doc, indent=False)
    _paragraph(doc, filled(template.recipients), indent=False)
    for line in filled(template.opening).splitlines():
        if line.strip():
            _paragraph(doc, line.strip())
    _overview(doc, content)
    _completed(doc, content)
    _overdue(doc, content)
    index = _extra(doc, content, 3)
    _praise(doc, content, index)
    _heading(doc, index + 1, "下一步工作")
    for line in filled(template.next_steps).splitlines():
        if line.strip():
            _paragraph(doc, line.strip())
    _paragraph(doc, indent=False)
    _paragraph(doc, template.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, chinese_date(issued_on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
