"""Forms of the project pages: they parse input; the projects services decide and write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.core.fields import LONG_TEXT_MAX, NOTE_TEXT_MAX, DayFormField, TitleFormField
from duban.core.uploads import WORKBOOKS, UploadField
from duban.projects.models import MonthlyReport, Project
from duban.supervision.forms import DATE, MultipleFileField
from duban.web.forms import StyledForm

MONEY_MAX = Decimal("999999999999.99")
PHOTO_ACCEPT = ".png,.jpg,.jpeg,.gif"


class MonthlyReportForm(StyledForm):
    """A month's report (月度调度): investment in 万元, physical progress, photos, problems."""

    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)]
    )
    month_investment = forms.DecimalField(
        label=_("Investment this month (10,000 yuan)"),
        min_value=Decimal(0),
        max_value=MONEY_MAX,
        decimal_places=2,
    )
    ytd_investment = forms.DecimalField(
        label=_("Investment this year to date (10,000 yuan)"),
        min_value=Decimal(0),
        max_value=MONEY_MAX,
        decimal_places=2,
    )
    progress = forms.CharField(
        label=_("Physical progress"), widget=forms.Textarea(attrs={"rows": 4}), max_length=LONG_TEXT_MAX
    )
    files = MultipleFileField(  # type: ignore[assignment]  # as the service names it
        label=_("Site photos"), help_text=_("PNG, JPEG or GIF; several may be chosen.")
    )
    problems = forms.CharField(
        label=_("Problems needing coordination"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=NOTE_TEXT_MAX,
    )
    supersedes = forms.ModelChoiceField(
        label=_("Corrects report"),
        queryset=MonthlyReport.objects.none(),
        required=False,
        empty_label=_("(a new report)"),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["files"].widget.attrs["accept"] = PHOTO_ACCEPT
        field = self.fields["supersedes"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = project.reports.filter(superseded_by__isnull=True)
        field.label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"{obj.year}-{obj.month:02d} · {obj.submitted_at:%Y-%m-%d} · {obj.ytd_investment}"
        )

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "year": self.project.year,
            "month": data["month"],
            "month_investment": data["month_investment"],
            "ytd_investment": data["ytd_investment"],
            "progress": data["progress"],
            "problems": data.get("problems") or "",
            "files": data.get("files") or [],
            "supersedes": data.get("supersedes"),
        }


class ProblemItemForm(StyledForm):
    """A reported problem as a supervision item: its title and deadline (the rest comes from the project)."""

    title = TitleFormField(label=_("Item title"), max_length=300)
    deadline = DayFormField(label=_("Deadline"), widget=DATE)


def problem_initial(report: MonthlyReport, *, today: dt.date) -> dict[str, Any]:
    """The problem's first line as the title, a month to solve it."""
    first_line = (report.problems.strip().splitlines() or [""])[0]
    return {"title": first_line[:300], "deadline": today + dt.timedelta(days=30)}


class ProjectImportForm(StyledForm):
    file = UploadField(label=_("Project ledger sheet (.xlsx)"), kinds=WORKBOOKS)
