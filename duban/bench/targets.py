"""What ``duban bench web`` asks for, on a generated database: users, items, URLs, logins.

The cases stand for what people wait for most (SPEC "Speed and scale"):

- ``liaison_open``: a liaison's open items (the busiest unit's), by deadline, first page;
- ``overdue_all``: the overdue items of every unit (a supervisor), by deadline;
- ``item_page``: an item's page with its sub-items and progress reports;
- ``portfolio``: a leader in charge's portfolio (分管领导的事项);
- ``api_list``: the API list of the same liaison's open items, 25 rows;
- ``api_create``: registering an item through the API (a supervisor's token).

Pages of apps still being built join through :data:`EXTENSIONS` as soon as their
URL names resolve (the generated data may not hold their rows yet: then
they measure the empty page). The users are signed in with a session (cookie) or a token,
written through the ordinary paths (``login``, ``token_create``), so what the
benchmark reads is what a browser or a client would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, reverse

from duban.accounts.services import token_create
from duban.core.roles import Role
from duban.org import scope
from duban.org.models import LeaderUnit, User
from duban.supervision.models import Item, ProgressReport, Source
from duban.supervision.services.source import source_create
from duban.supervision.workflow import OPEN_STATES

from .wrk import Request

API_ROWS = 25  # the peer's page size (Redmine's issues.json limit=25)
LEDGER_ROWS = 50  # the ledger's default page
BENCH_SOURCE = "基准压测：接口新增事项"

# (case, URL name, role whose user opens it): pages other apps are building; each joins
# the run once its URL name resolves. Add a line here when a page arrives.
EXTENSIONS: tuple[tuple[str, str, Role], ...] = (
    ("cockpit", "reports:cockpit", Role.TOP_LEADER),
    ("statistics", "reports:statistics", Role.SUPERVISOR),
    ("indicators", "indicators:overview", Role.LEADER),
    ("evaluation", "evaluation:home", Role.SUPERVISOR),
    ("projects", "projects:ledger", Role.SUPERVISOR),
)


@dataclass(frozen=True)
class Targets:
    """The cases to drive (name → request) and the bare baseline's, with the same names."""

    cases: dict[str, Request]
    baseline: dict[str, Request]
    notes: list[str]


def _user(role: Role, **filters: object) -> User:
    user = User.objects.filter(is_active=True, roles__role=role, **filters).order_by("pk").first()
    if user is None:
        raise LookupError(f"no active user with the role {role.value}: is this a generated database?")
    return user


def _busiest_liaison() -> User:
    """The liaison of the unit that leads the most open items (the skewed end of the workload)."""
    busiest = (
        Item.objects.filter(state__in=OPEN_STATES)
        .values("lead_unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "lead_unit_id")
        .values_list("lead_unit_id", flat=True)
    )
    liaisons = User.objects.filter(is_active=True, roles__role=Role.LIAISON)
    for unit_id in busiest[:20]:
        user = liaisons.filter(unit_id=unit_id).order_by("pk").first()
        if user is not None:
            return user
    return _user(Role.LIAISON, unit__isnull=False)


def _busiest_leader() -> User:
    leaders = LeaderUnit.objects.values("leader_id").annotate(n=Count("unit_id")).order_by("-n", "leader_id")
    for row in leaders[:20]:
        user = User.objects.filter(
            is_active=True, roles__role=Role.LEADER, person_id=row["leader_id"]
        ).first()
        if user is not None:
            return user
    return _user(Role.LEADER)


def _detail_item() -> Item:
    """A top-level item with at least two sub-items and five progress reports (Redmine's case c)."""
    parents = (
        Item.objects.filter(parent__isnull=False, parent__parent__isnull=True)
        .values("parent_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .order_by("parent_id")
        .values_list("parent_id", flat=True)
    )
    for parent_id in parents[:500]:
        if ProgressReport.objects.filter(item_id=parent_id).count() >= 5:  # noqa: PLR2004 - the peer's 5 notes
            return Item.objects.get(pk=parent_id)
    raise LookupError("no item with two sub-items and five reports: is this a generated database?")


def session_cookie(user: User) -> str:
    """A signed-in session for the user (as the login page makes it), as a Cookie header value."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def api_token(user: User) -> str:
    _token, raw = token_create(actor=user, name="duban bench web")
    return raw


def _create_body(supervisor: User, lead_unit_id: int) -> str:
    source = Source.objects.filter(title=BENCH_SOURCE).first() or source_create(
        actor=supervisor, kind="inspection", title=BENCH_SOURCE, date=dt.date(2026, 1, 5)
    )
    body = {
        "source_id": source.pk,
        "title": "压测新增事项",
        "lead_unit_id": lead_unit_id,
        "deadline": "2027-06-30",
    }
    return json.dumps(body, ensure_ascii=False)


def _query(params: Mapping[str, object]) -> str:
    return "?" + urlencode(params, doseq=True)


def _extensions(cookies: dict[Role, str], notes: list[str]) -> dict[str, Request]:
    """The pages of :data:`EXTENSIONS` whose URL resolves and whose role has a user here."""
    found: dict[str, Request] = {}
    for name, url_name, role in EXTENSIONS:
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            notes.append(f"{name}: no URL {url_name} yet, not measured")
            continue
        if role not in cookies:
            try:
                cookies[role] = session_cookie(_user(role))
            except LookupError:
                notes.append(f"{name}: no {role.value} user in this database, not measured")
                continue
        found[name] = Request(path, (("Cookie", cookies[role]),))
    return found


def targets() -> Targets:
    """Pick the users and objects, sign them in, and build every case's request."""
    liaison, supervisor, leader = _busiest_liaison(), _user(Role.SUPERVISOR), _busiest_leader()
    item = _detail_item()
    cookies = {
        role: session_cookie(u) for role, u in ((Role.LIAISON, liaison), (Role.SUPERVISOR, supervisor))
    }
    cookies[Role.LEADER] = session_cookie(leader)
    as_liaison, as_supervisor = (("Cookie", cookies[Role.LIAISON]),), (("Cookie", cookies[Role.SUPERVISOR]),)
    liaison_api = (("Authorization", f"Bearer {api_token(liaison)}"),)
    supervisor_api = (("Authorization", f"Bearer {api_token(supervisor)}"),)
    ledger = reverse("supervision:ledger")
    mine = {"preset": "mine", "sort": "deadline"}
    overdue = {"preset": "overdue", "sort": "deadline"}
    create = _create_body(supervisor, liaison.unit_id or 0)
    cases = {
        "liaison_open": Request(ledger + _query({**mine, "size": LEDGER_ROWS}), as_liaison),
        "overdue_all": Request(ledger + _query(overdue), as_supervisor),
        "item_page": Request(reverse("supervision:item_detail", args=[item.pk]), as_supervisor),
        "portfolio": Request(reverse("supervision:portfolio"), (("Cookie", cookies[Role.LEADER]),)),
        "api_list": Request("/api/v1/supervision/items" + _query({**mine, "limit": API_ROWS}), liaison_api),
        "api_create": Request("/api/v1/supervision/items", supervisor_api, create),
    }
    notes: list[str] = []
    cases.update(_extensions(cookies, notes))
    units = sorted(scope.unit_ids_in_scope(liaison) or set())
    states = sorted(s.value for s in OPEN_STATES)
    base = {"unit": units, "state": states}
    baseline = {
        "liaison_open": Request("/ledger" + _query({**base, "limit": LEDGER_ROWS})),
        "api_list": Request("/api" + _query({**base, "limit": API_ROWS})),
    }
    open_count = Item.objects.filter(lead_unit_id__in=units, state__in=OPEN_STATES).count()
    notes.append(
        f"liaison {liaison.username} (units {units}, {open_count:,} open items led), "
        f"leader {leader.username}, supervisor {supervisor.username}, item {item.pk} ({item.number})"
    )
    return Targets(cases, baseline, notes)
