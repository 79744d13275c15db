"""Ledger filters of the key projects (项目台账筛选): the page's query string, read and checked.

Parameters (each one value; empty means any): ``q`` (name or number, a substring),
``kind``, ``status``, ``area`` (the 片区 unit's id), ``unit`` (lead or cooperating unit
id), ``leader`` (person id), ``flag`` (``behind`` — both margins —, ``far_behind``,
``not_started``, ``milestone_overdue``, ``report_missing``), ``year`` and ``page``.
A value that cannot be read is refused with a message naming the parameter. The
selector (:func:`duban.projects.selectors.project_ledger_page`) applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core.errors import DomainError, ErrorCode
from duban.core.inputs import MAX_ID, text_problem
from duban.projects.models import ProjectKind, ProjectStatus
from duban.projects.schedule import Flag

MAX_KEYWORD = 100
MAX_PAGE = 100_000
FLAG_VALUES = tuple(f.value for f in Flag)

PARAM_LABELS: dict[str, str | Promise] = {
    "q": gettext_lazy("Keyword"),
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "area": gettext_lazy("Area"),
    "unit": gettext_lazy("Unit"),
    "leader": gettext_lazy("Leader in charge"),
    "flag": gettext_lazy("Flag"),
    "year": gettext_lazy("Plan year"),
    "page": gettext_lazy("Page"),
}


@dataclass(frozen=True)
class ProjectFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    area: int | None = None
    unit: int | None = None
    leader: int | None = None
    flag: str = ""
    year: int | None = None
    page: int = 1


class FilterError(DomainError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(ErrorCode.INVALID, " ".join(errors.values()), fields=errors)


def _number(value: str, maximum: int) -> int | None:
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if 0 < number <= maximum else None


def parse_project_filters(query: QueryDict) -> ProjectFilters:
    """The filters of a query string; :class:`FilterError` names every parameter it cannot read."""
    errors: dict[str, str] = {}

    def one(param: str) -> str:
        return (query.get(param) or "").strip()

    def fail(param: str, message: str) -> None:
        errors[param] = f"{PARAM_LABELS[param]} ({param}): {message}"

    def choice(param: str, allowed: tuple[str, ...]) -> str:
        value = one(param)
        if value and value not in allowed:
            fail(
                param,
                _("“%(value)s” is not one of %(choices)s.") % {"value": value, "choices": ", ".join(allowed)},
            )
            return ""
        return value

    def number(param: str, maximum: int = MAX_ID) -> int | None:
        value = one(param)
        found = _number(value, maximum) if value else None
        if value and found is None:
            fail(param, _("“%(value)s” is not a valid number.") % {"value": value})
        return found

    q = one("q")
    problem = text_problem(q)
    if problem is not None or len(q) > MAX_KEYWORD:
        fail("q", str(problem or _("at most %(max)d characters.") % {"max": MAX_KEYWORD}))
        q = ""
    filters = ProjectFilters(
        q=q,
        kind=choice("kind", tuple(ProjectKind.values)),
        status=choice("status", tuple(ProjectStatus.values)),
        area=number("area"),
        unit=number("unit"),
        leader=number("leader"),
        flag=choice("flag", FLAG_VALUES),
        year=number("year", 2100),
        page=number("page", MAX_PAGE) or 1,
    )
    if errors:
        raise FilterError(errors)
    return filters
