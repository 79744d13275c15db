"""Deadlines that Chinese official writing states once for many measures, on texts written here."""

from __future__ import annotations

from datetime import date

from duban_extract import extract


def _deadlines(text: str, ref: date) -> dict[str, str | None]:
    tasks = extract(text, ref_date=ref).tasks
    return {t.text[:8]: t.deadline.render() if t.deadline else None for t in tasks}


def test_an_annual_frame_in_the_lead_dates_the_open_measures_of_the_subject_year() -> None:
    text = (
        "县政府督查室近期对《政府工作报告》确定的2023年重点工作推进情况开展了督查。\n"
        "一、下步安排\n新建城北幼儿园2所。改造农村危桥8座。\n"
    )
    # Reported in January about the year before: the subject year is 2023.
    found = _deadlines(text, date(2024, 1, 12))
    assert (found["新建城北幼儿园2"], found["改造农村危桥8座"]) == ("2023-12-31", "2023-12-31")


def test_without_an_annual_frame_undated_measures_stay_undated() -> None:
    text = "县城建设工作安排\n一、下步安排\n新建城北幼儿园2所。改造农村危桥8座。\n"
    assert set(_deadlines(text, date(2024, 1, 12)).values()) == {None}


def test_a_fronted_range_bounds_the_later_measures_of_the_same_subject() -> None:
    text = (
        "从今年5月中旬至7月下旬,县委派出4个督查组对县直单位开展专项督查;"
        "对12个乡镇开展延伸督查。同时,派出2个专项组对重点村开展督查。\n"
        "县纪委对督查发现的问题开展问责。\n"
    )
    found = _deadlines(text, date(2024, 5, 2))
    assert found["从今年5月中旬至"] == "2024-07-31"
    assert found["对12个乡镇开展"] == "2024-07-31"
    assert found["派出2个专项组对"] == "2024-07-31"
    # A new subject ends the frame.
    assert found["县纪委对督查发现"] is None


def test_the_horizon_of_a_goals_section_bounds_every_goal_in_it() -> None:
    text = (
        "全县养老服务提升行动方案\n一、工作目标\n"
        "进一步健全养老服务体系,完善居家养老支持政策。到2026年,全县新增养老床位600张,"
        "建成社区食堂30个。\n"
        "二、主要任务\n"
        "(一)实施养老设施提升行动。推进乡镇敬老院改造。\n"
    )
    found = _deadlines(text, date(2024, 3, 1))
    assert found["健全养老服务体系"] == "2026-12-31"
    assert found["到2026年,全"] == "2026-12-31"
    # Measures outside the goals section keep their own (absent) deadline.
    assert found["推进乡镇敬老院改"] is None


def test_standing_duties_get_no_year_end_under_an_annual_frame() -> None:
    text = (
        "2024年为民办实事项目推进情况\n"
        "一、下步安排\n县住建局新建公共停车场3处。县督查室每季度开展一次专项督查。\n"
    )
    found = _deadlines(text, date(2024, 6, 1))
    assert found["县住建局新建公共"] == "2024-12-31"
    assert found["县督查室每季度开"] is None
