"""Discourse subjects (话语主语) and 承前省略, on texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from duban_extract import extract
from duban_extract.subjects import clause_subject, strip_fronted


@pytest.mark.parametrize(
    ("clause", "lead", "others"),
    [
        ("县委派出3个督查组对5个乡镇开展督查", "县委", ()),
        ("县委3个督查组向各乡镇反馈督查意见", "县委督查组", ()),
        ("县委组织部要抓好干部培训", "县委组织部", ()),
        ("市发改委、市财政局、市审计局(组)组成联合检查组", "市发改委", ("市财政局", "市审计局(组)")),
        ("被检查单位和个人将整改情况上报", "", ()),
        ("被督查党组织和单位将整改情况上报", "被督查党组织和单位", ()),
        ("各施工单位要落实安全措施", "各施工单位", ()),
        ("相关责任部门积极跟进", "相关责任部门", ()),
        ("全县上下要形成合力", "全县上下", ()),
        ("项目监理方要加强旁站监督", "项目监理方", ()),
        ("指挥部主要负责人坚决扛起第一责任", "指挥部主要负责人", ()),
        ("市卫健委会同市医保局制定实施细则", "市卫健委", ("市医保局",)),
        ("各县(市、区)要建立工作台账", "各县(市、区)", ()),
        ("各乡镇、各部门要对照目标倒排工期", "各乡镇", ("各部门",)),
        ("全省各级各部门要压实责任", "全省各级各部门", ()),
        ("村民委员会要做好宣传", "村民委员会", ()),
        ("乡镇党委书记要亲自部署", "乡镇党委书记", ()),
        ("城关镇要加快征迁", "城关镇", ()),
        ("县纪委监委派驻纪检组要加强日常监督", "县纪委监委派驻纪检组", ()),
        ("县委第二巡察组对县教育局党组开展巡察", "县委第二巡察组", ()),
    ],
)
def test_subject_at_the_head_of_a_clause(clause: str, lead: str, others: tuple[str, ...]) -> None:
    subject = clause_subject(clause)
    found = (subject.lead, subject.others) if subject is not None else ("", ())
    assert found == (lead, others)


@pytest.mark.parametrize(
    "clause",
    [
        "加快老城片区建设",  # a verb opens the clause: 片区 is its object
        "确保年底前全部完成",  # 部 inside 全部 is no unit
        "全县新增就业岗位3000个",  # 全县 is a scope, not an actor
        "交由县纪委处理2人",  # the agent of 交由 does not act here
        "由县住建局牵头",  # an owner clause, read by the owner rules
        "县政府要求",  # a speech intro: what follows is asked of others
        "始终站在全局高度谋划",  # 站 after an adverb is the verb "stand", not a unit
        "支持企业开展技术改造",  # the unit is the object of 支持
        "老旧小区改造要尊重居民意愿",  # 小区 is a place, 小区改造 a topic, not an actor
        "项目所在地要做好保障",  # 所 inside 所在 is no unit
        "产值指标更加注重质量",  # an adverb inside: no unit name
    ],
)
def test_clauses_without_a_subject(clause: str) -> None:
    assert clause_subject(clause) is None


def test_registry_name_wins_over_the_grammar() -> None:
    subject = clause_subject("规划建设与交通局负责道路改造", ["规划建设与交通局"])
    assert subject is not None and subject.lead == "规划建设与交通局"


@pytest.mark.parametrize(
    ("clause", "rest"),
    [
        ("截至目前被督查单位共整改问题20个", "被督查单位共整改问题20个"),
        ("经县委研究同意县纪委启动专项检查", "县纪委启动专项检查"),
        ("整改期满后县纪委开展评估", "县纪委开展评估"),
        ("2024年5月县委派出巡察组", "县委派出巡察组"),
    ],
)
def test_fronted_adverbials_are_skipped(clause: str, rest: str) -> None:
    assert strip_fronted(clause) == rest


def _owners(text: str) -> dict[str, str]:
    """Owner by the first six characters of each task's text (list markers and 要 stripped)."""
    return {
        t.text.removeprefix("各乡镇要")[:6]: t.owner for t in extract(text, ref_date=date(2024, 6, 1)).tasks
    }


def test_subject_carries_over_clauses_and_sentences_until_a_new_one() -> None:
    text = (
        "一、工作开展情况\n"
        "县委组建3个督查组对县水利局开展专项督查;对县交通局开展专项督查。"
        "同时,对县财政局开展延伸检查。县纪委监委召集成效评估会议进行评估。建立问题台账。\n"
    )
    owners = _owners(text)
    assert owners["县委组建3个"] == "县委"
    assert owners["对县交通局开"] == "县委"
    assert owners["对县财政局开"] == "县委"
    # The sentence naming 县纪委监委 gives no task of its own, yet its subject carries on.
    assert owners["建立问题台账"] == "县纪委监委"


def test_a_speech_intro_ends_the_carried_subject() -> None:
    text = "县委派出4个督查组开展督查。会议要求,各乡镇要建立整改台账;要完善长效机制。\n"
    owners = _owners(text)
    assert owners["建立整改台账"] == "各乡镇"
    assert owners["完善长效机制"] == "各乡镇"


def test_a_new_heading_ends_the_carried_subject() -> None:
    text = "一、督查安排\n县委派出4个督查组开展督查。\n二、整改要求\n建立整改台账,完善长效机制。\n"
    owners = _owners(text)
    assert owners["县委派出4个"] == "县委"
    assert owners["建立整改台账"] == ""


def test_a_short_subject_stands_for_the_unit_named_before() -> None:
    text = "县整改工作专班定期调度进展。专班设立3个工作组,建立周报制度。\n"
    owners = _owners(text)
    assert owners["专班设立3个"] == "县整改工作专班"


def test_list_above_gets_the_owner_of_the_closing_sentence() -> None:
    text = (
        "一、重点项目\n1.建成城南污水处理厂。\n2.完成老城管网改造20公里。\n"
        "以上项目由县住建局牵头,县财政局配合。\n"
    )
    tasks = extract(text, ref_date=date(2024, 6, 1)).tasks
    assert [(t.owner, t.cooperating, t.owner_rule) for t in tasks] == [
        ("县住建局", ("县财政局",), "above_list_owner"),
        ("县住建局", ("县财政局",), "above_list_owner"),
    ]


def test_owner_cell_with_labels_and_brackets() -> None:
    text = (
        "序号 | 工作任务 | 进展情况 | 责任单位\n"
        "1 | 建设城东体育公园 | 1.完成体育公园主体工程建设,累计投资3亿元。 2.启动配套道路设计招标。"
        " | 牵头单位:县体育局 责任单位:各乡(镇、街道)、县住建局 |\n"
    )
    tasks = extract(text, ref_date=date(2024, 6, 1)).tasks
    assert tasks[0].owner == "县体育局"
    assert tasks[0].cooperating == ("各乡(镇、街道)", "县住建局")
    # The measures reported in the progress cell belong to the row's units.
    assert [t.owner for t in tasks[1:]] == ["县体育局", "县体育局"]
    assert "启动配套道路设计招标" in [t.text for t in tasks]


def test_a_fronted_clause_with_a_verb_in_it_does_not_hide_the_subject() -> None:
    text = "根据县委统一部署,2024年3月至5月,县委第二巡察组对县教育局党组开展常规巡察。\n"
    tasks = extract(text, ref_date=date(2024, 6, 1)).tasks
    assert [(t.owner, t.deadline.render() if t.deadline else None) for t in tasks] == [
        ("县委第二巡察组", "2024-05-31")
    ]


def test_an_owner_note_in_brackets_after_the_full_stop_belongs_to_the_measure() -> None:
    text = (
        "城区更新工作安排\n"
        "(一)改造老旧小区。年底前完成城南片区18个小区改造。(县住建局牵头,各街道配合)\n"
        "(二)完善停车设施。新建停车场4处。(牵头单位:县城管局;责任单位:县交通运输局、县公安局)\n"
    )
    tasks = extract(text, ref_date=date(2024, 3, 1)).tasks
    assert [(t.text, t.owner, t.cooperating) for t in tasks] == [
        ("年底前完成城南片区18个小区改造", "县住建局", ("各街道",)),
        ("新建停车场4处", "县城管局", ("县交通运输局", "县公安局")),
    ]


def test_without_headings_a_paragraph_break_ends_the_subject() -> None:
    text = (
        "县召开重点项目推进会\n"
        "县发改局通报了全县重点项目进展情况,并建立项目调度台账。\n"
        "加快推进城东产业园建设,确保年底前投产。\n"
    )
    owners = _owners(text)
    assert owners["县发改局通报"] == "县发改局"
    assert owners["加快推进城东"] == ""
