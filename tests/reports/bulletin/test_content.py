"""The bulletin's content: figures equal the statistics', praise and criticism follow the data."""

from __future__ import annotations

import datetime as dt

from duban.org.models import User
from duban.reports.bulletin.content import bulletin_content
from duban.reports.statistics.facts import GroupBy, Within, statistics
from duban.reports.statistics.figures import Period
from duban.supervision.models import Item
from tests.reports.conftest import TODAY, Org

JUNE_JULY = Period.ending(dt.date(2019, 6, 1), TODAY, today=TODAY)


def test_the_figures_are_the_statistics_figures(supervisor: User, org: Org, june_ledger: list[Item]) -> None:
    # when
    content = bulletin_content(user=supervisor, period=JUNE_JULY, scope_label="")
    stats = statistics(user=supervisor, period=JUNE_JULY, group_by=GroupBy.UNIT)
    # then
    assert content.total == stats.total
    assert (content.in_scope, content.open_now, content.total.completed, content.total.overdue_now) == (
        3,
        2,
        1,
        2,
    )
    units = [(u.unit, u.count, u.days, u.leaders) for u in content.overdue_by_unit]
    assert units == [("经济发展局", 1, 31, ["王明"]), ("张坂镇", 1, 30, [])]
    assert [i.title for i in content.completed] == ["完成调研"]


def test_criticism_goes_to_units_with_overdue_items_most_days_first(
    supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    content = bulletin_content(user=supervisor, period=JUNE_JULY, scope_label="")
    assert content.criticised == ["经济发展局", "张坂镇"]
    assert content.praised == []  # 经济发展局 completed on time but still has an overdue item


def test_praise_for_a_unit_that_completed_on_time_with_nothing_overdue(
    supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    # given only the economy bureau's items, seen before its first item fell overdue
    period = Period.ending(dt.date(2019, 6, 1), dt.date(2019, 6, 30), today=TODAY)
    content = bulletin_content(
        user=supervisor,
        period=period,
        within=Within(lead_unit=org.economy.pk),
        scope_label="经济发展局牵头的",
    )
    # then nothing is overdue on 30 June and nothing closed in June: no praise either
    assert content.total.overdue_now == 0 and content.praised == [] and content.criticised == []
    # when the period reaches the closing day but stops before the deadline passed for the town
    period = Period.ending(dt.date(2019, 7, 1), dt.date(2019, 7, 15), today=TODAY)
    content = bulletin_content(
        user=supervisor, period=period, within=Within(lead_unit=org.town.pk), scope_label=""
    )
    assert content.criticised == ["张坂镇"]
