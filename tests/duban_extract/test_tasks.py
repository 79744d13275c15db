from __future__ import annotations

from datetime import date

import pytest

from duban_extract import extract
from duban_extract.pipeline import extract_document
from duban_extract.types import CleanedDocument, Task

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


def test_leading_time_clause_joins_the_task_and_scopes_over_its_chain() -> None:
    tasks = extract("到2023年底前,全县20个乡镇全部建成综合文化站,实现服务全覆盖。", ref_date=REF).tasks
    assert [t.deadline.render() if t.deadline else None for t in tasks] == ["2023-12-31"]
    assert tasks[0].text.startswith("到2023年底前") and tasks[0].text.endswith("实现服务全覆盖")


@pytest.mark.parametrize(
    "text",
    [
        "统筹推进老旧小区改造,完善社区养老服务设施,提升居民生活便利度。",
        "县住建局要加快编制海绵城市专项规划,同步开展排水管网普查。",
    ],
)
def test_clauses_of_one_verb_chain_form_one_task(text: str) -> None:
    assert _tasks(text) == [text.rstrip("。")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "新建乡镇卫生院4所,改造村级卫生室30个。",
            ["新建乡镇卫生院4所", "改造村级卫生室30个"],
        ),
        (
            "修订农村公路养护办法,6月底前完成县乡道路普查。",
            ["修订农村公路养护办法", "6月底前完成县乡道路普查"],
        ),
        (
            "一是推进污水管网建设,二是开展河道清淤。",
            ["推进污水管网建设", "开展河道清淤"],
        ),
    ],
)
def test_a_clause_with_its_own_target_deadline_or_number_is_its_own_task(
    text: str, expected: list[str]
) -> None:
    assert _tasks(text) == expected


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


PLAN = (
    "关于加快西岭片区建设的工作方案\n"
    "一、主要任务\n"
    "(一)年底前完成西岭路拓宽工程,由城乡建设局牵头,交通运输局配合。\n"
    "(二)2022年6月底前建成3个社区食堂,新增车位200个。\n"
    "(三)加强组织领导,提高政治站位。\n"
    "二、存在问题\n"
    "部分项目征地推进缓慢,配套资金到位滞后的问题依然突出。\n"
)


def test_enumerated_items_are_tasks_and_headings_are_sections() -> None:
    # when
    tasks = extract(PLAN, ref_date=REF, units=["城乡建设局"]).tasks
    # then
    road = tasks[0]
    assert road.text == "年底前完成西岭路拓宽工程"
    assert road.deadline is not None and road.deadline.render() == "2021-12-31"
    assert (road.owner, road.cooperating, road.section) == ("城乡建设局", ("交通运输局",), "一、主要任务")
    assert all(t.text != "一、主要任务" for t in tasks)


def test_exhortation_items_and_problem_sections_give_no_tasks() -> None:
    texts = [t.text for t in extract(PLAN, ref_date=REF).tasks]
    assert not any("组织领导" in t or "征地" in t for t in texts)


def test_problem_section_sentences_are_problems() -> None:
    problems = [p.text for p in extract(PLAN, ref_date=REF).problems]
    assert any("配套资金到位滞后" in p for p in problems)


def test_field_lines_give_owner_cooperating_units_and_deadline() -> None:
    text = "二、重点任务\n1.建设城西农贸市场。\n责任单位:区商务局、城西街道\n完成时限:2021年10月31日\n"
    task = extract(text, ref_date=REF).tasks[0]
    assert (task.owner, task.cooperating) == ("区商务局", ("城西街道",))
    assert task.deadline is not None and task.deadline.render() == "2021-10-31"


def _body_tasks(body: str) -> list[Task]:
    """Tasks of an already clean body (short test texts would lose a line to title detection)."""
    return list(extract_document(CleanedDocument(body=body), ref_date=REF).tasks)


def test_bracketed_owner_is_read_and_cut_from_the_text() -> None:
    text = "三、任务\n1.改造提升菜市场4个(区市场监管局负责)。\n2.新建公厕10座。"
    task = _body_tasks(text)[0]
    assert (task.text, task.owner) == ("改造提升菜市场4个", "区市场监管局")


def test_annual_commitment_list_items_are_due_at_the_plan_years_end() -> None:
    text = "2022年,区政府将办好以下民生实事:\n1.新建幼儿园2所。\n2.改造老旧小区15个。\n"
    tasks = _body_tasks(text)
    assert [t.deadline.render() if t.deadline else None for t in tasks] == ["2022-12-31", "2022-12-31"]


@pytest.mark.parametrize(
    "text",
    [
        "过去一年,全区新增城镇就业8000人,完成棚户区改造1200户。",
        "会议通报了上半年全区经济运行情况。",
        "各部门要认真抓好会议精神的贯彻落实。",
        "区直各部门要加强协作配合,形成推进合力。",
        "截至6月底,累计完成投资12.5亿元,占全年计划60%。",
    ],
)
def test_reports_and_attitude_are_not_tasks(text: str) -> None:
    assert _tasks(text) == []
