"""What supervision's audit events read as on the audit page (交办, 草稿 → 已交办, 牵头单位: 某局).

Registered from :class:`duban.supervision.apps.SupervisionConfig.ready`; audit itself
knows no supervision model (see :mod:`duban.audit.describe`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.utils.functional import Promise
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, Namer, TypeSpec, integer_ids, register_actions, register_type
from duban.supervision.models.item import DeliveryGrade, Item, ItemKind, Milestone
from duban.supervision.models.reminder import ReminderKind
from duban.supervision.models.report import Instruction, ProgressReport
from duban.supervision.models.source import Source
from duban.supervision.workflow import Action, State

ACTIONS = {
    **{f"item.{action.value}": action.label for action in Action},
    "item.create": _("Register the item"),
    "item.update": _("Edit the item"),
    "item.move": _("Move the item"),
    "item.judge": _("Judge delivery"),
    "item.instruction": _("Leader's instruction"),
    "item.milestone_add": _("Add milestone"),
    "item.milestone_done": _("Milestone reached"),
    "item.followup_schedule": _("Schedule follow-up check"),
    "item.followup": _("Record follow-up check"),
    "item.recur": _("Recurring item created"),
    "item.remind": _("Reminder sent"),
    "item.escalate": _("Escalation sent"),
    "item.remind_retry": _("Reminder sent again"),
    "item.urge": _("Urge (催办)"),
    "report.submit": _("Progress report"),
    "source.create": _("Register the source"),
    "source.update": _("Edit the source"),
    "source.attach": _("Attach files to the source"),
    "settings.lights": _("Change light settings"),
    "settings.reminders": _("Change reminder settings"),
    "settings.robot_save": _("Save robot channel"),
    "settings.robot_delete": _("Delete robot channel"),
}

# Keys the item's events record that are not fields of Item (transition facts, reports, …).
ITEM_FIELDS: Mapping[str, FieldSpec] = {
    "comment": FieldSpec(_("comment")),
    "requested_deadline": FieldSpec(_("requested deadline")),
    "old_deadline": FieldSpec(_("previous deadline")),
    "renumbered": FieldSpec(_("renumbered items")),
    "instruction": FieldSpec(_("instruction"), refers_to="supervision.instruction"),
    "text": FieldSpec(_("text")),
    "notified": FieldSpec(_("notified")),
    "grade": FieldSpec(_("delivery judgement"), choices=dict(DeliveryGrade.choices)),
    "reason": FieldSpec(_("reason")),
    "report": FieldSpec(_("progress report"), refers_to="supervision.progressreport"),
    "percent": FieldSpec(_("progress (%)")),
    "corrects": FieldSpec(_("corrects report"), refers_to="supervision.progressreport"),
    "files": FieldSpec(_("files")),
    "milestone": FieldSpec(_("milestone"), refers_to="supervision.milestone"),
    "due": FieldSpec(_("due")),
    "title": FieldSpec(_("title")),
    "done_on": FieldSpec(_("done on")),
    "follow_up_date": FieldSpec(_("follow-up check on")),
    "relapsed": FieldSpec(_("relapsed")),
    "checked_on": FieldSpec(_("checked on")),
    "template": FieldSpec(_("recurring template"), refers_to="supervision.item"),
    "recurrence_of": FieldSpec(_("recurring template"), refers_to="supervision.item"),
    "label": FieldSpec(_("period")),
    # Item.kind (措施/问题/任务) and a reminder's kind share the key: both sets of labels.
    "kind": FieldSpec(_("kind"), choices={**dict(ItemKind.choices), **dict(ReminderKind.choices)}),
    "position": FieldSpec(_("position among siblings")),
    "path": FieldSpec(_("tree path")),
    "state_before_suspension": FieldSpec(_("status before suspension"), choices=dict(State.choices)),
    "pending_deadline": FieldSpec(_("deadline asked for")),
    "light_reasons": FieldSpec(_("light reasons")),
    "light_on": FieldSpec(_("light computed on")),
    "assigned_at": FieldSpec(_("assigned at")),
    "acknowledged_at": FieldSpec(_("acknowledged at")),
    "closed_at": FieldSpec(_("closed at")),
    "occurrence_of": FieldSpec(_("recurring template"), refers_to="supervision.item"),
    "occurrence_label": FieldSpec(_("period")),
    "key": FieldSpec(_("reminder key")),
    # "in_app:user:19" → the person's name; robots and mail addresses stay as recorded
    "to": FieldSpec(_("recipients"), refers_to="org.user", id_in_text=r"(?:in_app:)?user:(\d+)"),
}


# Fields of the records that hang under an item (report, instruction, milestone).
REPORT_FIELDS: Mapping[str, FieldSpec] = {
    "item": FieldSpec(_("item"), refers_to="supervision.item"),
    "author": FieldSpec(_("author"), refers_to="org.user"),
    "submitted_at": FieldSpec(_("submitted at")),
    "due_date": FieldSpec(_("report due on")),
    "corrects": FieldSpec(_("corrects report"), refers_to="supervision.progressreport"),
    "at": FieldSpec(_("time")),
}


def item_names(ids: Collection[str]) -> dict[str, str]:
    """Items by ledger number and title ("1.2 推进污水管网建设"), one query."""
    rows = Item.objects.filter(pk__in=integer_ids(ids)).only("pk", "number", "title")
    return {str(item.pk): str(item) for item in rows}


def source_names(ids: Collection[str]) -> dict[str, str]:
    rows = Source.objects.filter(pk__in=integer_ids(ids)).only("pk", "title", "doc_number")
    return {str(source.pk): str(source) for source in rows}


def report_names(ids: Collection[str]) -> dict[str, str]:
    rows = ProgressReport.objects.filter(pk__in=integer_ids(ids)).only("pk", "submitted_at", "percent")
    return {str(r.pk): _report_name(r) for r in rows}


def _report_name(report: ProgressReport) -> str:
    day = localdate(report.submitted_at).isoformat()
    if report.percent is None:
        return str(_("report of %(day)s")) % {"day": day}
    return str(_("report of %(day)s (%(percent)s%%)")) % {"day": day, "percent": report.percent}


def instruction_names(ids: Collection[str]) -> dict[str, str]:
    rows = Instruction.objects.filter(pk__in=integer_ids(ids)).only("pk", "text")
    return {str(i.pk): i.text[:40] for i in rows}


def milestone_names(ids: Collection[str]) -> dict[str, str]:
    rows = Milestone.objects.filter(pk__in=integer_ids(ids)).only("pk", "due", "title")
    return {str(m.pk): str(m) for m in rows}


def _singleton(noun: Promise) -> Namer:
    """A settings row is named by what it is (预警设置), without a query."""
    return lambda ids: {i: str(noun) for i in ids}


def register() -> None:
    register_actions(ACTIONS)
    register_type("supervision.item", TypeSpec(noun=_("item"), names=item_names, fields=ITEM_FIELDS))
    register_type("supervision.source", TypeSpec(noun=_("source"), names=source_names))
    register_type(
        "supervision.progressreport",
        TypeSpec(noun=_("progress report"), names=report_names, fields=REPORT_FIELDS),
    )
    register_type(
        "supervision.instruction",
        TypeSpec(noun=_("instruction"), names=instruction_names, fields=REPORT_FIELDS),
    )
    register_type(
        "supervision.milestone", TypeSpec(noun=_("milestone"), names=milestone_names, fields=REPORT_FIELDS)
    )
    light_settings, reminder_settings = _("light settings"), _("reminder settings")
    register_type(
        "supervision.lightsettings", TypeSpec(noun=light_settings, names=_singleton(light_settings))
    )
    register_type(
        "supervision.remindersettings", TypeSpec(noun=reminder_settings, names=_singleton(reminder_settings))
    )
    register_type(
        "supervision.robotchannel",
        TypeSpec(
            noun=_("robot channel"),
            fields={
                "unit": FieldSpec(_("unit"), refers_to="org.unit"),
                "has_secret": FieldSpec(_("has a signing secret")),
            },
        ),
    )
