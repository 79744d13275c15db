"""Official-document layout (公文格式, GB/T 9704-2012 conventions) for the Word files duban writes.

A4 with the standard margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); the issuing
body's mark (版头) in red 小标宋 over the document number (文号) and a red rule; titles in
2号小标宋; the body in 3号仿宋 at a fixed 28.95 pt line (22 lines a page); first-level
headings 一、 in 黑体, second-level （一） in 楷体; page numbers "— 1 —" in 4号宋体, odd
pages at the right and even pages at the left. Fonts are the ones offices install; Word
and LibreOffice fall back to what the machine has. The bulletin, the review meeting's
pack and its minutes are written with these primitives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

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


def set_font(
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


def paragraph(
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
        set_font(paragraph.add_run(text), font, size, bold=bold, color=color)
    return paragraph


def red_rule(paragraph: Paragraph) -> None:
    """A red line under the paragraph (the separator of the 版头)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def page_number_footer(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.alignment = align
    set_font(paragraph.add_run("— "), NUMBER_FONT, SIZE_4)
    run = paragraph.add_run()
    set_font(run, NUMBER_FONT, SIZE_4)
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
    set_font(paragraph.add_run(" —"), NUMBER_FONT, SIZE_4)


def setup(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7) * 2
    doc.settings.odd_and_even_pages_header_footer = True
    page_number_footer(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    page_number_footer(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    set_font(doc.styles["Normal"], BODY_FONT, SIZE_3)


def heading(doc: DocumentObject, index: int, text: str) -> None:
    paragraph(doc, f"{NUMERALS[index]}、{text}", font=HEADING_FONT)


def table(doc: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(cell.paragraphs[0].add_run(text), HEADING_FONT, SIZE_4)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            set_font(cell.paragraphs[0].add_run(text), BODY_FONT, SIZE_4)


def new_document() -> DocumentObject:
    """An empty A4 document with the official margins, fonts and page numbers."""
    doc = Document()
    setup(doc)
    return doc


def masthead(doc: DocumentObject, *, issuer: str, number: str, title: str) -> None:
    """版头 (the issuing body in red), 文号 over the red rule, then the title."""
    mark = paragraph(
        doc, issuer, font=TITLE_FONT, size=Pt(36), align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, color=RED
    )
    mark.paragraph_format.line_spacing = Pt(60)
    red_rule(paragraph(doc, number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False))
    paragraph(doc, indent=False)
    paragraph(
        doc, title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    ).paragraph_format.line_spacing = Pt(36)
    paragraph(doc, indent=False)


def signature(doc: DocumentObject, *, signer: str, day: dt.date) -> None:
    """落款 and date, at the right."""
    paragraph(doc, indent=False)
    paragraph(doc, signer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraph(doc, chinese_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
