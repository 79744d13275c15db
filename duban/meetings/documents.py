"""The meeting pack (会议材料) and the minutes (会议纪要), in official-document layout."""

from __future__ import annotations

import datetime as dt
import io

from django.db.models import OuterRef, Subquery

from duban.meetings.models import DecisionKind, Meeting, MeetingItem
from duban.reports.models import BulletinTemplate
from duban.reports.official_docx import (
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
from duban.supervision.models import ProgressReport

DECISION_WORDS = {
    DecisionKind.NOTED: "按计划推进",
    DecisionKind.NEW_DEADLINE: "调整完成时限",
    DecisionKind.REQUIREMENT: "会议要求",
    DecisionKind.NEW_ITEM: "新增事项",
    DecisionKind.ESCALATE: "提级督办",
}


def _entries(meeting: Meeting, agenda: list[MeetingItem] | None = None) -> list[MeetingItem]:
    if agenda is not None:
        return agenda
    latest = (
        ProgressReport.objects.filter(item=OuterRef("item_id"))
        .order_by("-submitted_at", "-id")
        .values("text")
    )
    return list(
        meeting.agenda.select_related("item", "item__lead_unit", "item__leader")
        .annotate(latest=Subquery(latest[:1]))
        .order_by("position")
    )


def pack_docx(meeting: Meeting, agenda: list[MeetingItem]) -> bytes:
    """The items on the agenda with their state and latest progress (as the reader may see them)."""
    template = BulletinTemplate.current()
    doc = new_document()
    masthead(
        doc, issuer=template.issuer, number=chinese_date(meeting.held_on), title=f"{meeting.title}会议材料"
    )
    rows = [
        (
            str(n),
            e.item.number,
            e.item.title,
            e.item.lead_unit.name if e.item.lead_unit else "",
            e.item.leader.name if e.item.leader else "",
            e.item.deadline.isoformat() if e.item.deadline else "",
            e.item.get_state_display(),
        )
        for n, e in enumerate(agenda, start=1)
    ]
    table(doc, ("序号", "编号", "事项", "牵头单位", "分管领导", "完成时限", "状态"), rows)
    heading(doc, 0, "进展情况")
    for n, e in enumerate(agenda):
        paragraph(doc, f"（{NUMERALS[n % 10]}）{e.item.number} {e.item.title}", font=SUBHEADING_FONT)
        paragraph(doc, getattr(e, "latest", None) or "尚未报送进展。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def decision_sentence(entry: MeetingItem) -> str:
    words = DECISION_WORDS[DecisionKind(entry.decision)]
    sentence = f"{words}"
    if entry.text:
        sentence += f"：{entry.text}"
    if entry.new_deadline is not None:
        sentence += f"（完成时限：{chinese_date(entry.new_deadline)}）"
    return sentence + ("" if sentence.endswith("。") else "。")


def minutes_docx(meeting: Meeting, *, issued_on: dt.date) -> bytes:
    """The minutes: who chaired, then each decided item with its decision."""
    template = BulletinTemplate.current()
    doc = new_document()
    masthead(doc, issuer=template.issuer, number=chinese_date(issued_on), title=f"{meeting.title}纪要")
    decided = [e for e in _entries(meeting) if e.decision]
    chair = f"{meeting.chair}主持召开" if meeting.chair else "召开"
    paragraph(
        doc,
        f"{chinese_date(meeting.held_on)}，{chair}{meeting.title}，逐项听取督办事项进展情况，"
        f"研究推进措施。会议议定{len(decided)}个事项的推进意见，纪要如下：",
    )
    for n, entry in enumerate(decided):
        unit = entry.item.lead_unit.name if entry.item.lead_unit else ""
        paragraph(
            doc,
            f"（{NUMERALS[n % 10]}）{entry.item.number} {entry.item.title}（{unit}）",
            font=SUBHEADING_FONT,
        )
        paragraph(doc, decision_sentence(entry))
    signature(doc, signer=template.signature, day=issued_on)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
