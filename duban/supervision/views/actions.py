"""Forms for what happens to an item: workflow actions, reports, instructions,
urges, judgements and milestones. Each POST calls one service; a DomainError is shown
on the form, whose input is kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from duban.core import clock
from duban.core.errors import DomainError
from duban.org.scope import signed_in
from duban.supervision import policy
from duban.supervision.forms import (
    ActionForm,
    FollowupRecordForm,
    FollowupScheduleForm,
    InstructionForm,
    JudgementForm,
    MilestoneForm,
    ReportForm,
    UrgeForm,
)
from duban.supervision.models import Item, Milestone
from duban.supervision.services.followup import followup_record, followup_schedule
from duban.supervision.services.milestone import milestone_add, milestone_done
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.report import delivery_judge, instruction_add, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.views.common import item_or_404, require_register
from duban.supervision.workflow import TRANSITIONS, Action, State
from duban.web.formview import handle_form


def _action(value: str) -> Action:
    try:
        return Action(value)
    except ValueError as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def item_action(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    """One workflow action's form: what the table requires (reason, new deadline), files, version."""
    item = item_or_404(request, item_id)
    act = _action(action)
    rule = TRANSITIONS.get((State(item.state), act))
    form = ActionForm(
        request.POST or None, request.FILES or None, rule=rule, action=act, initial={"version": item.version}
    )
    refusal = None
    if request.method == "GET" and act not in policy.allowed_actions(request.user, item):
        refusal = _("You may not “%(action)s” this item now.") % {"action": act.label}
    return handle_form(
        request,
        form=form,
        perform=lambda data: item_transition(
            item=item,
            action=act,
            actor=signed_in(request.user),
            comment=data["comment"],
            new_deadline=data.get("new_deadline"),
            files=data["files"],
            expected_version=data["version"],
        ),
        done=lambda _record: _("Done: %(action)s.") % {"action": act.label},
        then=lambda _record: reverse("supervision:item_detail", args=[item.pk]),
        template="supervision/item_action.html",
        context={"item": item, "action": act, "rule": rule, "refusal": refusal},
    )


def _subform(
    request: HttpRequest,
    item: Item,
    *,
    form: forms.Form,
    title: str,
    perform: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """An item sub-form: one service call, then back to the item page."""
    return handle_form(
        request,
        form=form,
        perform=perform,
        done=lambda _result: done,
        then=lambda _result: reverse("supervision:item_detail", args=[item.pk]),
        template="supervision/item_subform.html",
        context={"item": item, "title": title, "multipart": isinstance(form, ReportForm)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, item_id: int) -> HttpResponse:
    """A progress report with evidence; ?corrects=<id> pre-selects the report it corrects."""
    item = item_or_404(request, item_id)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        item=item,
        initial={"corrects": request.GET.get("corrects")},
    )
    return _subform(
        request,
        item,
        form=form,
        title=_("Progress report"),
        perform=lambda _data: report_submit(
            actor=signed_in(request.user), item=item, **form.service_fields()
        ),
        done=_("Report submitted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def instruction_new(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_or_404(request, item_id)
    return _subform(
        request,
        item,
        form=InstructionForm(request.POST or None),
        title=_("Instruction"),
        perform=lambda data: instruction_add(actor=signed_in(request.user), item=item, text=data["text"]),
        done=_("Instruction recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def urge_new(request: HttpRequest, item_id: int) -> HttpResponse:
    """Urge the item now (催办), with an optional message; the office's, once a day per recipient."""
    item = item_or_404(request, item_id)
    if not policy.may_urge(request.user):
        raise Http404
    return handle_form(
        request,
        form=UrgeForm(request.POST or None),
        perform=lambda data: item_urge(actor=signed_in(request.user), item=item, message=data["message"]),
        done=_urged,
        then=lambda _sent: reverse("supervision:item_detail", args=[item.pk]),
        template="supervision/item_subform.html",
        context={"item": item, "title": _("Urge")},
    )


def _urged(sent: int) -> str:
    if sent:
        return _("Urged; notices sent: %(n)s.") % {"n": sent}
    return _("Nothing sent: the item was already urged today, or its unit has no one to notify.")


@login_required
@require_http_methods(["GET", "POST"])
def judgement_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    """The supervisor's four-grade delivery judgement with its reason."""
    require_register(request)
    item = item_or_404(request, item_id)
    form = JudgementForm(
        request.POST or None, initial={"grade": item.delivery_grade, "reason": item.delivery_reason}
    )
    return _subform(
        request,
        item,
        form=form,
        title=_("Delivery judgement"),
        perform=lambda data: delivery_judge(
            actor=signed_in(request.user), item=item, grade=data["grade"], reason=data["reason"]
        ),
        done=_("Judgement saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_new(request: HttpRequest, item_id: int) -> HttpResponse:
    require_register(request)
    item = item_or_404(request, item_id)
    return _subform(
        request,
        item,
        form=MilestoneForm(request.POST or None),
        title=_("Milestone"),
        perform=lambda data: milestone_add(actor=signed_in(request.user), item=item, **data),
        done=_("Milestone added."),
    )


@login_required
@require_POST
def milestone_mark_done(request: HttpRequest, item_id: int, milestone_id: int) -> HttpResponse:
    item = item_or_404(request, item_id)
    milestone = Milestone.objects.filter(pk=milestone_id, item=item).first()
    if milestone is None:
        raise Http404
    try:
        milestone_done(actor=signed_in(request.user), milestone=milestone, done_on=clock.today())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Milestone marked done."))
    return redirect("supervision:item_detail", item_id=item.pk)


@login_required
@require_http_methods(["GET", "POST"])
def followup_schedule_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """Schedule the follow-up check (回头看) of a closed item."""
    require_register(request)
    item = item_or_404(request, item_id)
    form = FollowupScheduleForm(request.POST or None, initial={"date": item.follow_up_date})
    return _subform(
        request,
        item,
        form=form,
        title=_("Follow-up check"),
        perform=lambda data: followup_schedule(actor=signed_in(request.user), item=item, date=data["date"]),
        done=_("Follow-up check scheduled."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup_record_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """Record what the follow-up check found; a relapse reopens the item."""
    require_register(request)
    item = item_or_404(request, item_id)
    return _subform(
        request,
        item,
        form=FollowupRecordForm(request.POST or None),
        title=_("Follow-up check"),
        perform=lambda data: followup_record(
            actor=signed_in(request.user), item=item, relapsed=data["relapsed"], comment=data["comment"]
        ),
        done=_("Follow-up check recorded."),
    )
