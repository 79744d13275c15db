"""The bulletin as a Word document in official-document layout (``duban.reports.official_docx``)."""

from __future__ import annotations

import datetime as dt
import io

from docx.document import Document as DocumentObject

from duban.reports.bulletin.content import BulletinContent
from duban.reports.models import BulletinTemplate
from duban.reports.official_docx import (
    DOCX_CONTENT_TYPE,
    NUMERALS,
    SUBHEADING_FONT,
    chinese_date,
    heading,
    masthead,
    new_document,
    paragraph,
    signature,
    table,
)

__all__ = ["DOCX_CONTENT_TYPE", "bulletin_docx", "chinese_date", "fill"]

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
    heading(doc, 0, "总体情况")
    text = (
        f"截至{chinese_date(c.period.as_of)}，{c.scope_label}督办事项共{c.in_scope}项，"
        f"目前在办{c.open_now}项。本期新交办{t.assigned}项，办结{t.completed}项，"
        f"其中按时办结{t.completed_on_time}项，按时办结率{_rate(t.on_time_rate)}；"
        f"逾期未办结{t.overdue_now}项，涉及{len(c.overdue_by_unit)}个单位，累计逾期{t.overdue_days}个事项·天。"
    )
    paragraph(doc, text)


def _completed(doc: DocumentObject, c: BulletinContent) -> None:
    heading(doc, 1, "事项办结情况")
    if not c.completed:
        paragraph(doc, "本期无办结事项。")
        return
    for n, item in enumerate(c.completed, start=1):
        late = "" if item.on_time else "（逾期办结）"
        paragraph(doc, f"{n}. {item.title}（{item.unit or '未指定牵头单位'}）{late}")
    if c.total.completed > len(c.completed):
        paragraph(doc, f"另有{c.total.completed - len(c.completed)}项事项办结，详见督办台账。")


def _overdue(doc: DocumentObject, c: BulletinContent) -> None:
    heading(doc, 2, "逾期事项情况")
    if not c.overdue_by_unit:
        paragraph(doc, "截至目前，无逾期未办结事项。")
        return
    paragraph(doc, f"截至{chinese_date(c.period.as_of)}，逾期未办结事项按牵头单位统计如下：")
    rows = [
        (str(n), u.unit or "未指定", "、".join(u.leaders) or "—", str(u.count), str(u.days))
        for n, u in enumerate(c.overdue_by_unit, start=1)
    ]
    table(doc, ("序号", "牵头单位", "分管领导", "逾期事项（项）", "逾期事项·天"), rows)
    for n, unit in enumerate(c.overdue_by_unit):
        paragraph(doc, f"（{NUMERALS[n % 10]}）{unit.unit or '未指定牵头单位'}", font=SUBHEADING_FONT)
        for item in unit.items:
            leader = f"，分管领导{item.leader}" if item.leader else ""
            paragraph(
                doc,
                f"{item.number} {item.title}：完成时限{chinese_date(item.deadline)}，"
                f"已逾期{item.days}天{leader}。",
            )
        if unit.count > len(unit.items):
            paragraph(doc, f"另有{unit.count - len(unit.items)}项逾期事项，详见督办台账。")


def _extra(doc: DocumentObject, c: BulletinContent, first: int) -> int:
    for offset, (title, lines) in enumerate(c.extra_sections):
        heading(doc, first + offset, title)
        for line in lines:
            paragraph(doc, line)
    return first + len(c.extra_sections)


def _praise(doc: DocumentObject, c: BulletinContent, index: int) -> None:
    heading(doc, index, "表扬和通报")
    if c.praised:
        paragraph(doc, f"{'、'.join(c.praised)}按时办结全部到期事项，无逾期事项，予以通报表扬。")
    if c.criticised:
        paragraph(doc, f"{'、'.join(c.criticised)}存在逾期未办结事项，予以通报，请抓紧整改。")
    if not c.praised and not c.criticised:
        paragraph(doc, "本期无通报表扬或通报批评的单位。")


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
    doc = new_document()
    period = content.period

    def filled(text: str) -> str:
        return fill(text, period_start=period.start, period_end=period.end, serial=serial)

    masthead(doc, issuer=template.issuer, number=number, title=title)
    paragraph(doc, filled(template.recipients), indent=False)
    for line in filled(template.opening).splitlines():
        if line.strip():
            paragraph(doc, line.strip())
    _overview(doc, content)
    _completed(doc, content)
    _overdue(doc, content)
    index = _extra(doc, content, 3)
    _praise(doc, content, index)
    heading(doc, index + 1, "下一步工作")
    for line in filled(template.next_steps).splitlines():
        if line.strip():
            paragraph(doc, line.strip())
    signature(doc, signer=template.signature, day=issued_on)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
