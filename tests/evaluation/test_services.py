"""Evaluation writes: scheme import, values, events, scenarios — policy, audit, nothing half-written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, NotFound, PermissionDenied
from duban.core.roles import Role
from duban.evaluation.models import (
    EvaluationValue,
    Scenario,
    Scheme,
    SchemeAdjustment,
    SchemeNode,
    SchemeSubject,
)
from duban.evaluation.services import (
    ChangeSpec,
    adjustment_event_record,
    evaluation_value_enter,
    scenario_delete,
    scenario_save,
    scheme_import,
)
from duban.org.models import User
from tests.evaluation.factories import NAMES, hand_scheme_json, make_hand_scheme
from tests.indicators.factories import SubjectFactory
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def statistician() -> User:
    return make_user(Role.STATISTICIAN, username="stat1")


def test_import_stores_the_tree_and_audits(statistician: User) -> None:
    # given / when
    scheme, subjects, definition = make_hand_scheme(statistician)
    # then the tree, its links, the items and the subjects are stored
    nodes = {n.code: n for n in SchemeNode.objects.filter(scheme=scheme)}
    assert set(nodes) == {"S", "Q", "I1", "I2", "I3", "I4"}
    assert nodes["I1"].parent_id == nodes["S"].pk and nodes["I1"].indicator_id == definition.pk
    assert nodes["I4"].params == {"table": [1, 0.6, 0.3]} and nodes["I4"].direction == "lower"
    assert SchemeAdjustment.objects.get(scheme=scheme).category_id == nodes["Q"].pk
    groups = dict(SchemeSubject.objects.filter(scheme=scheme).values_list("subject__name", "group"))
    assert groups == {"甲开发区": "北片", "乙开发区": "北片", "丙开发区": "南片"}
    event = AuditEvent.objects.get(action="evaluation_scheme.import")
    assert event.object_id == str(scheme.pk)
    assert event.after is not None and event.after["nodes"] == 6


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["categories"][0]["children"][0].update(weight=50), "S 规模", "合计为 80，应为 70"),
        (
            lambda d: d["categories"][1]["children"][1].update(method="magic"),
            "categories[1].children[1].method",
            "",
        ),
        (lambda d: d["categories"][0].update(weight="七十"), "categories[0].weight", "请填写数字"),
        (lambda d: d["subjects"].append({"name": "无此区"}), "subjects[3].name", "无此区"),
        (
            lambda d: d["categories"][0]["children"][1].update(indicator="NOPE"),
            "categories[0].children[1].indicator",
            "",
        ),
        (lambda d: d["categories"][1]["children"][0].update(params={"cap": 0.5}), "I3", "封顶"),
    ],
)
def test_bad_scheme_is_refused_naming_the_place_and_nothing_is_written(
    statistician: User, change: object, field: str, words: str
) -> None:
    # given a scheme with one mistake
    for name in NAMES.values():
        SubjectFactory.create(name=name)
    data = hand_scheme_json([(name, "") for name in NAMES.values()])
    change(data)  # type: ignore[operator]
    # when it is imported
    with pytest.raises(DomainError) as caught:
        scheme_import(actor=statistician, data=data)
    # then the message names the place, in Chinese, and nothing is stored
    assert field in caught.value.fields, caught.value.fields
    assert words in caught.value.message
    assert not Scheme.objects.exists() and not SchemeNode.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation_scheme.import").exists()


def test_same_scheme_twice_a_year_is_refused(statistician: User) -> None:
    make_hand_scheme(statistician)
    with pytest.raises(DomainError) as caught:
        scheme_import(actor=statistician, data=hand_scheme_json([]))
    assert "2019 年已有评价体系" in caught.value.message


@pytest.mark.parametrize("role", [Role.LIAISON, Role.LEADER, Role.TOP_LEADER, Role.PROJECT_OFFICER])
def test_only_supervisor_or_statistician_writes(role: Role) -> None:
    with pytest.raises(PermissionDenied) as caught:
        scheme_import(actor=make_user(role), data=hand_scheme_json([]))
    assert caught.value.message == "只有督查室或统计员可以修改考核评价。"


def test_supervisor_writes_too() -> None:
    assert scheme_import(actor=make_user(Role.SUPERVISOR), data=hand_scheme_json([])).pk


def test_value_enter_replaces_and_audits_before_and_after(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    node = SchemeNode.objects.get(scheme=scheme, code="I2")
    # when a value is entered again
    evaluation_value_enter(actor=statistician, node=node, subject=subjects["A"], value=Decimal("1.5"))
    # then it replaces the first, and the audit row keeps both
    row = EvaluationValue.objects.get(node=node, subject=subjects["A"])
    assert row.value == Decimal("1.5")
    event = AuditEvent.objects.filter(action="evaluation_value.enter").order_by("-seq").first()
    assert event is not None and event.before == {"value": "1.0000", "target": None}


def test_value_of_a_category_or_an_outsider_is_refused(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    category = SchemeNode.objects.get(scheme=scheme, code="S")
    with pytest.raises(DomainError, match="是类别"):
        evaluation_value_enter(actor=statistician, node=category, subject=subjects["A"], value=Decimal(1))
    outsider = SubjectFactory.create(name="外省开发区")
    node = SchemeNode.objects.get(scheme=scheme, code="I2")
    with pytest.raises(DomainError, match="不是本评价体系的评价对象"):
        evaluation_value_enter(actor=statistician, node=node, subject=outsider, value=Decimal(1))


def test_event_record_audits(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    item = SchemeAdjustment.objects.get(scheme=scheme)
    event = adjustment_event_record(actor=statistician, adjustment=item, subject=subjects["B"], count=2)
    assert AuditEvent.objects.filter(action="adjustment_event.record", object_id=str(event.pk)).exists()


def test_scenario_save_replaces_own_of_that_name_and_delete(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    leader = make_user(Role.LEADER)
    change = ChangeSpec(indicator="I1", subject_id=subjects["A"].pk, value=Decimal(30))
    first = scenario_save(actor=leader, scheme=scheme, name="追赶", changes=[change])
    again = scenario_save(actor=leader, scheme=scheme, name="追赶", changes=[change, change], note="两次")
    assert first.pk == again.pk and len(again.changes) == 2
    assert again.changes[0] == {"indicator": "I1", "subject": subjects["A"].pk, "value": "30"}
    # another's scenario of the same name is another row
    other = scenario_save(actor=statistician, scheme=scheme, name="追赶", changes=[])
    assert Scenario.objects.count() == 2
    with pytest.raises(NotFound):
        scenario_delete(actor=leader, scenario=other)
    scenario_delete(actor=leader, scenario=again)
    assert list(Scenario.objects.all()) == [other]
    assert AuditEvent.objects.filter(action="scenario.delete").count() == 1


def test_scenario_with_an_unknown_indicator_or_subject_is_refused(statistician: User) -> None:
    scheme, subjects, _definition = make_hand_scheme(statistician)
    with pytest.raises(DomainError) as caught:
        scenario_save(
            actor=statistician,
            scheme=scheme,
            name="x",
            changes=[ChangeSpec("S", subjects["A"].pk, Decimal(1))],
        )
    assert "changes[1].indicator" in caught.value.fields
    with pytest.raises(DomainError) as caught:
        scenario_save(
            actor=statistician, scheme=scheme, name="x", changes=[ChangeSpec("I1", 999_999, Decimal(1))]
        )
    assert "changes[1].subject" in caught.value.fields
    assert not Scenario.objects.exists()
