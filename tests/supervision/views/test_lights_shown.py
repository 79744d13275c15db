"""One light everywhere: the ledger row, its light filter, the item page and the portfolio's
counts show the same value after the day turns; an unknown calendar year is named on the
ledger and the portfolio too."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from duban.core import clock
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.factories import make_item
from tests.supervision.views.conftest import TODAY, client_for

LEDGER = reverse("supervision:ledger")
PORTFOLIO = reverse("supervision:portfolio")


def _assigned(supervisor: User, source: Source, unit: Unit, **fields: object) -> Item:
    item = make_item(supervisor, source, lead_unit=unit, **fields)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    return item


def _dot(html: str, testid: str) -> str:
    """The data-light of the first light dot inside the element with ``testid``."""
    match = re.search(rf'data-testid="{testid}".*?data-light="(\w*)"', html, re.S)
    assert match, testid
    return match.group(1)


def test_ledger_filter_page_and_portfolio_agree_after_the_day_turns(
    supervisor: User, leader_a: User, source: Source, unit_a: Unit
) -> None:
    # given an item due Fri 08-09, on trajectory, its light stored on Wed 07-31 (green: 7 working days)
    item = _assigned(supervisor, source, unit_a, start_date=dt.date(2019, 7, 1), deadline=dt.date(2019, 8, 9))
    Item.objects.filter(pk=item.pk).update(progress_percent=90)
    lights_refresh(today=TODAY)
    assert Item.objects.get(pk=item.pk).light == "green"
    office, leader = client_for(supervisor), client_for(leader_a)
    # when the clock moves to Tue 08-06 (three working days left) and no nightly job has run
    with clock.frozen(dt.date(2019, 8, 6)):
        yellow = office.get(LEDGER, {"light": "yellow"})
        green = office.get(LEDGER, {"light": "green"})
        page = office.get(reverse("supervision:item_detail", args=[item.pk]))
        portfolio = leader.get(PORTFOLIO)
    # then every view says yellow
    assert [r.item.pk for r in yellow.context["rows"]] == [item.pk]
    assert [r.colour for r in yellow.context["rows"]] == ["yellow"]
    assert list(green.context["rows"]) == []
    assert _dot(page.content.decode(), "light-card") == "yellow"
    assert {c.colour: c.count for c in portfolio.context["counts"]} == {"yellow": 1}


def test_unknown_calendar_year_is_named_on_the_ledger_portfolio_and_item_page(
    supervisor: User, leader_a: User, source: Source, unit_a: Unit
) -> None:
    # given an item due in a year the official calendar does not know
    item = _assigned(
        supervisor, source, unit_a, start_date=dt.date(2019, 7, 1), deadline=dt.date(2027, 3, 31)
    )
    # when
    ledger = client_for(supervisor).get(LEDGER).content.decode()
    portfolio = client_for(leader_a).get(PORTFOLIO).content.decode()
    page = client_for(supervisor).get(reverse("supervision:item_detail", args=[item.pk])).content.decode()
    # then each names the year
    for html in (ledger, portfolio):
        warning = re.search(r'data-testid="calendar-warning">(.*?)</div>', html, re.S)
        assert warning and "2027年的法定工作日历未知" in warning.group(1)
    assert "2027年的法定工作日历未知" in page


def test_no_calendar_warning_when_every_year_is_known(supervisor: User, source: Source, unit_a: Unit) -> None:
    _assigned(supervisor, source, unit_a, deadline=dt.date(2019, 12, 31))
    assert 'data-testid="calendar-warning"' not in client_for(supervisor).get(LEDGER).content.decode()
