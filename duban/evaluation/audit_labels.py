"""What the evaluation app's audit events read as on the audit page (新建评价体系, 录入评价值 …).

Registered from :class:`duban.evaluation.apps.EvaluationConfig.ready`; audit itself
knows no evaluation model (see :mod:`duban.audit.describe`). Model fields read by
their verbose names; the keys below are the ones services record besides them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, integer_ids, register_actions, register_type
from duban.evaluation.models import AdjustmentEvent, EvaluationValue, Scenario, Scheme

ACTIONS: Mapping[str, Promise] = {
    "evaluation_scheme.create": _("Create the evaluation scheme"),
    "evaluation_scheme.import": _("Import the evaluation scheme"),
    "evaluation_value.enter": _("Enter an evaluation value"),
    "adjustment_event.record": _("Record a bonus or deduction event"),
    "scenario.save": _("Save the what-if scenario"),
    "scenario.delete": _("Delete the what-if scenario"),
}

SCHEME_FIELDS: Mapping[str, FieldSpec] = {
    "nodes": FieldSpec(_("categories and indicators")),
    "adjustments": FieldSpec(_("bonus and deduction items")),
    "subjects": FieldSpec(_("subjects")),
}


def scheme_names(ids: Collection[str]) -> dict[str, str]:
    rows = Scheme.objects.filter(pk__in=integer_ids(ids)).only("pk", "name", "year")
    return {str(s.pk): str(s) for s in rows}


def value_names(ids: Collection[str]) -> dict[str, str]:
    rows = EvaluationValue.objects.filter(pk__in=integer_ids(ids)).select_related("node", "subject")
    return {str(v.pk): f"{v.subject.name} · {v.node.name}" for v in rows}


def event_names(ids: Collection[str]) -> dict[str, str]:
    rows = AdjustmentEvent.objects.filter(pk__in=integer_ids(ids)).select_related("adjustment", "subject")
    return {str(e.pk): f"{e.subject.name} · {e.adjustment.name}" for e in rows}


def scenario_names(ids: Collection[str]) -> dict[str, str]:
    rows = Scenario.objects.filter(pk__in=integer_ids(ids)).only("pk", "name")
    return {str(s.pk): s.name for s in rows}


def register() -> None:
    register_actions(ACTIONS)
    register_type(
        "evaluation.scheme", TypeSpec(noun=_("evaluation scheme"), names=scheme_names, fields=SCHEME_FIELDS)
    )
    register_type("evaluation.evaluationvalue", TypeSpec(noun=_("evaluation value"), names=value_names))
    register_type(
        "evaluation.adjustmentevent", TypeSpec(noun=_("bonus or deduction event"), names=event_names)
    )
    register_type("evaluation.scenario", TypeSpec(noun=_("what-if scenario"), names=scenario_names))
