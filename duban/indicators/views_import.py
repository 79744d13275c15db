"""The statistics workbook pages (统计月报导入导出): upload → preview → confirm, and the two exports.

Thin: the import page is :func:`duban.web.importview.handle_import` over the import
services; the exports stream what :mod:`duban.indicators.workbook.export` writes from
the values in the user's scope.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import exceptions as django_exceptions
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duban.core import clock
from duban.core.errors import NotFound, PermissionDenied
from duban.core.uploads import WORKBOOKS, UploadField
from duban.indicators import policy
from duban.indicators.models import PeerSet, Subject, SubjectKind
from duban.indicators.reporting_periods import YEAR_MAX, YEAR_MIN
from duban.indicators.services.imports import PURPOSE, values_import, values_import_preview
from duban.indicators.workbook.export import XLSX_CONTENT_TYPE, city_workbook_export, workbook_export
from duban.org.scope import signed_in
from duban.web.forms import StyledForm
from duban.web.importview import handle_import

P = ParamSpec("P")


def scoped_view(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Login required; the policy's NotFound → 404, PermissionDenied → 403."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise django_exceptions.PermissionDenied(exc.message) from exc

    return login_required(wrapper)


class WorkbookImportForm(StyledForm):
    file = UploadField(label=gettext_lazy("Statistics workbook (.xlsx)"), kinds=WORKBOOKS)
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        help_text=gettext_lazy("For sheets named without a year (1-6月) and without one in their title."),
    )
    subject = forms.ModelChoiceField(
        label=gettext_lazy("Subject of the period sheets"),
        queryset=Subject.objects.none(),
        required=False,
        help_text=gettext_lazy("Left empty: the zone. City sheets name each district themselves."),
    )

    def __init__(self, *args: Any, subjects: QuerySet[Subject], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["subject"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = subjects


def _purpose(data: dict[str, Any]) -> str:
    subject = data.get("subject")
    return f"{PURPOSE}:{data.get('year') or ''}:{subject.pk if subject is not None else ''}"


@scoped_view
@require_http_methods(["GET", "POST"])
def workbook_import(request: HttpRequest) -> HttpResponse:
    """Upload the month's statistics workbook, see what it would add and change, confirm (statisticians)."""
    policy.check_import(request.user)
    actor = signed_in(request.user)
    form = WorkbookImportForm(
        request.POST or None, request.FILES or None, subjects=policy.subjects_visible(request.user)
    )

    def step(perform: Callable[..., Any]) -> Callable[[bytes, str, dict[str, Any]], Any]:
        return lambda data, name, fields: perform(
            actor=actor, data=data, filename=name, subject=fields.get("subject"), year=fields.get("year")
        )

    return handle_import(
        request,
        form=form,
        purpose=_purpose,
        preview=step(values_import_preview),
        perform=step(values_import),
        done=str,
        then=lambda _result: reverse("indicators:overview"),
        template="indicators/import.html",
        context={"export_year": clock.today().year},
    )


def _year_month(request: HttpRequest) -> tuple[int, int]:
    today = clock.today()
    year = request.GET.get("year", "")
    month = request.GET.get("month", "")
    chosen_year = int(year) if year.isdigit() and YEAR_MIN <= int(year) <= YEAR_MAX else today.year
    chosen_month = int(month) if month.isdigit() and 1 <= int(month) <= 12 else 12
    return chosen_year, chosen_month


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    return response


@scoped_view
@require_GET
def workbook_export_view(request: HttpRequest) -> HttpResponse:
    """The zone's months of a year up to ``month`` (?year=2019&month=6), one sheet per month."""
    if not policy.may_export(request.user):
        raise Http404
    year, month = _year_month(request)
    subjects = policy.subjects_visible(request.user)
    subject_id = request.GET.get("subject", "")
    subject = (
        subjects.filter(pk=int(subject_id)).first()
        if subject_id.isdigit()
        else subjects.filter(kind=SubjectKind.ZONE).first()
    )
    if subject is None:
        raise Http404
    data = workbook_export(user=request.user, subject=subject, year=year, months=range(1, month + 1))
    return _download(
        data, _("%(subject)s %(year)d statistics.xlsx") % {"subject": subject.name, "year": year}
    )


@scoped_view
@require_GET
def city_export_view(request: HttpRequest, peer_set_id: int) -> HttpResponse:
    """A peer set's members side by side for a month (?year=2019&month=6)."""
    peer_set: PeerSet = policy.access_peer_set(request.user, peer_set_id)
    year, month = _year_month(request)
    data = city_workbook_export(user=request.user, peer_set=peer_set, year=year, month=month)
    name = _("%(peers)s %(year)d-%(month)d.xlsx") % {"peers": peer_set.name, "year": year, "month": month}
    return _download(data, name)
