"""Exporting the ledger: columns, formatting, scope, filters; round trip through the import."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from duban.core import clock
from duban.reports.ledger_xlsx import ledger_export, ledger_import
from duban.supervision.filters import ItemFilters
from duban.supervision.models import Item
from duban.supervision.services.report import report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

HEADERS = [
    "序号",
    "事项",
    "牵头单位",
    "配合单位",
    "分管领导",
    "责任人",
    "完成时限",
    "进展情况",
    "状态",
    "来源",
    "灯",
]


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def _export(user, **filters) -> bytes:
    with clock.frozen(dt.date(2019, 7, 31)):
        return ledger_export(user=user, filters=ItemFilters(**filters), today=clock.today())


def test_export_has_the_usual_columns_and_values(ledger, supervisor, liaison_a) -> None:
    # given
    source, (_problem, first, _second) = ledger
    item_transition(item=first, action=Action.ACKNOWLEDGE, actor=liaison_a)
    report_submit(actor=liaison_a, item=first, text="规划初稿已完成")
    # when
    sheet = _sheet(_export(supervisor))
    # then
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[2][:9] == (
        "1.1",
        "编制产业发展规划",
        "经济发展局",
        "张坂镇",
        "王明",
        "李华",
        dt.datetime(2019, 6, 30),  # noqa: DTZ001 - Excel cells hold naive datetimes
        "规划初稿已完成",
        "办理中",
    )
    assert rows[2][9] == str(source)
    assert rows[2][10] == "红"  # past its deadline on 2019-07-31
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.bold
    assert sheet["G3"].number_format == "yyyy-mm-dd"
    assert sheet["B3"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width > 30


def test_export_is_scoped_and_filtered(ledger, liaison_b, supervisor) -> None:
    # when
    town_rows = list(_sheet(_export(liaison_b)).iter_rows(values_only=True))[1:]
    keyword_rows = list(_sheet(_export(supervisor, q="污水")).iter_rows(values_only=True))[1:]
    # then: the town sees the item it leads and the one it cooperates on, not the problem
    assert [r[0] for r in town_rows] == ["1.1", "1.2"]
    assert [r[1] for r in keyword_rows] == ["推进污水处理厂建设"]


def test_round_trip_export_import_gives_the_same_items(ledger, supervisor) -> None:
    # given
    source, _items = ledger
    data = _export(supervisor, sources=(source.pk,))
    before = _picture(source)
    target = make_source(supervisor, title="另一来源")
    # when: importing into the same source changes nothing; into an empty one rebuilds the tree
    same = ledger_import(actor=supervisor, source=source, data=data, filename="台账.xlsx")
    rebuilt = ledger_import(actor=supervisor, source=target, data=data, filename="台账.xlsx")
    # then
    assert (same.created, same.updated, same.unchanged) == (0, 0, 3)
    assert _picture(source) == before
    assert rebuilt.created == 3
    assert _picture(target) == before


def _picture(source) -> list[tuple[object, ...]]:
    return [
        (
            i.number,
            i.title,
            i.lead_unit_id,
            sorted(u.pk for u in i.cooperating_units.all()),
            i.leader_id,
            i.responsible_id,
            i.deadline,
            i.parent.number if i.parent else None,
        )
        for i in Item.objects.filter(source=source).order_by("path").prefetch_related("cooperating_units")
    ]


@pytest.mark.parametrize("extra", [0, 15])
def test_export_query_count_is_constant(ledger, supervisor, org, extra, django_assert_num_queries) -> None:
    source, _items = ledger
    for n in range(extra):
        make_item(
            supervisor,
            source,
            lead_unit=org.town,
            title=f"事项{n}",
            cooperating_units=[org.economy],
            tags=["重点"],
        )
    _export(supervisor)  # the light settings row exists from now on
    # then: stale lights (none), items, cooperating units
    with django_assert_num_queries(3):
        _export(supervisor)
