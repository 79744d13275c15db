from __future__ import annotations

from datetime import date

from duban_extract import extract
from duban_extract.tables import find_table_problems, find_table_tasks

TABLE = "\n".join(
    [
        "序号\t工作任务\t进展情况\t责任单位\t完成时限",
        "1\t完成南湖片区雨污分流改造\t已完成\t区住建局\t2021年6月底前",
        "2\t建设智慧停车平台\t正在推进\t区城管局\t年底前",
    ]
)


def test_each_row_is_a_task_with_owner_and_deadline() -> None:
    tasks = find_table_tasks(TABLE, date(2021, 3, 1))
    assert [(t.text, t.owner, t.deadline.render() if t.deadline else None, t.status) for t in tasks] == [
        ("完成南湖片区雨污分流改造", "区住建局", "2021-06-30", "done"),
        ("建设智慧停车平台", "区城管局", "2021-12-31", ""),
    ]


def test_pipe_and_space_separated_tables() -> None:
    text = "序号 | 工作任务 | 责任单位\n1 | 修缮东门桥 | 镇建设办"
    assert [t.owner for t in find_table_tasks(text, date(2021, 3, 1))] == ["镇建设办"]
    text = "序号  工作任务  责任单位\n1  修缮东门桥  镇建设办"
    assert [t.owner for t in find_table_tasks(text, date(2021, 3, 1))] == ["镇建设办"]


def test_pipeline_reads_tables_once() -> None:
    result = extract("2021年重点工作台账\n" + TABLE, ref_date=date(2021, 3, 1))
    assert [t.source for t in result.tasks] == ["table", "table"]


def test_problem_column_is_a_problem_and_owner_lists_split() -> None:
    text = "序号 | 问题 | 整改措施 | 责任单位\n1 | 台账管理不规范 | 建立月度对账制度 | 镇财政所、镇党政办"
    tasks = find_table_tasks(text, date(2021, 3, 1))
    assert [(t.text, t.owner, t.cooperating) for t in tasks] == [
        ("建立月度对账制度", "镇财政所", ("镇党政办",))
    ]
    assert [p.text for p in find_table_problems(text)] == ["台账管理不规范"]
