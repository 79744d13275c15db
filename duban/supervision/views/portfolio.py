"""A leader's portfolio (分管事项): open items they lead or whose units they oversee, by light, paged."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from duban.core import clock
from duban.org.models import LeaderUnit, User
from duban.org.scope import signed_in
from duban.supervision import policy
from duban.supervision.models import Item
from duban.supervision.models.item import RECURRENCE_TEMPLATE
from duban.supervision.services.lights import lights_current
from duban.supervision.views.common import COLOUR_WORDS
from duban.supervision.views.ledger import LedgerRow, calendar_warning, ledger_rows
from duban.supervision.workflow import OPEN_STATES

ORDER = ("red", "orange", "yellow", "blue", "green", "")
PER_PAGE = 100
# Most urgent first: the page order, so each page's groups follow the order of the counts.
SEVERITY = Case(*(When(light=c, then=Value(n)) for n, c in enumerate(ORDER)), default=Value(len(ORDER)))


@dataclass
class LightGroup:
    colour: str
    word: str | Promise
    rows: list[LedgerRow] = field(default_factory=list)


@dataclass(frozen=True)
class LightCount:
    """How many of the portfolio's open items have this light, and the ``light`` value that shows them."""

    colour: str
    word: str | Promise
    count: int

    @property
    def param(self) -> str:
        return self.colour or "none"


def portfolio_items(user: User) -> QuerySet[Item]:
    """Open items the leader leads, or whose lead or cooperating unit they oversee (scoped)."""
    overseen = LeaderUnit.objects.filter(leader_id=user.person_id).values("unit_id")
    mine = Q(leader_id=user.person_id) | Q(lead_unit_id__in=overseen) | Q(cooperating_units__id__in=overseen)
    lights_current()  # groups and counts read the stored light: bring it to today first
    # A recurring template is the schedule, not work: the leader follows its occurrences.
    ids = (policy.items_visible(user).filter(mine, state__in=OPEN_STATES).exclude(RECURRENCE_TEMPLATE)
           .values("pk"))
    return policy.items_visible(user).filter(pk__in=ids)


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    """The portfolio by light, most urgent first, a page at a time; ``light`` shows one colour."""
    user = signed_in(request.user)
    if not policy.may_follow_portfolio(user):
        raise Http404
    items = portfolio_items(user)
    by_light = dict(items.order_by().values_list("light").annotate(n=Count("pk")))
    counts = [LightCount(c, COLOUR_WORDS[c], by_light[c]) for c in ORDER if by_light.get(c)]
    chosen = request.GET.get("light", "")
    colour = "" if chosen == "none" else chosen
    if chosen and colour in ORDER:
        items = items.filter(light=colour)
    page = Paginator(
        items.select_related("source", "lead_unit", "leader")
        .annotate(severity=SEVERITY)
        .order_by("severity", "deadline", "source_id", "path"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    groups = {c: LightGroup(c, COLOUR_WORDS[c]) for c in ORDER}
    rows = ledger_rows(list(page.object_list), today=clock.today())
    for row in rows:
        groups[row.colour if row.colour in groups else ""].rows.append(row)
    context = {
        "groups": [g for g in groups.values() if g.rows], "counts": counts, "page": page,
        "calendar_warning": calendar_warning(rows, today=clock.today()),
        "total": sum(by_light.values()), "light": chosen if colour in ORDER else "",
    }
    return render(request, "supervision/portfolio.html", context)
