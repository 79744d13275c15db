"""The audit page reads in words (审计日志): actions, states, fields, objects and people in Chinese.

The stored row keeps its codes; the API shows them as stored (tested here too), the
page shows them through the registry the apps fill (duban.audit.describe).
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import Promise

from duban.audit.describe import _field_spec, registered_actions, registered_types
from duban.audit.models import AuditEvent
from duban.audit.services import audit_record
from duban.audit.views import history_url
from duban.core.errors import NOT_FOUND_MESSAGES
from duban.core.roles import Role
from duban.org import services as org_services
from duban.org.models import Unit, User
from duban.supervision.models import Item
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import item_update
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

LIST = reverse("audit:event_list")
ROOT = Path(__file__).resolve().parents[2] / "duban"
ACTION = re.compile(r"(item|report|source|settings|unit|person|user|org|token|ingest|draft)\.[a-z_]+")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _row(response, action: str):  # noqa: ANN001, ANN202 - a test helper over the page context
    (row,) = [r for r in response.context["rows"] if r.event.action == action]
    return row


@pytest.fixture
def item(supervisor: User, unit_a: Unit) -> Item:
    source = make_source(supervisor)
    return make_item(supervisor, source, lead_unit=unit_a, title="推进园区污水管网建设")


def test_a_transition_reads_as_its_action_and_states_in_chinese(supervisor: User, item: Item) -> None:
    # given: the item is assigned (草稿 → 已交办)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    # when
    response = _client(supervisor).get(LIST, {"action": "item.assign"})
    # then: the action, the state change and the object in words, with its ledger number
    row = _row(response, "item.assign")
    assert row.action_label == "交办"
    state = next(c for c in row.changes if c.name == "state")
    assert (state.label, state.shown_before, state.shown_after) == ("状态", "草稿", "已交办")
    assert (state.before, state.after) == ("draft", "assigned")  # the raw codes stay on the row
    assert (row.object_noun, row.object_label) == ("督办事项", "1 推进园区污水管网建设")
    html = response.content.decode()
    assert "草稿" in html and "已交办" in html and ">交办<" in html
    assert "draft → assigned" not in html and "<code>item.assign</code>" not in html


def test_a_field_change_names_the_field_and_the_units_not_ids(
    supervisor: User, item: Item, unit_a: Unit, unit_b: Unit
) -> None:
    # given: the lead unit and the deadline change
    item_update(actor=supervisor, item=item, lead_unit=unit_b, deadline=dt.date(2020, 6, 30))
    # when
    response = _client(supervisor).get(LIST, {"action": "item.update"})
    # then
    row = _row(response, "item.update")
    assert row.action_label == "编辑事项"
    shown = {c.name: (c.label, c.shown_before, c.shown_after) for c in row.changes}
    assert shown["lead_unit_id"] == ("牵头单位", "经济发展局", "张坂镇")
    assert shown["deadline"] == ("完成时限", "2019-12-31", "2020-06-30")
    html = response.content.decode()
    assert "牵头单位" in html and "lead_unit_id</span>" not in html


def test_an_item_is_named_by_its_ledger_number_and_title(supervisor: User, item: Item) -> None:
    # given: a sub-item under the first item
    child = make_item(supervisor, item.source, parent=item, title="完成管网铺设3公里")
    # when: its history is opened
    response = _client(supervisor).get(history_url(child))
    # then: the heading and the rows name it as in the ledger
    html = response.content.decode()
    assert "督办事项“1.1 完成管网铺设3公里”的变更历史" in html
    assert [r.object_label for r in response.context["rows"]] == ["1.1 完成管网铺设3公里"]
    assert [r.action_label for r in response.context["rows"]] == ["立项"]


def test_people_and_roles_read_by_name(admin: User, supervisor: User, unit_a: Unit) -> None:
    # given: a user for a person, with a role
    person = org_services.person_create(actor=admin, name="李四", unit=unit_a, position="科员")
    org_services.user_create(
        actor=admin, username="lisi", password="a-long-passphrase-1", roles=[Role.LIAISON], person=person
    )
    # when
    row = _row(_client(supervisor).get(LIST, {"action": "user.create"}), "user.create")
    # then
    shown = {c.name: c.shown_after for c in row.changes}
    assert row.action_label == "新增用户" and row.object_noun == "用户"
    assert row.object_label == "李四"
    assert shown["person_id"] == "李四（科员）"
    assert shown["unit_id"] == "经济发展局"
    assert shown["roles"] == "承办单位联络员"
    assert shown["is_active"] == "是"


def test_the_api_keeps_the_raw_codes(supervisor: User, item: Item) -> None:
    # given
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    # when
    body = _client(supervisor).get("/api/v1/audit/events", {"action": "item.assign"}).json()
    # then
    (event,) = body["items"]
    assert event["action"] == "item.assign" and event["object_type"] == "supervision.item"
    assert {"name": "state", "before": "draft", "after": "assigned"} in event["changes"]


def _queries(client: Client) -> int:
    client.get(LIST)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST).status_code == 200
    return len(ctx.captured_queries)


def _life(supervisor: User, unit_a: Unit, unit_b: Unit, n: int) -> None:
    """``n`` times: a source, its item created, edited (units) and assigned: four kinds of event."""
    for i in range(n):
        source = make_source(supervisor, title=f"来源{i}")
        item = make_item(supervisor, source, lead_unit=unit_a, title=f"事项{i}")
        item_update(actor=supervisor, item=item, lead_unit=unit_b, cooperating_units=[unit_a])
        item_transition(item=item, action=Action.ASSIGN, actor=supervisor)


def test_the_page_names_everything_in_a_constant_number_of_queries(
    supervisor: User, unit_a: Unit, unit_b: Unit
) -> None:
    # given: a few items through create, edit (units) and assign
    client = _client(supervisor)
    _life(supervisor, unit_a, unit_b, 2)
    small = _queries(client)
    # when: a full page of such events
    _life(supervisor, unit_a, unit_b, 20)
    large = _queries(client)
    # then: one query per object type named, not per row
    assert small == large


def _recorded_actions() -> set[str]:
    """Every literal audit action in the code (``"item.move"``) and the workflow's ``item.<action>``."""
    found = {f"item.{a.value}" for a in Action}
    object_types = {model._meta.label_lower for model in apps.get_models()} | {"org.workbook"}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ACTION.fullmatch(node.value)
            ):
                found.add(node.value)
    return found - object_types


def test_every_recorded_action_has_a_name() -> None:
    # given the actions the code records and those the apps named
    named = set(registered_actions())
    # then none is shown as a bare code
    missing = sorted(_recorded_actions() - named)
    assert not missing, (
        f"audit actions without a name (register them in the app's audit_labels.py): {missing}"
    )


def test_every_not_found_kind_has_a_sentence() -> None:
    # given every NotFound("kind") the code raises
    kinds: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "NotFound"
            ):
                for arg in node.args:
                    if isinstance(arg, ast.Constant):
                        assert isinstance(arg.value, str), f"{path}: NotFound({arg.value!r})"
                        kinds.add(arg.value)
    # then each reads as a whole translated sentence (duban.core.errors.NOT_FOUND_MESSAGES)
    assert kinds, "no NotFound found: the scan is broken"
    assert not sorted(kinds - set(NOT_FOUND_MESSAGES))


def test_the_stored_event_is_unchanged_by_the_page(supervisor: User, item: Item) -> None:
    # given
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    before = list(AuditEvent.objects.values_list("seq", "hash"))
    # when
    _client(supervisor).get(LIST)
    # then
    assert list(AuditEvent.objects.values_list("seq", "hash")) == before


def test_every_field_of_a_described_type_reads_in_words() -> None:
    # given every model the apps describe to the audit page
    untranslated = []
    for object_type in registered_types():
        try:
            model = apps.get_model(object_type)
        except LookupError:
            continue  # a type that is not a model (org.workbook): its keys are registered
        # when each field is looked up as the page does
        for model_field in model._meta.concrete_fields:
            if model_field.name in {"created_at", "updated_at", "password"}:
                continue  # never recorded (audit.services.snapshot)
            label = _field_spec(object_type, model_field.attname).label
            # then its label is translatable (not Django's automatic English name)
            if not isinstance(label, Promise):
                untranslated.append(f"{object_type}.{model_field.name}")
    assert not untranslated, f"fields the audit page would show in English: {untranslated}"


def _csv(client: Client, params: dict[str, str] | None = None) -> list[list[str]]:
    response = client.get(reverse("audit:export"), params or {})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_export_keeps_the_codes_beside_the_words(supervisor: User, item: Item) -> None:
    # given
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    # when
    rows = _csv(_client(supervisor), {"action": "item.assign"})
    # then: a header, and the state line with both the stored codes and the words
    header, *lines = rows
    assert header[3:5] == ["操作代码", "操作"]
    state = next(line for line in lines if line[8] == "state")
    assert state[3:5] == ["item.assign", "交办"]
    assert state[5] == "supervision.item" and state[7] == "1 推进园区污水管网建设"
    assert state[9:] == ["状态", "draft", "assigned", "草稿", "已交办"]


def test_the_export_quotes_what_a_spreadsheet_would_run(supervisor: User, item: Item) -> None:
    # given a title a spreadsheet would read as a formula
    item_update(actor=supervisor, item=item, title="=HYPERLINK(1)")
    # when
    rows = _csv(_client(supervisor), {"action": "item.update"})
    # then it is text
    title = next(line for line in rows[1:] if line[8] == "title")
    assert title[11] == "'=HYPERLINK(1)" and title[13] == "'=HYPERLINK(1)"


def test_the_export_is_for_audit_readers_only(liaison_a: User) -> None:
    assert _client(liaison_a).get(reverse("audit:export")).status_code == 404


def test_reminder_recipients_read_by_name(supervisor: User, liaison_a: User, item: Item) -> None:
    # given a reminder recorded as sent to a user in the app and to a mail address
    with transaction.atomic():
        audit_record(
            actor="system",
            action="item.remind",
            obj=item,
            after={"kind": "overdue", "to": [f"in_app:user:{liaison_a.pk}", "email:a@example.cn"]},
        )
    # when
    row = _row(_client(supervisor).get(LIST, {"action": "item.remind"}), "item.remind")
    # then
    shown = {c.name: c.shown_after for c in row.changes}
    assert row.action_label == "已发送提醒"
    assert liaison_a.person is not None
    assert shown["to"] == f"{liaison_a.person.name}、email:a@example.cn"
    assert shown["kind"] == "催办通知"
