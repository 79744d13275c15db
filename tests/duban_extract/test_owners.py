from __future__ import annotations

from duban_extract.owners import find_owner, find_people
from duban_extract.types import Person


def test_titles_lists_and_reporters() -> None:
    text = (
        "红星网讯(记者 鲁文博 沈佳怡)会议由区委书记范建国主持,区长邵明辉讲话,"
        "区领导苏海、欧阳明轩、郝立新出席。"
        "区管委会主任贺一鸣指出,要抓好落实。"
    )
    people = {(p.name, p.title) for p in find_people(text)}
    assert people == {
        ("鲁文博", "记者"),
        ("沈佳怡", "记者"),
        ("范建国", "区委书记"),
        ("邵明辉", "区长"),
        ("苏海", "区领导"),
        ("欧阳明轩", "区领导"),
        ("郝立新", "区领导"),
        ("贺一鸣", "区管委会主任"),
    }


def test_specific_title_beats_group_label() -> None:
    text = "区领导邵明辉、郝立新参加会议。区长邵明辉强调,要抓紧推进。"
    titles = {p.name: p.title for p in find_people(text)}
    assert titles["邵明辉"] == "区长"


def test_credits_from_metadata_are_people() -> None:
    assert find_people("正文。", credits=[Person("马晓东", "编辑")]) == [Person("马晓东", "编辑")]


def test_words_after_a_title_are_not_names() -> None:
    assert find_people("学习总书记关于生态保护的重要论述") == []


def test_owner_from_registry_and_pattern() -> None:
    assert find_owner("市住建局牵头建设500套保障房", ["市住建局"]) == "市住建局"
    assert find_owner("县水利局负责完成堤防加固") == "县水利局"
    assert find_owner("各责任单位制定具体方案") == "各责任单位"
    assert find_owner("加快推进道路建设") == ""


def test_owner_clauses_name_lead_and_cooperating_units() -> None:
    from duban_extract.owners import read_owner_clause

    reading = read_owner_clause("由规划建设与交通局牵头", ["规划建设与交通局"])
    assert reading is not None and reading.lead == "规划建设与交通局"
    reading = read_owner_clause("各街道配合")
    assert reading is not None and (reading.lead, reading.cooperating) == ("", ("各街道",))
    reading = read_owner_clause("责任单位:区住建局、城东街道")
    assert reading is not None and (reading.lead, reading.cooperating) == ("区住建局", ("城东街道",))
    assert read_owner_clause("加强组织领导") is None
