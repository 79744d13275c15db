"""Checking the model's answer and merging it with the rules: pure functions, no server."""

from __future__ import annotations

import datetime as dt

import pytest

from duban_extract import extract
from duban_extract.assist import merge, parse_reply
from duban_extract.assist.merge import Locator, ModelReply, ModelTask, ReplyShapeError
from duban_extract.types import Task
from tests.duban_extract.assist.conftest import ANSWER, DOC, GAS_DEADLINE, MISSED, REF


def _by_text(tasks: tuple[Task, ...], fragment: str) -> Task:
    found = [t for t in tasks if fragment in t.text]
    assert len(found) == 1, [t.text for t in tasks]
    return found[0]


def test_malformed_entries_are_dropped_with_the_reason() -> None:
    # when
    reply = parse_reply(
        {
            "tasks": [
                {"text": "年底前建成1座桥", "deadline": "2019-12-31", "cooperating": "交通局"},
                "建成2座桥",
                {"text": ""},
                {"text": "建成3座桥", "owner": 7},
                {"text": "建成4座桥", "deadline": "年底"},
            ],
            "problems": ["进度滞后", {"text": "资金不足"}, 3],
        }
    )
    # then
    assert [t.text for t in reply.tasks] == ["年底前建成1座桥", "建成4座桥"]
    assert reply.tasks[0] == ModelTask("年底前建成1座桥", dt.date(2019, 12, 31), "", ("交通局",), "")
    assert reply.tasks[1].deadline is None
    assert reply.problems == ("进度滞后", "资金不足")
    notes = "\n".join(reply.notes)
    for why in ("task 2 dropped: not an object", "task 3 dropped: no text", "owner is int", "'年底' is not"):
        assert why in notes
    assert "problem 3 dropped" in notes


@pytest.mark.parametrize("data", [{}, {"tasks": "none"}, {"items": []}])
def test_a_wrong_top_level_shape_is_an_error(data: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ReplyShapeError):
        parse_reply(data)


def test_locate_exactly_then_by_sentence_and_never_invented() -> None:
    body = extract(DOC, ref_date=REF).document.body
    locator = Locator(body)
    exact = locator.locate(MISSED)
    assert exact is not None
    assert body[exact.start : exact.end] == "东湖片区全域通气的工作,要在明年春节前见到成效"
    fuzzy = locator.locate("东湖片区全域通气工作明年春节前要见到成效")  # reworded
    assert fuzzy == exact
    assert locator.locate("新建东湖体育馆并于2019年10月投入使用") is None


def test_merge_adds_the_missed_task_with_the_rules_deadline_and_fills_the_owner() -> None:
    # given
    rules = extract(DOC, ref_date=REF)
    assert not any("全域通气" in t.text for t in rules.tasks)
    # when
    merged = merge(rules, parse_reply(ANSWER))
    # then
    added = _by_text(merged.tasks, "全域通气")
    assert added.source == "model"
    assert added.deadline is not None and added.deadline.render() == GAS_DEADLINE  # rules win over 2020-01-01
    assert added.section == "一、主要任务"
    road = _by_text(merged.tasks, "东湖大道")
    assert (road.source, road.owner) == ("rules+model", "规划建设与交通局")
    assert road.deadline == _by_text(rules.tasks, "东湖大道").deadline
    assert not any("体育馆" in t.text for t in merged.tasks)
    assert len(merged.tasks) == len(rules.tasks) + 1
    assert {t.source for t in merged.tasks} == {"rules", "rules+model", "model"}
    assert [t.span.start for t in merged.tasks] == sorted(t.span.start for t in merged.tasks)
    warnings = "\n".join(merged.warnings)
    assert "not found in the document, dropped: 新建东湖体育馆" in warnings
    assert "model task 4 dropped: no text" in warnings


def test_the_models_date_serves_only_where_the_rules_find_none() -> None:
    rules = extract("东湖镇工作安排\n东湖片区全域通气的工作要见到成效。\n", ref_date=REF)
    reply = ModelReply((ModelTask("东湖片区全域通气的工作要见到成效", dt.date(2019, 9, 30)),), (), ())
    task = _by_text(merge(rules, reply).tasks, "全域通气")
    assert task.deadline is not None and task.deadline.render() == "2019-09-30"


def test_owners_the_document_does_not_name_are_not_taken() -> None:
    rules = extract(DOC, ref_date=REF)
    model = ModelTask("年底前完成东湖大道改造提升工程", owner="住建部", cooperating=("财政局",))
    reply = ModelReply((model,), (), ())
    merged = merge(rules, reply)
    road = _by_text(merged.tasks, "东湖大道")
    assert (road.owner, road.source) == ("", "rules")
    assert any("住建部" in w for w in merged.warnings)


def test_a_task_the_model_repeats_is_added_once_and_rule_tasks_are_never_dropped() -> None:
    rules = extract(DOC, ref_date=REF)
    reply = ModelReply((ModelTask(MISSED), ModelTask(MISSED + "。")), (), ())
    merged = merge(rules, reply)
    assert len(merged.tasks) == len(rules.tasks) + 1
    assert [t.text for t in rules.tasks] == [t.text for t in merged.tasks if t.source == "rules"]


def test_model_problems_are_located_and_deduplicated() -> None:
    doc = (
        "东湖镇整改方案\n二、存在问题\n"
        "部分项目前期工作推进缓慢,征迁进度滞后的问题依然突出。\n东湖大道施工期间扬尘管控不到位。\n"
    )
    rules = extract(doc, ref_date=REF)
    problems = ["征迁进度滞后的问题依然突出", "东湖大道施工期间扬尘管控不到位", "食堂卫生差"]
    reply = parse_reply({"tasks": [], "problems": problems})
    merged = merge(rules, reply)
    texts = [p.text for p in merged.problems]
    assert sum("征迁" in t for t in texts) == 1
    assert any("扬尘" in t for t in texts)
    assert not any("食堂" in t for t in texts)
