"""Import of units and people from an .xlsx workbook (duban/org/importers.py)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from duban.audit.models import AuditEvent
from duban.org import importers
from duban.org.importers import OrgImportError, org_import
from duban.org.models import LeaderUnit, Person, Unit, User
from duban.org.services import Actor
from tests.org.factories import make_person, make_unit
from tests.org.workbooks import workbook_bytes

pytestmark = pytest.mark.django_db

UNITS = [
    ("开发区管委会", "管委会", "管委会", None, 1),
    # A child listed before its parent: parents may be defined further down.
    ("招商服务中心", "招商中心", "部门", "经济发展局", 30),
    ("经济发展局", "经发局", "部门", "开发区管委会", 20),
    ("张坂镇", "", "乡镇", None, None),
]
PEOPLE = [
    ("林一", "副主任", "开发区管委会", "13800000000", "lin@example.cn", "经济发展局、招商服务中心"),
    ("陈二", "局长", "经济发展局", 13900000000, "", ""),
    ("王三", "科员", "张坂镇", "", "", None),
]


def run(data: bytes, actor: Actor, filename: str = "org.xlsx") -> importers.ImportSummary:
    return org_import(actor=actor, source=data, filename=filename)


def issues_of(data: bytes, actor: Actor, filename: str = "org.xlsx") -> list[str]:
    with pytest.raises(OrgImportError) as caught:
        run(data, actor, filename)
    return [f"{i.sheet}|{i.row}|{i.column}" for i in caught.value.issues]


def test_valid_workbook_creates_units_people_and_relations(admin: User) -> None:
    # given
    data = workbook_bytes(UNITS, PEOPLE)
    # when
    summary = run(data, admin)
    # then
    assert (summary.units_created, summary.people_created) == (4, 3)
    centre = Unit.objects.get(name="招商服务中心")
    assert centre.parent is not None and centre.parent.name == "经济发展局"
    assert centre.kind == "department" and centre.sort_order == 30 and centre.short_name == "招商中心"
    assert Unit.objects.get(name="张坂镇").sort_order == 100
    lin = Person.objects.get(name="林一")
    assert sorted(u.name for u in lin.oversees.all()) == ["招商服务中心", "经济发展局"]
    assert Person.objects.get(name="陈二").phone == "13900000000"
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("unit.create") == 4 and actions.count("person.create") == 3
    assert "org.import" in actions


def test_reimport_updates_by_name_and_changes_nothing_when_equal(admin: User) -> None:
    # given
    run(workbook_bytes(UNITS, PEOPLE), admin)
    events = AuditEvent.objects.count()
    counts = (Unit.objects.count(), Person.objects.count())
    # when the same workbook comes again
    summary = run(workbook_bytes(UNITS, PEOPLE), admin)
    # then nothing is created or changed, only the import itself is recorded
    assert (summary.units_unchanged, summary.people_unchanged) == (4, 3)
    assert AuditEvent.objects.count() == events + 1
    # when a unit moves and a leader's portfolio shrinks
    units = [*UNITS[:3], ("张坂镇", "张坂", "乡镇", "开发区管委会", 40)]
    people = [("林一", "副主任", "开发区管委会", "13800000000", "lin@example.cn", "经济发展局"), *PEOPLE[1:]]
    summary = run(workbook_bytes(units, people), admin)
    # then
    assert (summary.units_updated, summary.people_updated) == (1, 1)
    town = Unit.objects.get(name="张坂镇")
    assert (town.short_name, town.parent.name if town.parent else None, town.sort_order) == (
        "张坂",
        "开发区管委会",
        40,
    )
    assert [u.name for u in Person.objects.get(name="林一").oversees.all()] == ["经济发展局"]
    assert (Unit.objects.count(), Person.objects.count()) == counts


def test_people_may_reference_units_already_registered(admin: User) -> None:
    # given
    make_unit(name="财政局")
    # when
    run(workbook_bytes([], [("赵四", "局长", "财政局", "", "", "")]), admin)
    # then
    assert Person.objects.get(name="赵四").unit.name == "财政局"


def test_every_problem_is_named_by_sheet_row_and_column_and_nothing_is_written(admin: User) -> None:
    # given
    units = [
        ("经济发展局", "", "部门", None, 1),
        ("", "", "部门", None, 2),  # row 3: no name
        ("财政局", "", "科室", None, 3),  # row 4: unknown kind
        ("经济发展局", "", "部门", None, 4),  # row 5: duplicate
        ("张坂镇", "", "乡镇", "不存在的单位", "x"),  # row 6: unknown parent, bad order
        ("甲", "", "部门", "乙", 1),  # rows 7-8: a cycle
        ("乙", "", "部门", "甲", 1),
        ("丙", "", None, None, None),  # row 9: no kind
    ]
    people = [
        ("林一", "副主任", "经济发展局", "", "not-an-email", ""),  # row 2: email
        ("陈二", "局长", "某某局", "", "", ""),  # row 3: unit not found
        ("", "科员", "张坂镇", "", "", "经济发展局、某某办"),  # row 4: no name, unknown oversee
        ("林一", "副主任", "经济发展局", "", "", ""),  # row 5: duplicate person
    ]
    before = (Unit.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    # when
    found = issues_of(workbook_bytes(units, people), admin)
    # then
    assert found == [
        "单位|3|单位名称",
        "单位|4|类型",
        "单位|5|单位名称",
        "单位|6|上级单位",
        "单位|6|排序",
        "单位|7|上级单位",
        "单位|8|上级单位",
        "单位|9|类型",
        "人员|2|邮箱",
        "人员|3|所在单位",
        "人员|4|姓名",
        "人员|4|分管单位",
        "人员|5|姓名",
    ]
    assert (Unit.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == before


def test_issue_names_the_missing_unit(admin: User) -> None:
    # when
    with pytest.raises(OrgImportError) as caught:
        run(workbook_bytes([], [("陈二", "局长", "某某局", "", "", "")]), admin)
    # then
    issue = caught.value.issues[0]
    assert (issue.sheet, issue.row, issue.column) == ("人员", 2, "所在单位")
    assert "某某局" in issue.message and "某某局" in str(issue)
    assert caught.value.fields == {issue.location: issue.message}


def test_a_cycle_through_registered_units_is_refused(admin: User) -> None:
    # given 甲 ← 乙 registered
    top = make_unit(name="甲")
    make_unit(name="乙", parent=top)
    # when the workbook puts 甲 under 乙
    found = issues_of(workbook_bytes([("甲", "", "部门", "乙", 1)], []), admin)
    # then
    assert found == ["单位|2|上级单位"]


def test_ambiguous_existing_person_is_refused(admin: User, unit_a: Unit) -> None:
    # given two registered people of the same name in one unit
    make_person(name="林一", unit=unit_a)
    make_person(name="林一", unit=unit_a)
    # when
    found = issues_of(workbook_bytes([], [("林一", "", unit_a.name, "", "", "")]), admin)
    # then
    assert found == ["人员|2|姓名"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"sheets": ("单位",)}, ["人员|None|None"]),
        ({"sheets": ("Sheet1",)}, ["org.xlsx|None|None"]),  # one empty sheet: an empty workbook
        ({"unit_columns": ("单位名称", "类型", "上级单位", "排序")}, ["单位|1|简称"]),
        ({"person_columns": ("姓名", "职务", "电话", "邮箱")}, ["人员|1|所在单位", "人员|1|分管单位"]),
    ],
    ids=["missing-people-sheet", "no-sheets", "missing-unit-column", "missing-person-columns"],
)
def test_missing_sheet_or_column_is_named(
    admin: User, kwargs: dict[str, object], expected: list[str]
) -> None:
    # when
    found = issues_of(workbook_bytes(UNITS, [], **kwargs), admin)  # type: ignore[arg-type]
    # then
    assert found == expected


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"name,kind\n", "org.csv"),
        (b"this is not a zip file", "org.xlsx"),
        (b"PK\x03\x04 truncated zip", "org.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "org.xls"),
    ],
    ids=["csv", "garbage", "truncated", "xls"],
)
def test_wrong_or_corrupt_file_names_the_file(admin: User, data: bytes, filename: str) -> None:
    # when
    with pytest.raises(OrgImportError) as caught:
        run(data, admin, filename)
    # then
    assert filename in caught.value.message
    assert caught.value.issues[0].sheet == filename
    assert Unit.objects.count() == 1  # the admin's own unit only


def test_only_an_administrator_imports(liaison_a: User) -> None:
    # when / then
    from duban.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(workbook_bytes(UNITS, PEOPLE), liaison_a)
    assert not Unit.objects.filter(name="开发区管委会").exists()


def test_system_actor_imports_for_the_command_line() -> None:
    # when
    run(workbook_bytes(UNITS, PEOPLE), "system")
    # then
    event = AuditEvent.objects.filter(action="unit.create").first()
    assert event is not None and event.actor_label == "system"


def test_a_failing_write_rolls_back_everything(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a write that fails half way (a service refusing the third person)
    from duban.core.errors import DomainError, ErrorCode
    from duban.org import services

    real = services.person_create
    calls = {"n": 0}

    def failing(**kwargs: object) -> Person:
        calls["n"] += 1
        if calls["n"] == 3:
            raise DomainError(ErrorCode.INVALID, "boom")
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "person_create", failing)
    # when
    with pytest.raises(DomainError):
        run(workbook_bytes(UNITS, PEOPLE), admin)
    # then
    assert not Unit.objects.filter(name="开发区管委会").exists()
    assert not AuditEvent.objects.filter(action="unit.create").exists()


def test_template_workbook_has_both_sheets_and_headers_and_is_refused_unfilled(admin: User) -> None:
    # given
    data = importers.template_workbook()
    book = load_workbook(io.BytesIO(data))
    # then
    assert [c.value for c in book["单位"][1]] == list(importers.UNIT_COLUMNS)
    assert [c.value for c in book["人员"][1]] == list(importers.PERSON_COLUMNS)
    with pytest.raises(OrgImportError) as caught:
        run(data, admin, "模板.xlsx")
    assert "没有可导入的数据" in caught.value.message
    assert not AuditEvent.objects.filter(action="org.import").exists()


def test_leader_relations_replace_the_whole_list(admin: User) -> None:
    # given
    run(workbook_bytes(UNITS, PEOPLE), admin)
    # when the row's 分管单位 cell is emptied
    people = [("林一", "副主任", "开发区管委会", "13800000000", "lin@example.cn", ""), *PEOPLE[1:]]
    run(workbook_bytes(UNITS, people), admin)
    # then
    assert not LeaderUnit.objects.filter(leader__name="林一").exists()


def _merged_workbook() -> bytes:
    """Two units sharing one merged 类型 cell (C2:C3): the second row would have no kind."""
    book = load_workbook(
        io.BytesIO(workbook_bytes([("财政局", "", "部门", None, 1), ("税务局", "", None, None, 2)]))
    )
    book["单位"].merge_cells("C2:C3")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_merged_cells_are_reported_as_such_in_chinese_and_nothing_is_written(admin: User) -> None:
    # when
    with pytest.raises(OrgImportError) as caught:
        run(_merged_workbook(), admin)
    # then the merge is named, not a vague "must not be empty"
    issue = caught.value.issues[0]
    assert (issue.sheet, issue.row, issue.column) == ("单位", 2, "类型")
    assert str(issue) == (
        "单位 第 2 行，类型: 单元格 C2:C3 为合并单元格：请取消合并并逐行填写（合并单元格会使下方各行为空）。"
    )
    assert not Unit.objects.filter(name__in=["财政局", "税务局"]).exists()


def test_a_formula_without_a_computed_value_is_reported_as_such(admin: User) -> None:
    # given a person's unit given by a formula a program wrote (no cached value)
    data = workbook_bytes([("财政局", "", "部门", None, 1)], [("林一", "局长", '=A2&""', "", "", "")])
    # when
    with pytest.raises(OrgImportError) as caught:
        run(data, admin)
    # then
    located = [(i.sheet, i.row, i.column) for i in caught.value.issues]
    assert ("人员", 2, "所在单位") in located
    assert any("单元格 C2 中的公式没有计算结果" in i.message for i in caught.value.issues)
    assert not Unit.objects.filter(name="财政局").exists()


def test_preview_says_what_would_change_and_writes_nothing(admin: User) -> None:
    # given
    run(workbook_bytes(UNITS, PEOPLE), admin)
    events = AuditEvent.objects.count()
    units = [*UNITS[:3], ("张坂镇", "张坂", "乡镇", "开发区管委会", 40), ("新区", "", "片区", None, 5)]
    # when
    preview = importers.org_import_preview(
        actor=admin, source=workbook_bytes(units, PEOPLE), filename="org.xlsx"
    )
    # then
    assert [(c.sheet, c.row, c.kind, c.fields) for c in preview.shown()] == [
        ("单位", 5, "update", ("简称", "上级单位", "排序")),
        ("单位", 6, "create", ()),
    ]
    assert (preview.created, preview.updated, preview.unchanged) == (1, 1, 6)
    assert AuditEvent.objects.count() == events and not Unit.objects.filter(name="新区").exists()
    assert Unit.objects.get(name="张坂镇").short_name == ""


def test_preview_refuses_as_the_import_would(admin: User) -> None:
    with pytest.raises(OrgImportError) as caught:
        importers.org_import_preview(actor=admin, source=_merged_workbook(), filename="org.xlsx")
    assert caught.value.message.startswith("org.xlsx：发现 1 处问题，未导入任何数据。")
