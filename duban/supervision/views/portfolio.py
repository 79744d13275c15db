"""A leader's portfolio (分管事项): open items they lead or whose units they oversee, by light."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from duban.core import clock
from duban.org import scope
from duban.org.models import LeaderUnit
from duban.org.roles import Role
from duban.supervision import policy
from duban.supervision.views.common import COLOUR_WORDS
from duban.supervision.views.ledger import LedgerRow, ledger_rows
from duban.supervision.workflow import OPEN_STATES

ORDER = ("red", "orange", "yellow", "blue", "green", "")
LIMIT = 1000  # a portfolio is tens to hundreds of items; the ledger pages through more


@dataclass
class LightGroup:
    colour: str
    word: str | Promise
    rows: list[LedgerRow] = field(default_factory=list)


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not scope.has_role(user, Role.LEADER, Role.TOP_LEADER) or getattr(user, "person_id", None) is None:
        raise Http404
    overseen = LeaderUnit.objects.filter(leader_id=user.person_id).values("unit_id")
    mine = Q(leader_id=user.person_id) | Q(lead_unit_id__in=overseen) | Q(cooperating_units__id__in=overseen)
    ids = policy.items_visible(user).filter(mine, state__in=OPEN_STATES).values("pk")
    items = list(policy.items_visible(user).filter(pk__in=ids).select_related("source", "lead_unit", "leader")
                 .order_by("deadline", "source_id", "path")[:LIMIT])
    groups = {c: LightGroup(c, COLOUR_WORDS[c]) for c in ORDER}
    for row in ledger_rows(items, today=clock.today()):
        groups[row.colour if row.colour in groups else ""].rows.append(row)
    shown = [g for g in groups.values() if g.rows]
    context = {"groups": shown, "total": len(items), "truncated": len(items) >= LIMIT}
    return render(request, "supervision/portfolio.html", context)
