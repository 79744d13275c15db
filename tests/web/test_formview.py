"""Every form page answers refused input alike (duban/web/formview.py): 400, the form shown again.

The walk is driven by the URLconf: every view that handles a POST is either in
REFUSALS (a refused input for it, posted here) or in BUTTONS (a POST without
input, with the reason); a new form page that is in neither fails the test.
Stale versions answer 409 on both forms that carry one (item edit, actions).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from duban.core import clock
from duban.core.roles import Role
from duban.org.models import Unit, User
from duban.projects.models import MonthlyReport, Project
from duban.supervision.models import Item, Source
from duban.supervision.services.reminders import robot_channel_save
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.org.factories import make_person, make_unit, make_user
from tests.projects.factories import make_officer, make_project, make_report
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

# POST endpoints without a form to refuse (a button or a link's confirmation), and why.
BUTTONS = {
    "accounts:logout": "a button",
    "accounts:token_revoke": "a button",
    "audit:verify": "a button: verify the chain",
    "supervision:ledger_bulk": "checkboxes on the ledger; a refusal goes back to the ledger as a message",
    "supervision:milestone_done": "a button (asks first)",
    "supervision:notifications_read_all": "a button",
    "supervision:notification_read": "a button",
    "supervision_config:robot_delete": "a button",
    "supervision_config:robot_test": "a button",
    "supervision_config:delivery_retry": "a button",
    "ingest:review": "checkboxes over drafts; tested in tests/ingest",
    "meetings:decide": "one form per agenda item of a meeting; refusals tested in tests/meetings",
    "meetings:publish": "a button (asks first)",
    "set_language": "django's language switch",
    "indicators:value_new": "a form over an indicator's figures; refusals in tests/indicators/views",
    "indicators:value_correct": "a form over an indicator's figures; refusals in tests/indicators/views",
    "indicators:warning_item": "a button on a warning; refusals in tests/indicators/views",
    "evaluation:what_if": "a what-if over a scheme's figures; refusals (400) in tests/evaluation/views",
    "projects:milestone_done": "a button on a project's node; refusals go back as a message",
}


@dataclass
class World:
    admin: User
    supervisor: User
    liaison: User
    leader: User
    unit: Unit
    source: Source
    item: Item
    robot_id: int
    person_id: int
    officer: User
    statistician: User
    project: Project
    report: MonthlyReport


Refusal = Callable[[World], tuple[User | None, str, dict[str, Any]]]  # None: signed out


def _item_form(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": "measure",
        "title": "编制规划",
        "priority": "normal",
        "report_frequency": "none",
        "recurrence": "none",
    }
    data.update(changes)
    return data


REFUSALS: dict[str, Refusal] = {
    "accounts:login": lambda w: (
        None,
        reverse("accounts:login"),
        {"username": "liaison_walk", "password": "x"},
    ),
    "accounts:password_change": lambda w: (
        w.supervisor,
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
    ),
    "accounts:tokens": lambda w: (w.supervisor, reverse("accounts:tokens"), {"name": ""}),
    "accountability:record": lambda w: (
        w.supervisor,
        reverse("accountability:record"),
        {"kind": "interview", "items": [w.item.pk], "reason": ""},
    ),
    "meetings:list": lambda w: (w.supervisor, reverse("meetings:list"), {"title": "", "held_on": "x"}),
    "reports:bulletin_list": lambda w: (w.supervisor, reverse("reports:bulletin_list"), {"start": "x"}),
    "reports:bulletin_template": lambda w: (
        w.supervisor, reverse("reports:bulletin_template"), {"issuer": "", "number_format": ""},
    ),
    "org:unit_create": lambda w: (w.admin, reverse("org:unit_create"), {"name": "", "kind": "department"}),
    "org:unit_edit": lambda w: (w.admin, reverse("org:unit_edit", args=[w.unit.pk]), {"name": ""}),
    "org:person_create": lambda w: (w.admin, reverse("org:person_create"), {"name": ""}),
    "org:person_edit": lambda w: (w.admin, reverse("org:person_edit", args=[w.person_id]), {"name": ""}),
    "org:user_create": lambda w: (w.admin, reverse("org:user_create"), {"username": ""}),
    "org:user_edit": lambda w: (w.admin, reverse("org:user_edit", args=[w.liaison.pk]), {"email": "nope"}),
    "org:user_password_reset": lambda w: (
        w.admin,
        reverse("org:user_password_reset", args=[w.liaison.pk]),
        {"new_password1": "a", "new_password2": "b"},
    ),
    "org:import": lambda w: (w.admin, reverse("org:import"), {}),
    "reports:ledger_import": lambda w: (
        w.supervisor,
        reverse("reports:ledger_import"),
        {"source": w.source.pk},
    ),
    "supervision:source_new": lambda w: (
        w.supervisor,
        reverse("supervision:source_new"),
        {"kind": "meeting", "title": "\u200b ", "date": "2019-03-01", "sign_off_mode": "single"},
    ),
    "supervision:source_edit": lambda w: (
        w.supervisor,
        reverse("supervision:source_edit", args=[w.source.pk]),
        {"kind": "meeting", "title": "会议", "date": "9999-12-31", "sign_off_mode": "single"},
    ),
    "supervision:item_new": lambda w: (
        w.supervisor,
        reverse("supervision:item_new", args=[w.source.pk]),
        _item_form(title="\u200b\u200b"),
    ),
    "supervision:item_edit": lambda w: (
        w.supervisor,
        reverse("supervision:item_edit", args=[w.item.pk]),
        _item_form(deadline="9999-12-31", deadline_reason="调整", version=w.item.version),
    ),
    "supervision:item_move": lambda w: (
        w.supervisor,
        reverse("supervision:item_move", args=[w.item.pk]),
        {"position": "x"},
    ),
    "supervision:item_action": lambda w: (
        w.liaison,
        reverse("supervision:item_action", args=[w.item.pk, Action.REQUEST_EXTENSION.value]),
        {"comment": "需要时间", "new_deadline": "9999-12-31", "version": w.item.version},
    ),
    "supervision:report_new": lambda w: (
        w.liaison,
        reverse("supervision:report_new", args=[w.item.pk]),
        {"text": "", "percent": "200"},
    ),
    "supervision:instruction_new": lambda w: (
        w.leader,
        reverse("supervision:instruction_new", args=[w.item.pk]),
        {"text": ""},
    ),
    "supervision:judgement_edit": lambda w: (
        w.supervisor,
        reverse("supervision:judgement_edit", args=[w.item.pk]),
        {"grade": "purple"},
    ),
    "supervision:milestone_new": lambda w: (
        w.supervisor,
        reverse("supervision:milestone_new", args=[w.item.pk]),
        {"due": "2019-09-30", "title": "初稿", "percent": "200"},
    ),
    "supervision:followup_schedule": lambda w: (
        w.supervisor,
        reverse("supervision:followup_schedule", args=[w.item.pk]),
        {"date": "9999-12-31"},
    ),
    "supervision:followup_record": lambda w: (
        w.supervisor,
        reverse("supervision:followup_record", args=[w.item.pk]),
        {"relapsed": "maybe"},
    ),
    "supervision:urge_new": lambda w: (
        w.supervisor,
        reverse("supervision:urge_new", args=[w.item.pk]),
        {"message": "催" * 501},
    ),
    "supervision_config:home": lambda w: (
        w.supervisor,
        reverse("supervision_config:home"),
        {"form": "lights", "lights-yellow_days": "x"},
    ),
    "supervision_config:robot_new": lambda w: (
        w.supervisor,
        reverse("supervision_config:robot_new"),
        {"name": "", "webhook_url": "nope"},
    ),
    "supervision_config:robot_edit": lambda w: (
        w.supervisor,
        reverse("supervision_config:robot_edit", args=[w.robot_id]),
        {"name": "督查室群", "kind": "wecom", "webhook_url": "nope"},
    ),
    "ingest:run_list": lambda w: (w.supervisor, reverse("ingest:run_list"), {"ref_date": "2019-03-01"}),
    "projects:import": lambda w: (w.officer, reverse("projects:import"), {"year": "2019"}),
    "projects:report_import": lambda w: (
        w.liaison,
        reverse("projects:report_import"),
        {"year": "2019", "month": "13"},
    ),
    "projects:report_new": lambda w: (
        w.liaison,
        reverse("projects:report_new", args=[w.project.pk]),
        {"month": "7", "month_investment": "x", "ytd_investment": "-1"},
    ),
    "projects:problem_to_item": lambda w: (
        w.supervisor,
        reverse("projects:problem_to_item", args=[w.project.pk, w.report.pk]),
        {"title": "", "deadline": "x"},
    ),
    "indicators:import": lambda w: (w.statistician, reverse("indicators:import"), {"year": "1"}),
}


def _post_views() -> set[str]:
    """URL names whose view reads a POST (by its source: handle_form, request.POST, require_POST)."""
    found: set[str] = set()

    def walk(resolver: URLResolver, namespace: str | None) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if "api" not in str(entry.pattern):
                    walk(entry, entry.namespace or namespace)
                continue
            assert isinstance(entry, URLPattern)
            view = inspect.unwrap(entry.callback)
            view = getattr(view, "view_class", view)
            try:
                source = inspect.getsource(view)
            except (OSError, TypeError):
                source = ""
            reads_post = any(s in source for s in ("POST", "handle_form", "post("))
            if reads_post or getattr(entry.callback, "view_class", None) is not None:
                found.add(f"{namespace}:{entry.name}" if namespace else str(entry.name))

    walk(get_resolver(), None)
    return found


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with clock.frozen(dt.date(2019, 7, 31)):
        yield


@pytest.fixture
def world(admin: User, supervisor: User) -> World:
    unit = make_unit(name="经济发展局")
    liaison = make_user(Role.LIAISON, unit=unit, username="liaison_walk")
    leader = make_user(Role.LEADER, oversees=(unit,), username="leader_walk")
    source = make_source(supervisor)
    item = make_item(supervisor, source, lead_unit=unit, start_date=dt.date(2019, 1, 14))
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison)
    item.refresh_from_db()
    officer = make_officer(username="officer_walk")
    project = make_project(officer, unit)
    robot = robot_channel_save(
        actor=supervisor,
        name="督查室群",
        kind="wecom",
        webhook_url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    )
    return World(
        admin=admin,
        supervisor=supervisor,
        liaison=liaison,
        leader=leader,
        unit=unit,
        source=source,
        item=item,
        robot_id=robot.pk,
        person_id=make_person(unit=unit).pk,
        officer=officer,
        statistician=make_user(Role.STATISTICIAN, username="statistician_walk"),
        project=project,
        report=make_report(liaison, project, 6, 600, problems="用地待协调"),
    )


def test_every_form_page_is_walked() -> None:
    # given the URLconf's POST views, when compared with the walk's tables
    pages = _post_views()
    # then each is either refused below or a button with a reason, and the tables name no stale page
    assert pages - set(REFUSALS) - set(BUTTONS) == set()
    assert (set(REFUSALS) | set(BUTTONS)) - pages == set()


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refused_input_answers_400_with_the_form(world: World, name: str) -> None:
    user, url, data = REFUSALS[name](world)
    client = Client()
    if user is not None:
        client.force_login(user)
    # when
    response = client.post(url, data)
    # then
    assert response.status_code == 400, (name, response.status_code)
    assert "<form" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "url_of", "user_of", "data_of"),
    [
        (
            "item edit",
            lambda w: reverse("supervision:item_edit", args=[w.item.pk]),
            lambda w: w.supervisor,
            lambda w: _item_form(lead_unit=w.unit.pk, deadline="2019-12-31", version=w.item.version - 1),
        ),
        (
            "action",
            lambda w: reverse("supervision:item_action", args=[w.item.pk, Action.START.value]),
            lambda w: w.liaison,
            lambda w: {"version": w.item.version - 1},
        ),
    ],
)
def test_a_stale_version_answers_409(
    world: World, name: str, url_of: Any, user_of: Any, data_of: Any
) -> None:
    client = Client()
    client.force_login(user_of(world))
    # when
    response = client.post(url_of(world), data_of(world))
    # then
    assert response.status_code == 409, name
    assert "<form" in response.content.decode()
