"""Input and output schemas of the supervision API (one pair per operation).

Outputs are built by ``resolve_*`` methods from model instances that the
selectors loaded with everything prefetched, so serialising a page adds no
queries.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from duban.core.inputs import CleanText, ClearableText, Count, Id, Percent, omittable

# --- References -------------------------------------------------------------------


class RefOut(Schema):
    """A related object named for display."""

    id: int
    name: str


def ref(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, "name", str(obj))}


class AttachmentOut(Schema):
    id: int
    name: str = Field(description="The file's original name.")
    size: int = Field(description="Bytes.")
    content_type: str
    sha256: str
    url: str = Field(description="Download URL (served only through scope).")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.original_name)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return f"/api/v1/supervision/attachments/{obj.pk}"


# --- Sources ------------------------------------------------------------------------


class SourceOut(Schema):
    id: int
    kind: str = Field(description="One of SourceKind: inspection, meeting, instruction, document, ...")
    title: str
    doc_number: str = Field(description="Document number (文号).")
    date: dt.date
    issuer: str
    description: str
    sign_off_mode: str = Field(description="single, dual_leader or dual_supervisor (双审).")
    is_archived: bool


class SourceDetailOut(SourceOut):
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj: Any) -> list[Any]:
        return list(obj.attachments.all())


class SourceCreateIn(Schema):
    kind: CleanText
    title: CleanText
    doc_number: CleanText = ""
    date: dt.date
    issuer: CleanText = ""
    description: CleanText = ""
    sign_off_mode: CleanText = "single"


class SourceUpdateIn(Schema):
    """Only the fields sent are changed; ``null`` clears the document number, issuer and description.

    The other fields may be left out but not sent as ``null``: a source always has them.
    """

    kind: CleanText = omittable()
    title: CleanText = omittable()
    doc_number: ClearableText = None
    date: dt.date = omittable()
    issuer: ClearableText = None
    description: ClearableText = None
    sign_off_mode: CleanText = omittable()
    is_archived: bool = omittable()


# --- Items ------------------------------------------------------------------------


class ItemOut(Schema):
    """An item as the ledger lists it, with its light (the stored one, brought to today before reading)."""

    id: int
    source_id: int
    parent_id: int | None
    number: str = Field(description="Ledger number (1, 1.2, 1.2.3).")
    kind: str
    title: str
    state: str = Field(description="Workflow state (see workflow.State).")
    state_label: str
    lead_unit: RefOut | None
    cooperating_units: list[RefOut]
    leader: RefOut | None
    responsible: RefOut | None
    start_date: dt.date | None
    deadline: dt.date | None
    progress_percent: int
    priority: str
    report_frequency: str
    tags: list[str]
    light: str = Field(description="Colour of the light ('' for items not open).")
    light_reasons: list[str] = Field(description="Conditions behind the light (overdue, behind, ...).")
    delivery_grade: str
    delivery_reason: str
    version: int = Field(description="Send it back with updates and actions (optimistic locking).")

    @staticmethod
    def resolve_parent_id(obj: Any) -> int | None:
        # A parent outside the caller's scope is neither named nor linked: its id is withheld
        # (reads annotate ``parent_in_scope``; the office's writes see every parent).
        in_scope: bool = getattr(obj, "parent_in_scope", True)
        parent_id: int | None = obj.parent_id
        return parent_id if in_scope else None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_lead_unit(obj: Any) -> dict[str, Any] | None:
        return ref(obj.lead_unit)

    @staticmethod
    def resolve_leader(obj: Any) -> dict[str, Any] | None:
        return ref(obj.leader)

    @staticmethod
    def resolve_responsible(obj: Any) -> dict[str, Any] | None:
        return ref(obj.responsible)

    @staticmethod
    def resolve_cooperating_units(obj: Any) -> list[dict[str, Any] | None]:
        return [ref(u) for u in obj.cooperating_units.all()]

    @staticmethod
    def resolve_tags(obj: Any) -> list[str]:
        return [t.name for t in obj.tags.all()]

    @staticmethod
    def resolve_light_reasons(obj: Any) -> list[str]:
        return list(obj.light_reasons or [])


class ItemPageOut(Schema):
    count: int = Field(description="Items matching the filters.")
    limit: int
    offset: int
    items: list[ItemOut]


class MilestoneOut(Schema):
    id: int
    due: dt.date
    title: str
    percent: int | None
    done_on: dt.date | None


class ReportOut(Schema):
    id: int
    author: str
    submitted_at: dt.datetime
    due_date: dt.date | None
    text: str
    percent: int | None
    actual_value: Decimal | None
    problems: str
    next_steps: str
    corrects_id: int | None
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)

    @staticmethod
    def resolve_attachments(obj: Any) -> list[Any]:
        return list(obj.attachments.all())


class TransitionOut(Schema):
    id: int
    action: str
    from_state: str
    to_state: str
    actor: str
    at: dt.datetime
    comment: str
    data: dict[str, Any]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        return str(obj.actor) if obj.actor_id else ""

    @staticmethod
    def resolve_attachments(obj: Any) -> list[Any]:
        return list(obj.attachments.all())


class DeadlineChangeOut(Schema):
    id: int
    old: dt.date | None
    new: dt.date | None
    reason: str
    actor: str
    at: dt.datetime

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        return str(obj.actor) if obj.actor_id else ""


class InstructionOut(Schema):
    id: int
    author: str
    at: dt.datetime
    text: str

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)


class ItemDetailOut(ItemOut):
    """An item with its whole record."""

    content: str
    target_value: Decimal | None
    target_unit: str
    actual_value: Decimal | None
    follow_up_date: dt.date | None
    recurrence: str
    pending_deadline: dt.date | None
    milestones: list[MilestoneOut]
    reports: list[ReportOut]
    transitions: list[TransitionOut]
    deadline_changes: list[DeadlineChangeOut]
    instructions: list[InstructionOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_milestones(obj: Any) -> list[Any]:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_reports(obj: Any) -> list[Any]:
        return list(obj.reports.all())

    @staticmethod
    def resolve_transitions(obj: Any) -> list[Any]:
        return list(obj.transitions.all())

    @staticmethod
    def resolve_deadline_changes(obj: Any) -> list[Any]:
        return list(obj.deadline_changes.all())

    @staticmethod
    def resolve_instructions(obj: Any) -> list[Any]:
        return list(obj.instructions.all())

    @staticmethod
    def resolve_attachments(obj: Any) -> list[Any]:
        return list(obj.attachments.all())


class ItemFieldsIn(Schema):
    """Editable fields of an item; units and people by id."""

    kind: ClearableText = None
    title: ClearableText = None
    content: ClearableText = None
    lead_unit_id: Id | None = None
    cooperating_unit_ids: list[Id] | None = None
    leader_id: Id | None = None
    responsible_id: Id | None = None
    start_date: dt.date | None = None
    deadline: dt.date | None = None
    target_value: Decimal | None = None
    target_unit: ClearableText = None
    actual_value: Decimal | None = None
    priority: ClearableText = None
    report_frequency: ClearableText = None
    recurrence: ClearableText = None
    follow_up_date: dt.date | None = None
    tags: list[CleanText] | None = None


class ItemCreateIn(ItemFieldsIn):
    source_id: Id
    parent_id: Id | None = Field(None, description="Parent item; empty for the source's top level.")
    title: CleanText


class ItemUpdateIn(ItemFieldsIn):
    """Only the fields sent are changed; ``null`` clears an optional field."""

    version: Count = Field(description="The version the editor saw; a stale one answers 409 conflict.")
    deadline_reason: CleanText = Field("", description="Why the deadline changes (kept in its history).")


class ItemMoveIn(Schema):
    parent_id: Id | None = Field(None, description="New parent; empty for the top level.")
    position: Count = Field(1, ge=1, description="1-based position among the new siblings.")


# --- Workflow --------------------------------------------------------------------


class ActionIn(Schema):
    comment: CleanText = Field(
        "", description="Reason; required for return, suspend, cancel, reopen, extension."
    )
    new_deadline: dt.date | None = Field(None, description="For request_extension (and grant_extension).")
    version: Count | None = Field(None, description="The version the actor saw (optimistic locking).")


class TransitionResultOut(Schema):
    transition: TransitionOut
    item: ItemOut


class AllowedActionOut(Schema):
    action: str
    label: str
    needs_reason: bool
    needs_new_deadline: bool


# --- Reports, instructions, judgement ------------------------------------------------


class ReportIn(Schema):
    """Sent as multipart form fields, with the evidence files as ``files``."""

    text: CleanText
    percent: Percent | None = None
    actual_value: Decimal | None = None
    problems: CleanText = ""
    next_steps: CleanText = ""
    corrects_id: Id | None = Field(None, description="The report this one corrects.")


class InstructionIn(Schema):
    text: CleanText


class JudgementIn(Schema):
    grade: CleanText = Field(description="'', green, amber_green, amber_red or red.")
    reason: CleanText = ""


class JudgementOut(Schema):
    item_id: int
    grade: str
    grade_label: str
    reason: str
    version: int


class MilestoneIn(Schema):
    due: dt.date
    title: CleanText
    percent: Percent | None = None
