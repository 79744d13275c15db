"""Bulletin pages (督查通报): the issued list, issuing one, downloading it, adjusting the template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duban.core import clock
from duban.core.downloads import content_disposition
from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org.models import Person, Unit, User
from duban.org.scope import signed_in
from duban.reports import policy
from duban.reports.bulletin.docx import DOCX_CONTENT_TYPE
from duban.reports.models import Bulletin, BulletinTemplate
from duban.reports.services import TEMPLATE_FIELDS, bulletin_issue, bulletin_template_update
from duban.reports.statistics.facts import Within
from duban.reports.statistics.figures import Period
from duban.reports.statistics.params import LONGEST_PERIOD
from duban.web.forms import StyledForm, StyledModelForm
from duban.web.formview import handle_form

PER_PAGE = 20


class BulletinForm(StyledForm):
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(is_active=True).order_by("sort_order", "name"),
        required=False,
        label=gettext_lazy("Only this lead unit"),
    )
    leader = forms.ModelChoiceField(
        queryset=Person.objects.filter(leader_units__isnull=False).distinct().order_by("name"),
        required=False,
        label=gettext_lazy("Only this leader's items"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                self.add_error("end", _("The period ends before it starts."))
            elif end - start > LONGEST_PERIOD:
                self.add_error("end", _("Choose a period of at most three years."))
        if data.get("unit") and data.get("leader"):
            self.add_error("leader", _("Choose a unit or a leader, not both."))
        return data


def _scope(data: dict[str, Any]) -> tuple[Within, str]:
    unit, leader = data.get("unit"), data.get("leader")
    if unit is not None:
        return Within(lead_unit=unit.pk), f"{unit.name}牵头的"
    if leader is not None:
        return Within(leader=leader.pk), f"{leader.name}同志分管的"
    return Within(), ""


def _issue(request: HttpRequest, data: dict[str, Any]) -> Bulletin:
    within, label = _scope(data)
    period = Period.ending(data["start"], data["end"], today=clock.today())
    return bulletin_issue(actor=signed_in(request.user), period=period, within=within, scope_label=label)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_list(request: HttpRequest) -> HttpResponse:
    """Issued bulletins, newest first; the office issues the next one from the same page."""
    user = signed_in(request.user)
    if not policy.may_read_bulletins(user):
        raise Http404
    may_issue = policy.may_issue_bulletin(user)
    if request.method == "POST" and not may_issue:
        raise Http404
    today = clock.today()
    month_start = today.replace(day=1)
    form = BulletinForm(request.POST or None, initial={"start": month_start, "end": today})
    page = Paginator(
        policy.bulletins_visible(user).select_related("issued_by").defer("document"), PER_PAGE
    ).get_page(request.GET.get("page"))
    return handle_form(
        request,
        form=form,
        perform=lambda data: _issue(request, data),
        done=lambda b: _("Bulletin %(number)s issued.") % {"number": b.number},
        then=lambda b: reverse("reports:bulletin_list"),
        template="reports/bulletin_list.html",
        context={"page": page, "may_issue": may_issue},
    )


@login_required
@require_GET
def bulletin_download(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    """The issued document, as it was issued."""
    try:
        bulletin = policy.access_bulletin(signed_in(request.user), bulletin_id)
    except NotFound as exc:
        raise Http404 from exc
    response = HttpResponse(bytes(bulletin.document), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"{bulletin.number}.docx")
    return response


class TemplateForm(StyledModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["weekly_issuer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(is_active=True, roles__role=Role.SUPERVISOR).distinct()

    class Meta:
        model = BulletinTemplate
        fields = [*TEMPLATE_FIELDS, "weekly_issuer"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 5}),
        }


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_template(request: HttpRequest) -> HttpResponse:
    """The office's template: 版头, 文号 and title patterns, the fixed paragraphs."""
    user = signed_in(request.user)
    if not policy.may_issue_bulletin(user):
        raise Http404
    form = TemplateForm(request.POST or None, instance=BulletinTemplate.current())
    return handle_form(
        request,
        form=form,
        perform=lambda data: bulletin_template_update(
            actor=user, weekly_issuer=data["weekly_issuer"], **{k: data[k] for k in TEMPLATE_FIELDS}
        ),
        done=lambda _row: _("The bulletin template is saved."),
        then=lambda _row: reverse("reports:bulletin_list"),
        template="reports/bulletin_template.html",
        context={},
    )
