"""What-if (情景模拟): change a subject's figures, see every score and rank again, save it as a scenario.

The form posts the subject's figures; with htmx each change posts at once and only
the result panel is swapped in. Nothing is stored unless the scenario is saved
(through ``services.scenario_save``, audited).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duban.core.errors import DomainError, ErrorCode
from duban.evaluation import policy, selectors, services
from duban.evaluation.gap import what_if
from duban.evaluation.selectors import Results
from duban.evaluation.services import ChangeSpec
from duban.evaluation.views.bundles import what_if_page
from duban.evaluation.views.common import not_found_as_404, parse_figure, run_header, subject_ref
from duban.org.scope import signed_in


@dataclass
class Typed:
    """What the form held: the changed figures, the text of every box, the boxes that are not numbers."""

    changes: list[ChangeSpec] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def _typed(results: Results, subject_id: int, form: Mapping[str, str]) -> Typed:
    """Read the subject's boxes: a change is a figure that differs from the stored one."""
    evaluation = results.evaluation
    typed = Typed()
    for leaf in evaluation.scheme.leaves:
        code = leaf.node.code
        name = f"v-{code}"
        if name not in form:
            continue
        typed.texts[code] = form[name]
        try:
            value = parse_figure(form[name])
        except ValueError:
            typed.invalid.add(code)
            words = {"indicator": leaf.node.name, "text": form[name][:30]}
            typed.errors.append(_("%(indicator)s: “%(text)s” is not a number.") % words)
            continue
        now = evaluation.inputs.values.get(code, {}).get(subject_id)
        if (None if value is None else float(value)) != now:
            typed.changes.append(ChangeSpec(indicator=code, subject_id=subject_id, value=value))
    return typed


def _units(results: Results) -> dict[str, str]:
    """Each indicator's unit of measure where it is linked to an indicator definition."""
    return {code: node.indicator.unit for code, node in results.loaded.nodes.items() if node.indicator}


def _page(
    request: HttpRequest,
    results: Results,
    subject_id: int,
    changes: list[ChangeSpec],
    *,
    typed: Mapping[str, str] | None = None,
    invalid: frozenset[str] = frozenset(),
    **extra: Any,
) -> HttpResponse:
    subject = subject_ref(results.evaluation, subject_id)
    changed = {(c.indicator, c.subject_id): None if c.value is None else float(c.value) for c in changes}
    scenario = what_if(results.evaluation, changed)
    page = what_if_page(scenario, subject.pk, units=_units(results), typed=typed, invalid=invalid)
    context = {
        "run": run_header(results.scheme),
        "subject": subject,
        "page": page,
        "may_save": policy.may_save_scenario(request.user),
        "scenarios": selectors.scenario_list(user=request.user, scheme=results.scheme),
        "name": "",
        **extra,
    }
    partial = bool(request.headers.get("HX-Request"))
    context["oob"] = partial  # the phone's result bar comes along, swapped out of band
    # htmx swaps in the result panel only (and only from a 2xx answer, so a refusal it shows
    # inside the panel answers 200); without script the whole page comes back, a refusal as 400.
    template = "evaluation/_what_if_result.html" if partial else "evaluation/what_if.html"
    status = 400 if extra.get("error") and not partial else 200
    return render(request, template, context, status=status)


@login_required
@not_found_as_404
@require_http_methods(["GET", "POST"])
def evaluation_what_if(request: HttpRequest, scheme_id: int, subject_id: int) -> HttpResponse:
    results = selectors.evaluation_results(user=request.user, scheme_id=scheme_id)
    subject = subject_ref(results.evaluation, subject_id)
    if request.method != "POST":
        return _page(request, results, subject.pk, [])
    typed = _typed(results, subject.pk, request.POST)
    if typed.errors:
        # Nothing is computed from a form with a box that is not a number: the page says which.
        return _page(request, results, subject.pk, [], typed=typed.texts, invalid=frozenset(typed.invalid),
                     error="；".join(typed.errors))  # fmt: skip
    if request.POST.get("do") == "save":
        return _save(request, results, subject.pk, typed)
    return _page(request, results, subject.pk, typed.changes, typed=typed.texts)


def _save(request: HttpRequest, results: Results, subject_id: int, typed: Typed) -> HttpResponse:
    name = request.POST.get("name", "").strip()
    try:
        if not name:
            raise DomainError(ErrorCode.INVALID, _("Give the scenario a name."), field="name")
        scenario = services.scenario_save(
            actor=signed_in(request.user), scheme=results.scheme, name=name, changes=typed.changes
        )
    except DomainError as error:
        return _page(request, results, subject_id, typed.changes, typed=typed.texts, error=error.message,
                     name=name)  # fmt: skip
    messages.success(request, _("Scenario “%(name)s” saved.") % {"name": scenario.name})
    return redirect("evaluation:scenario", scenario.pk)


@login_required
@not_found_as_404
def evaluation_scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """A saved scenario: the what-if page with its changes (the owner's only; others get 404)."""
    scenario = policy.access_scenario(request.user, scenario_id)
    results = selectors.evaluation_results(user=request.user, scheme_id=scenario.scheme_id)
    changes = selectors.scenario_changes(scenario)
    subjects = {c.subject_id for c in changes} or {_first_subject(results)}
    subject_id = min(subjects)
    mine = [c for c in changes if c.subject_id == subject_id]
    return _page(request, results, subject_id, mine, scenario=scenario, name=scenario.name)


def _first_subject(results: Results) -> int:
    return results.evaluation.inputs.subjects[0].key
