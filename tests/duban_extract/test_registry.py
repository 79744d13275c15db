"""Registry names for abbreviated units (单位简称), on names written for these tests."""

from __future__ import annotations

from datetime import date

from duban_extract import extract
from duban_extract.registry import registry_name


def test_abbreviations_resolve_to_the_one_registry_unit_they_fit() -> None:
    units = ["县住房和城乡建设局", "县发展和改革局", "县自然资源和规划局", "县交通运输局", "县教育局"]
    assert registry_name("县住建局", units) == "县住房和城乡建设局"
    assert registry_name("县发改局", units) == "县发展和改革局"
    assert registry_name("县自然资源局", units) == "县自然资源和规划局"
    # No fit, or more than one, leaves the name as written.
    assert registry_name("县卫健局", units) == "县卫健局"
    assert registry_name("县局", units) == "县局"


def test_pipeline_reports_registry_names_for_owners() -> None:
    units = ["县住房和城乡建设局", "县城市管理局"]
    text = "城区工作安排\n一、主要任务\n新建停车场4处。(县住建局牵头,县城管局配合)\n"
    tasks = extract(text, ref_date=date(2024, 3, 1), units=units).tasks
    assert [(t.owner, t.cooperating) for t in tasks] == [("县住房和城乡建设局", ("县城市管理局",))]
