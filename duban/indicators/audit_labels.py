"""What the indicators' audit events read as on the audit page (录入指标值, 指标: 地区生产总值).

Registered from :class:`duban.indicators.apps.IndicatorsConfig.ready` (see :mod:`duban.audit.describe`);
model fields (value, growth, provenance …) are named from the models themselves.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, integer_ids, register_actions, register_type
from duban.indicators.models import (
    WARNING_KIND_CHOICES,
    IndicatorDefinition,
    IndicatorValue,
    PeerSet,
    Subject,
)

ACTIONS = {
    "indicator.create": _("Define an indicator"),
    "indicator.update": _("Edit an indicator"),
    "indicator.warning_to_item": _("Turn a warning into an item"),
    "subject.create": _("Add a subject"),
    "subject.update": _("Edit a subject"),
    "peer_set.create": _("Add a peer set"),
    "peer_set.update": _("Edit a peer set"),
    "indicator_value.enter": _("Enter an indicator value"),
    "indicator_value.correct": _("Correct an indicator value"),
    "indicator_values.import": _("Import the statistics workbook"),
    "target.set": _("Set a target"),
    "target.change": _("Change a target"),
}

VALUE_FIELDS = {"reason": FieldSpec(_("reason"))}
WARNING_FIELDS = {
    "item": FieldSpec(_("item"), refers_to="supervision.item"),
    "subject": FieldSpec(_("subject"), refers_to="indicators.subject"),
    "period": FieldSpec(_("period")),
    "warning": FieldSpec(_("warning"), choices=dict(WARNING_KIND_CHOICES)),
}
IMPORT_FIELDS = {
    "file": FieldSpec(_("file")),
    "sheets": FieldSpec(_("sheets")),
    "created": FieldSpec(_("values added")),
    "updated": FieldSpec(_("values changed")),
    "unchanged": FieldSpec(_("values unchanged")),
    "growth_recomputed": FieldSpec(_("growth recomputed (following year)")),
}


def indicator_names(ids: Collection[str]) -> dict[str, str]:
    rows = IndicatorDefinition.objects.filter(pk__in=integer_ids(ids)).values_list("pk", "name")
    return {str(pk): name for pk, name in rows}


def subject_names(ids: Collection[str]) -> dict[str, str]:
    rows = Subject.objects.filter(pk__in=integer_ids(ids)).values_list("pk", "name")
    return {str(pk): name for pk, name in rows}


def peer_set_names(ids: Collection[str]) -> dict[str, str]:
    rows = PeerSet.objects.filter(pk__in=integer_ids(ids)).values_list("pk", "name")
    return {str(pk): name for pk, name in rows}


def value_names(ids: Collection[str]) -> dict[str, str]:
    """A value as 地区生产总值 · 本区 · 2019年6月 (one query)."""
    rows = IndicatorValue.objects.filter(pk__in=integer_ids(ids)).values_list(
        "pk", "definition__name", "subject__name", "year", "month", "quarter"
    )
    names = {}
    for pk, indicator, subject, year, month, quarter in rows:
        period = f"{year}年{month}月" if month else f"{year}年第{quarter}季度" if quarter else f"{year}年"
        names[str(pk)] = f"{indicator} · {subject} · {period}"
    return names


def register() -> None:
    register_actions(ACTIONS)
    register_type(
        "indicators.indicatordefinition",
        TypeSpec(noun=_("indicator"), names=indicator_names, fields=WARNING_FIELDS),
    )
    register_type("indicators.subject", TypeSpec(noun=_("subject"), names=subject_names))
    register_type(
        "indicators.peerset",
        TypeSpec(
            noun=_("peer set"),
            names=peer_set_names,
            fields={"members": FieldSpec(_("members"), refers_to="indicators.subject")},
        ),
    )
    register_type(
        "indicators.indicatorvalue",
        TypeSpec(noun=_("indicator value"), names=value_names, fields=VALUE_FIELDS),
    )
    register_type("indicators.target", TypeSpec(noun=_("target")))
    register_type("indicators.import", TypeSpec(noun=_("statistics workbook"), fields=IMPORT_FIELDS))
