"""The progress timeline of one item (进展时间轴): its whole history as a Word document.

Reports, transitions, leaders' instructions and deadline changes, in date
order, under a table of the item's fields. Read through the scoped selector:
an item outside the user's scope is NotFound, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from duban.core.errors import NotFound
from duban.core.quantities import quantity_text
from duban.org.scope import Viewer
from duban.supervision.models import Item
from duban.supervision.selectors import item_detail_queryset
from duban.supervision.workflow import Action, State

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
A4 = (Mm(210), Mm(297))
CJK_FONT = "SimSun"  # 宋体: what offices print with; Word falls back if it is missing


@dataclass(frozen=True)
class TimelineEvent:
    """One dated entry of the timeline."""

    at: dt.datetime
    kind: str
    actor: str
    summary: str
    detail: str = ""


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _files(attachments: Iterable[Any]) -> str:
    names = [a.original_name for a in attachments]
    return _("Files: %(names)s") % {"names": "、".join(names)} if names else ""


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _transition_events(item: Item) -> list[TimelineEvent]:
    events = []
    for t in item.transitions.all():
        summary = _("%(action)s: %(before)s → %(after)s") % {
            "action": _label(Action, t.action), "before": _label(State, t.from_state),
            "after": _label(State, t.to_state)}
        requested = t.data.get("requested_deadline") if isinstance(t.data, dict) else None
        extra = _("Requested deadline: %(day)s") % {"day": requested} if requested else ""
        events.append(TimelineEvent(t.at, _("Workflow"), str(t.actor or ""), summary,
                                    _join(t.comment, extra, _files(t.attachments.all()))))
    return events


def _report_events(item: Item) -> list[TimelineEvent]:
    events = []
    for r in item.reports.all():
        summary = _("Progress report") + (f" ({r.percent}%)" if r.percent is not None else "")
        if r.corrects_id:
            summary += " " + _("correcting the report of %(day)s") % {
                "day": timezone.localtime(r.corrects.submitted_at).date() if r.corrects else "?"}
        detail = _join(
            r.text,
            _("Actual: %(value)s") % {"value": quantity_text(r.actual_value, item.target_unit)}
            if r.actual_value is not None
            else "",
            _("Problems: %(text)s") % {"text": r.problems} if r.problems else "",
            _("Next steps: %(text)s") % {"text": r.next_steps} if r.next_steps else "",
            _files(r.attachments.all()),
        )
        events.append(TimelineEvent(r.submitted_at, _("Report"), str(r.author), summary, detail))
    return events


def timeline_events(item: Item) -> list[TimelineEvent]:
    """All dated events of an item (prefetched by ``item_detail_queryset``), oldest first."""
    events = _transition_events(item) + _report_events(item)
    events += [TimelineEvent(i.at, _("Instruction"), str(i.author), _("Leader's instruction"), i.text)
               for i in item.instructions.all()]
    for c in item.deadline_changes.all():
        summary = (_("Deadline set to %(new)s") % {"new": c.new} if c.old is None
                   else _("Deadline changed from %(old)s to %(new)s") % {"old": c.old, "new": c.new})
        events.append(TimelineEvent(c.at, _("Deadline"), str(c.actor or ""), summary, c.reason))
    return sorted(events, key=lambda e: e.at)


def item_for_timeline(*, user: Viewer, item_id: int) -> Item:
    item = item_detail_queryset(user).filter(pk=item_id).first()
    if item is None:
        raise NotFound("item")
    return item


def _fields(item: Item) -> list[tuple[str, str]]:
    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    target = quantity_text(item.target_value, item.target_unit)
    actual = quantity_text(item.actual_value, item.target_unit)
    return [
        (_("Source"), str(item.source)),
        (_("No."), item.number),
        (_("Item"), item.title),
        (_("Content"), item.content),
        (_("Lead unit"), item.lead_unit.name if item.lead_unit else ""),
        (_("Cooperating units"), "、".join(u.name for u in item.cooperating_units.all())),
        (_("Leader in charge"), item.leader.name if item.leader else ""),
        (_("Responsible person"), item.responsible.name if item.responsible else ""),
        (_("Start"), day(item.start_date)),
        (_("Deadline"), day(item.deadline)),
        (_("Status"), _label(State, item.state)),
        (_("Progress"), f"{item.progress_percent}%"),
        (_("Target / actual"), f"{target} / {actual}" if target or actual else ""),
        (_("Delivery judgement"), _join(str(item.get_delivery_grade_display()) if item.delivery_grade else "",
                                        item.delivery_reason)),
    ]


def _set_fonts(document: Any) -> None:
    style = document.styles["Normal"]
    style.font.name = CJK_FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)


def timeline_docx(item: Item, *, generated_at: dt.datetime) -> bytes:
    """The timeline document of an item loaded by :func:`item_for_timeline`."""
    document = Document()
    _set_fonts(document)
    for section in document.sections:  # A4, as Chinese offices print (python-docx defaults to US Letter)
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = Cm(2)
    heading = document.add_heading(_("Progress timeline: %(item)s") % {"item": str(item)}, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    stamp = timezone.localtime(generated_at).strftime("%Y-%m-%d %H:%M")
    document.add_paragraph(_("Generated %(at)s") % {"at": stamp}).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fields = document.add_table(rows=0, cols=2)
    fields.style = "Table Grid"
    for name, value in _fields(item):
        cells = fields.add_row().cells
        cells[0].text, cells[1].text = name, value
        cells[0].paragraphs[0].runs[0].bold = True
    milestones = list(item.milestones.all())
    if milestones:
        document.add_heading(_("Milestones"), level=2)
        for m in milestones:
            done = _("done on %(day)s") % {"day": m.done_on} if m.done_on else ""
            document.add_paragraph(f"{m.due}  {m.title}  {done}".strip(), style="List Bullet")
    document.add_heading(_("Timeline"), level=2)
    _events_table(document, timeline_events(item))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _events_table(document: Any, events: list[TimelineEvent]) -> None:
    if not events:
        document.add_paragraph(_("Nothing has happened yet."))
        return
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (_("Date"), _("Kind"), _("By"), _("Event"), _("Details")),
                          strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for event in events:
        cells = table.add_row().cells
        when = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M")
        texts = (when, event.kind, event.actor, event.summary, event.detail)
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(2.6), Cm(1.8), Cm(2.2), Cm(4.4), Cm(6)), strict=True):
            cell.width = width
