"""The statistics page's query string (period, grouping, order): one form for the page and its export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from duban.reports.statistics.facts import GroupBy
from duban.reports.statistics.figures import Period, Tally
from duban.web.forms import StyledForm

GROUP_LABELS = {
    GroupBy.UNIT: gettext_lazy("By lead unit"),
    GroupBy.LEADER: gettext_lazy("By leader in charge"),
    GroupBy.SOURCE: gettext_lazy("By source"),
}

# Sort keys: the column's value of a row (larger first, except the name).
SORT_KEYS = {
    "name": gettext_lazy("Name"),
    "assigned": pgettext_lazy("statistics", "Assigned"),
    "completed": pgettext_lazy("statistics", "Completed"),
    "on_time_rate": gettext_lazy("On-time rate"),
    "overdue_now": gettext_lazy("Overdue now"),
    "overdue_days": gettext_lazy("Overdue item-days"),
    "report_rate": gettext_lazy("Reports on time"),
}
LONGEST_PERIOD = dt.timedelta(days=3 * 366)


@dataclass(frozen=True)
class StatisticsQuery:
    period: Period
    group_by: GroupBy
    sort: str


def sort_value(tally: Tally, key: str) -> float:
    value = getattr(tally, key)
    return -1.0 if value is None else float(value)


class StatisticsForm(StyledForm):
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    by = forms.ChoiceField(label=gettext_lazy("Group"), choices=list(GROUP_LABELS.items()), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), choices=list(SORT_KEYS.items()), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                self.add_error("end", _("The period ends before it starts."))
            elif end - start > LONGEST_PERIOD:
                self.add_error("end", _("Choose a period of at most three years."))
        return data


def statistics_query(form: StatisticsForm, *, today: dt.date) -> StatisticsQuery:
    """The query of a valid form (``form.is_valid()`` was called and was true)."""
    data = form.cleaned_data
    return StatisticsQuery(
        period=Period.ending(data["start"], data["end"], today=today),
        group_by=GroupBy(data.get("by") or GroupBy.UNIT),
        sort=data.get("sort") or "name",
    )


def default_params(today: dt.date) -> dict[str, str]:
    """This year up to today, by lead unit."""
    return {"start": dt.date(today.year, 1, 1).isoformat(), "end": today.isoformat(), "by": GroupBy.UNIT}
