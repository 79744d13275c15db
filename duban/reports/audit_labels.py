"""What bulletin events read as on the audit page (印发督查通报, 修改通报模板).

Registered from :class:`duban.reports.apps.ReportsConfig.ready` (see :mod:`duban.audit.describe`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, register_actions, register_type

ACTIONS = {
    "bulletin.issue": _("Issue a supervision bulletin"),
    "bulletin.template": _("Change the bulletin template"),
}

BULLETIN_FIELDS = {
    "number": FieldSpec(_("document number")),
    "title": FieldSpec(_("title")),
    "period_start": FieldSpec(_("from")),
    "period_end": FieldSpec(_("to")),
    "scope": FieldSpec(_("scope")),
    "in_scope": FieldSpec(_("items in scope")),
    "open_now": FieldSpec(_("open items")),
    "assigned": FieldSpec(_("assigned in the period")),
    "completed": FieldSpec(_("completed in the period")),
    "completed_on_time": FieldSpec(_("completed on time")),
    "overdue_now": FieldSpec(_("overdue items")),
    "overdue_days": FieldSpec(_("overdue item-days")),
    "on_time_rate": FieldSpec(_("on-time rate")),
    "overdue_units": FieldSpec(_("units with overdue items")),
}


def register() -> None:
    register_actions(ACTIONS)
    register_type("reports.bulletin", TypeSpec(noun=_("bulletin"), fields=BULLETIN_FIELDS))
    register_type("reports.bulletintemplate", TypeSpec(noun=_("bulletin template")))
