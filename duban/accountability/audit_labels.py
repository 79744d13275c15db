"""What accountability events read as on the audit page (记录问责措施)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duban.audit.describe import FieldSpec, TypeSpec, register_actions, register_type

ACTIONS = {"accountability.record": _("Record an accountability measure")}

FIELDS = {
    "items": FieldSpec(_("items"), refers_to="supervision.item"),
    "taken_on": FieldSpec(_("date")),
    "reason": FieldSpec(pgettext_lazy("accountability", "reason")),
}


def register() -> None:
    register_actions(ACTIONS)
    register_type("accountability.measure", TypeSpec(noun=_("accountability measure"), fields=FIELDS))
