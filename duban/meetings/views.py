"""Review meeting pages: the list, preparing one from a ledger filter, the agenda with a decision form
per item, the meeting pack and the published minutes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duban.core import clock
from duban.core.downloads import content_disposition
from duban.core.errors import DomainError, NotFound
from duban.meetings import policy
from duban.meetings.documents import pack_docx
from duban.meetings.models import DecisionKind, Meeting, MeetingStatus
from duban.meetings.services import decision_record, meeting_create, meeting_publish
from duban.org.scope import signed_in
from duban.reports.official_docx import DOCX_CONTENT_TYPE
from duban.supervision.filters import FilterError, parse_item_filters
from duban.supervision.models import ProgressReport
from duban.web.forms import StyledForm, apply_domain_error
from duban.web.formview import handle_form, refused_status


class MeetingForm(StyledForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120, initial="督办工作调度会")
    held_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    chair = forms.CharField(label=gettext_lazy("Chaired by"), max_length=60, required=False)
    selection = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_selection(self) -> str:
        text = str(self.cleaned_data.get("selection") or "")
        try:
            parse_item_filters(QueryDict(text))
        except FilterError as error:
            raise forms.ValidationError("；".join(error.fields.values())) from error
        return text


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=DecisionKind.choices)
    text = forms.CharField(label=gettext_lazy("What was decided"), max_length=500, required=False)
    new_deadline = forms.DateField(
        label=gettext_lazy("New deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _access(request: HttpRequest, meeting_id: int) -> Meeting:
    try:
        return policy.access_meeting(signed_in(request.user), meeting_id)
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Meetings, newest first; the office prepares one from the ledger's current filter (``?selection=``)."""
    user = signed_in(request.user)
    if not policy.may_read(user):
        raise Http404
    if request.method == "POST" and not policy.may_run(user):
        raise Http404
    selection = request.POST.get("selection") or request.GET.get("selection", "")
    form = MeetingForm(request.POST or None, initial={"held_on": clock.today(), "selection": selection})
    page = Paginator(policy.meetings_visible(user).defer("minutes"), 20).get_page(request.GET.get("page"))
    return handle_form(
        request,
        form=form,
        perform=lambda d: meeting_create(
            actor=user,
            title=d["title"],
            held_on=d["held_on"],
            chair=d["chair"],
            filters=parse_item_filters(QueryDict(d["selection"])),
            selection=d["selection"],
        ),
        done=lambda m: _("The meeting is prepared with %(n)d items.") % {"n": m.agenda.count()},
        then=lambda m: reverse("meetings:detail", args=[m.pk]),
        template="meetings/meeting_list.html",
        context={"page": page, "may_run": policy.may_run(user), "selection": selection},
    )


def _agenda(request: HttpRequest, meeting: Meeting) -> list[Any]:
    latest = (
        ProgressReport.objects.filter(item=OuterRef("item_id"))  # scoped: correlated to the agenda's items
        .order_by("-submitted_at", "-id")
        .values("text")
    )
    return list(
        policy.agenda_visible(signed_in(request.user), meeting)
        .select_related("item", "item__lead_unit", "item__leader", "new_item")
        .annotate(latest=Subquery(latest[:1]))
        .order_by("position")
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _access(request, meeting_id)
    user = signed_in(request.user)
    may_decide = policy.may_run(user) and meeting.status == MeetingStatus.PREPARED
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": _agenda(request, meeting),
            "may_decide": may_decide,
            "may_run": policy.may_run(user),
            "decision_form": DecisionForm(),
            "published": meeting.status == MeetingStatus.PUBLISHED,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, meeting_id: int, entry_id: int) -> HttpResponse:
    """Record the decision on one agenda item (the office); it lands on the item at once."""
    user = signed_in(request.user)
    meeting = _access(request, meeting_id)
    if not policy.may_run(user):
        raise Http404
    try:
        entry = policy.access_entry(user, meeting, entry_id)
    except NotFound as exc:
        raise Http404 from exc
    form = DecisionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            decision_record(
                actor=user,
                entry=entry,
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["text"],
                new_deadline=form.cleaned_data["new_deadline"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
            status = refused_status(error)
        else:
            messages.success(request, _("Decision recorded on %(number)s.") % {"number": entry.item.number})
            return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#entry-{entry.pk}")
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": _agenda(request, meeting),
            "may_decide": True,
            "may_run": True,
            "decision_form": DecisionForm(),
            "failed_entry": entry.pk,
            "failed_form": form,
        },
        status=status,
    )


@login_required
@require_POST
def publish(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = signed_in(request.user)
    meeting = _access(request, meeting_id)
    if not policy.may_run(user):
        raise Http404
    try:
        meeting_publish(actor=user, meeting=meeting)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The minutes are published."))
    return redirect("meetings:detail", meeting.pk)


def _docx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(name)
    return response


@login_required
@require_GET
def pack(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting pack, over the agenda items the reader may see."""
    meeting = _access(request, meeting_id)
    return _docx(pack_docx(meeting, _agenda(request, meeting)), f"{meeting.title}-会议材料.docx")


@login_required
@require_GET
def minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _access(request, meeting_id)
    if meeting.minutes is None:
        raise Http404
    return _docx(bytes(meeting.minutes), f"{meeting.title}-会议纪要.docx")
