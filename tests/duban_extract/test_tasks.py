from __future__ import annotations

from datetime import date

import pytest

from duban_extract import extract

REF = date(2021, 3, 2)


def _tasks(text: str) -> list[str]:
    return [t.text for t in extract(text, ref_date=REF).tasks]


@pytest.mark.parametrize(
    "text",
    [
        "年底前建成城南污水处理厂。",
        "力争2022年前完成老旧小区改造。",
        "编制全域旅游发展规划。",
        "启动滨江大道二期建设。",
    ],
)
def test_concrete_measures_are_tasks(text: str) -> None:
    assert _tasks(text) == [text.rstrip("。")]


@pytest.mark.parametrize(
    "text",
    [
        "要进一步提高政治站位。",
        "坚持苦干、快干、实干。",
        "要一以贯之促落实。",
        "发扬敢于担当的精神。",
    ],
)
def test_exhortations_are_not_tasks(text: str) -> None:
    assert _tasks(text) == []


def test_deadline_and_target_are_read() -> None:
    task = extract("年底前新建3个社区卫生服务站。", ref_date=REF).tasks[0]
    assert task.deadline is not None and task.deadline.render() == "2021-12-31"
    assert task.target is not None and task.target.value == 3


def test_leading_time_clause_joins_the_task_and_bounds_the_next() -> None:
    tasks = extract("到2023年底前,全县20个乡镇全部建成综合文化站,实现服务全覆盖。", ref_date=REF).tasks
    assert [t.deadline.render() if t.deadline else None for t in tasks] == ["2023-12-31", "2023-12-31"]
    assert tasks[0].text.startswith("到2023年底前")


def test_reported_done_and_owner() -> None:
    task = extract("市交通局牵头建设的12座公交首末站已全部完成。", ref_date=REF).tasks[0]
    assert task.status == "done"
    assert task.owner == "市交通局"


def test_heading_clause_is_a_section_not_a_task() -> None:
    text = "固本强基,夯实发展基础。\n固本强基,夯实发展基础。加快建设南湖产业园,引进2家龙头企业。"
    result = extract(text, ref_date=REF)
    assert all(t.section == "固本强基" for t in result.tasks)
    assert "固本强基" not in [t.text for t in result.tasks]


def test_document_without_date_needs_a_reference_date() -> None:
    from duban_extract import MissingReferenceDateError

    with pytest.raises(MissingReferenceDateError):
        extract("年底前建成城南污水处理厂。")
    assert extract("年底前建成城南污水处理厂。", ref_date=REF).ref_date_source == "caller"
