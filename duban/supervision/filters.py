"""Ledger filters (台账筛选): one typed spec and one parser for the ledger page, its export and the API.

The ledger page, the Excel export of the same page and ``GET /api/v1/supervision/items``
read their query string with :func:`parse_item_filters` alone, and
:func:`duban.supervision.selectors.item_list` applies the result, so one query string
gives the same rows in the same order everywhere. Parameters (repeat the multi-choice ones):

==============  =================================================================
``q``           keywords, all must match (Chinese substrings, no segmentation)
``source``      source ids (multi)
``unit``        lead or cooperating unit ids (multi)
``lead``        lead unit ids only (multi): the statistics' and cockpit's "by unit" lists
``leader``      leader-in-charge person ids (multi)
``state``       workflow states (multi), e.g. ``assigned``
``light``       stored light colours (multi): green, blue, yellow, orange, red
``deadline_from`` / ``deadline_to``   ISO dates, both ends included
``tag``         a tag name
``overdue``     ``1``: open and past the deadline
``roots``       ``1``: top-level items only
``preset``      ``mine`` / ``overdue`` / ``due_week`` (see :class:`Preset`)
``sort``        ``number``, ``deadline``, ``light``, ``unit``, ``state``; ``-`` in front for descending
``size``        rows per page: 20, 50, 100 or 200
``page``        page number, from 1
==============  =================================================================

Empty values are ignored (a form sends ``unit=`` for "any"); any other value that
cannot be read is refused with a message naming the parameter, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core import clock
from duban.core.errors import DomainError, ErrorCode
from duban.core.inputs import MAX_ID, text_problem
from duban.supervision.workflow import ACTIVE, State

PAGE_SIZES = (20, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
LIGHT_VALUES = ("green", "blue", "yellow", "orange", "red")
MAX_KEYWORD = 100
MAX_TAG = 40
OPEN_STATE_VALUES = tuple(s.value for s in ACTIVE)  # in workflow order
# The last page whose first row's offset a 64-bit column can still hold (with the largest page size).
MAX_PAGE = MAX_ID // max(PAGE_SIZES)


class Preset(StrEnum):
    """Ready-made filters (常用筛选); they fill only what the query string leaves open.

    - ``mine`` (我的在办事项): the five open states; the viewer's scope makes them theirs
      (a liaison's unit, a leader's portfolio).
    - ``overdue`` (已逾期): open and past the deadline.
    - ``due_week`` (本周到期): open, deadline from today to this Sunday (the week is
      Monday–Sunday of ``clock.today()``); what is already past is ``overdue``.
    """

    MINE = "mine"
    OVERDUE = "overdue"
    DUE_WEEK = "due_week"


PRESET_LABELS: dict[Preset, str | Promise] = {
    Preset.MINE: gettext_lazy("My open items"),
    Preset.OVERDUE: gettext_lazy("Overdue"),
    Preset.DUE_WEEK: gettext_lazy("Due this week"),
}


class SortKey(StrEnum):
    """The columns the ledger sorts by; ``number`` is the ledger (tree) order."""

    NUMBER = "number"
    DEADLINE = "deadline"
    LIGHT = "light"  # ascending is worst first: red, orange, yellow, blue, green, none
    UNIT = "unit"  # lead unit, in the organisation's order
    STATE = "state"  # workflow order


PARAM_LABELS: dict[str, str | Promise] = {
    "q": gettext_lazy("Keyword"),
    "source": gettext_lazy("Source"),
    "unit": gettext_lazy("Unit"),
    "lead": gettext_lazy("Lead unit"),
    "leader": gettext_lazy("Leader in charge"),
    "state": gettext_lazy("Status"),
    "light": gettext_lazy("Light"),
    "deadline_from": gettext_lazy("Deadline from"),
    "deadline_to": gettext_lazy("Deadline to"),
    "tag": gettext_lazy("Tag"),
    "overdue": gettext_lazy("Overdue only"),
    "roots": gettext_lazy("Top-level items only"),
    "preset": gettext_lazy("Preset"),
    "sort": gettext_lazy("Sort"),
    "size": gettext_lazy("Page size"),
    "page": gettext_lazy("Page"),
}


@dataclass(frozen=True)
class ItemFilters:
    """What rows of the ledger, in which order, how many per page (SPEC B "Search and filters")."""

    sources: tuple[int, ...] = ()
    units: tuple[int, ...] = ()  # lead or cooperating
    lead_units: tuple[int, ...] = ()  # lead only
    leaders: tuple[int, ...] = ()
    states: tuple[str, ...] = ()
    lights: tuple[str, ...] = ()
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    tag: str = ""
    q: str = ""  # Chinese keyword: substring match, no word segmentation needed
    overdue_only: bool = False  # open and deadline before today
    roots_only: bool = False
    preset: Preset | None = None  # which preset filled the fields (for the page to highlight)
    sort: SortKey = SortKey.NUMBER
    descending: bool = False
    page_size: int = DEFAULT_PAGE_SIZE
    page: int = 1

    @property
    def sort_param(self) -> str:
        """The ``sort`` value that asks for this order (``-deadline``)."""
        return f"-{self.sort.value}" if self.descending else self.sort.value

    @property
    def in_ledger_order(self) -> bool:
        """Rows come in tree order, so the page may indent them and group them by source."""
        return self.sort == SortKey.NUMBER and not self.descending


class FilterError(DomainError):
    """A query-string value that cannot be read; ``fields`` maps each parameter to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(ErrorCode.INVALID, " ".join(errors.values()), fields=errors)


def _whole(value: str, maximum: int) -> int | None:
    """The whole number 1 … ``maximum`` the text spells in ASCII digits, else ``None``.

    The length is checked first: ``int()`` of thousands of digits is slow, then refused.
    """
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if 0 < number <= maximum else None


@dataclass
class _Reader:
    """Reads one query string, collecting a message per unreadable parameter."""

    query: QueryDict
    errors: dict[str, str] = field(default_factory=dict)

    def values(self, param: str) -> list[str]:
        return [v.strip() for v in self.query.getlist(param) if v.strip()]

    def one(self, param: str) -> str:
        values = self.values(param)
        return values[-1] if values else ""

    def fail(self, param: str, message: str, **values: object) -> None:
        self.errors.setdefault(param, message % {"label": PARAM_LABELS[param], "param": param, **values})

    def ids(self, param: str) -> tuple[int, ...]:
        good: list[int] = []
        for value in self.values(param):
            number = _whole(value, MAX_ID)
            if number is not None:
                good.append(number)
            else:
                self.fail(param, _("%(label)s (%(param)s): “%(value)s” is not a valid id."), value=value)
        return tuple(dict.fromkeys(good))

    def choices(self, param: str, allowed: Sequence[str]) -> tuple[str, ...]:
        good = [v for v in self.values(param) if v in allowed]
        for value in self.values(param):
            if value not in allowed:
                self.fail(
                    param,
                    _("%(label)s (%(param)s): “%(value)s” is not one of %(choices)s."),
                    value=value,
                    choices=", ".join(allowed),
                )
        return tuple(dict.fromkeys(good))

    def date(self, param: str) -> dt.date | None:
        value = self.one(param)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(param, _("%(label)s (%(param)s): “%(value)s” is not a date (YYYY-MM-DD)."), value=value)
            return None

    def text(self, param: str, max_length: int) -> str:
        value = self.one(param)
        problem = text_problem(value)
        if problem is not None:
            self.fail(param, _("%(label)s (%(param)s): %(problem)s"), problem=problem)
            return ""
        if len(value) > max_length:
            self.fail(param, _("%(label)s (%(param)s): at most %(max)d characters."), max=max_length)
            return ""
        return value

    def flag(self, param: str) -> bool:
        value = self.one(param).lower()
        if value in ("", "0", "false", "off", "no"):
            return False
        if value in ("1", "true", "on", "yes"):
            return True
        self.fail(param, _("%(label)s (%(param)s): “%(value)s” is not 1 or 0."), value=value)
        return False

    def number(self, param: str, *, default: int, allowed: Sequence[int] = (), maximum: int = MAX_ID) -> int:
        value = self.one(param)
        if not value:
            return default
        number = _whole(value, maximum)
        if number is not None and (not allowed or number in allowed):
            return number
        if allowed:
            self.fail(
                param,
                _("%(label)s (%(param)s): “%(value)s” is not one of %(choices)s."),
                value=value,
                choices=", ".join(str(a) for a in allowed),
            )
        else:
            self.fail(
                param,
                _("%(label)s (%(param)s): “%(value)s” is not a whole number from 1 to %(max)d."),
                value=value,
                max=maximum,
            )
        return default


def parse_item_filters(query: QueryDict, *, today: dt.date | None = None) -> ItemFilters:
    """The ledger filters of a query string; :class:`FilterError` names every unreadable parameter.

    ``today`` (default ``clock.today()``) anchors the ``due_week`` preset.
    """
    read = _Reader(query)
    preset_value = read.choices("preset", [p.value for p in Preset])
    sort_value = read.choices("sort", [p + k.value for k in SortKey for p in ("", "-")])
    filters = ItemFilters(
        sources=read.ids("source"),
        units=read.ids("unit"),
        lead_units=read.ids("lead"),
        leaders=read.ids("leader"),
        states=read.choices("state", [s.value for s in State]),
        lights=read.choices("light", LIGHT_VALUES),
        deadline_from=read.date("deadline_from"),
        deadline_to=read.date("deadline_to"),
        tag=read.text("tag", MAX_TAG),
        q=read.text("q", MAX_KEYWORD),
        overdue_only=read.flag("overdue"),
        roots_only=read.flag("roots"),
        preset=Preset(preset_value[-1]) if preset_value else None,
        sort=SortKey(sort_value[-1].lstrip("-")) if sort_value else SortKey.NUMBER,
        descending=bool(sort_value) and sort_value[-1].startswith("-"),
        page_size=read.number("size", default=DEFAULT_PAGE_SIZE, allowed=PAGE_SIZES),
        page=read.number("page", default=1, maximum=MAX_PAGE),
    )
    if filters.deadline_from and filters.deadline_to and filters.deadline_from > filters.deadline_to:
        read.fail("deadline_to", _("%(label)s (%(param)s): earlier than the deadline from."))
    if read.errors:
        raise FilterError(read.errors)
    return apply_preset(filters, today=today or clock.today())


def apply_preset(filters: ItemFilters, *, today: dt.date) -> ItemFilters:
    """Fill what the preset stands for into the fields the query string left open."""
    if filters.preset is None:
        return filters
    states = filters.states or OPEN_STATE_VALUES
    if filters.preset == Preset.MINE:
        return replace(filters, states=states)
    if filters.preset == Preset.OVERDUE:
        return replace(filters, overdue_only=True)
    sunday = today + dt.timedelta(days=6 - today.weekday())
    return replace(
        filters,
        states=states,
        deadline_from=filters.deadline_from or today,
        deadline_to=filters.deadline_to or sunday,
    )
