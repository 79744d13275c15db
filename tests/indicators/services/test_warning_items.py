"""A warning becomes a supervision item in one step, for the lead unit and leader, once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.indicators.models import IndicatorItemLink
from duban.indicators.reporting_periods import Period
from duban.indicators.services.targets import target_set
from duban.indicators.services.values import indicator_value_enter
from duban.indicators.services.warning_items import warning_to_item
from duban.indicators.warnings import WarningKind
from duban.org.models import User
from duban.supervision.workflow import State
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture
from tests.org.factories import make_person

pytestmark = pytest.mark.django_db
JUNE = Period(2019, 6)


@pytest.fixture
def behind(world: World) -> World:
    """GDP of the zone grew 9.7% in the first half against a 12% target."""
    world.gdp.leader = make_person(name="李副主任")
    world.gdp.save()
    target_set(actor=world.statistician, definition=world.gdp, year=2019, growth=Decimal("12"))
    indicator_value_enter(
        actor=world.statistician,
        definition=world.gdp,
        subject=world.zone,
        year=2019,
        month=6,
        value=Decimal("149.75"),
        growth=Decimal("9.7"),
    )
    return world


def test_a_warning_becomes_an_item_of_the_lead_unit_and_leader(behind: World, supervisor: User) -> None:
    link = warning_to_item(
        actor=supervisor,
        indicator=behind.gdp,
        subject=behind.zone,
        period=JUNE,
        warning_kind=WarningKind.BELOW_GROWTH_TARGET,
    )
    item = link.item
    assert (item.lead_unit_id, item.leader_id, item.state) == (
        behind.gdp.lead_unit_id,
        behind.gdp.leader_id,
        State.DRAFT,
    )
    assert item.title == "地区生产总值增幅低于年度目标（本区2019年6月）"
    # 12.0 − 9.7 = 2.3 percentage points
    assert "2019年6月地区生产总值比增9.7%，低于年度目标12.0%，差2.3个百分点" in item.content
    assert item.source.title == "2019年指标预警督办"
    # linked both ways
    assert list(item.indicator_links.values_list("definition_id", flat=True)) == [behind.gdp.pk]
    assert behind.gdp.item_links.get().item == item


def test_the_same_warning_twice_points_at_the_existing_item(behind: World, supervisor: User) -> None:
    first = warning_to_item(
        actor=supervisor,
        indicator=behind.gdp,
        subject=behind.zone,
        period=JUNE,
        warning_kind=WarningKind.BELOW_GROWTH_TARGET,
    )
    with pytest.raises(DomainError) as refused:
        warning_to_item(
            actor=supervisor,
            indicator=behind.gdp,
            subject=behind.zone,
            period=JUNE,
            warning_kind=WarningKind.BELOW_GROWTH_TARGET,
        )
    assert refused.value.code == ErrorCode.DUPLICATE
    assert refused.value.fields["item"] == str(first.item_id)
    assert first.item.title in refused.value.message
    assert IndicatorItemLink.objects.count() == 1


def test_a_warning_the_figures_do_not_raise_is_refused(behind: World, supervisor: User) -> None:
    with pytest.raises(DomainError) as refused:
        warning_to_item(
            actor=supervisor,
            indicator=behind.gdp,
            subject=behind.zone,
            period=JUNE,
            warning_kind=WarningKind.RANK_DROPPED,
        )
    assert refused.value.code == ErrorCode.INVALID
    assert not IndicatorItemLink.objects.exists()


def test_only_the_supervision_office_turns_warnings_into_items(behind: World) -> None:
    with pytest.raises(PermissionDenied):
        warning_to_item(
            actor=behind.statistician,
            indicator=behind.gdp,
            subject=behind.zone,
            period=JUNE,
            warning_kind=WarningKind.BELOW_GROWTH_TARGET,
        )


def test_the_item_page_shows_the_warning_it_came_from(
    behind: World, supervisor: User, liaison_b: User
) -> None:
    link = warning_to_item(
        actor=supervisor,
        indicator=behind.gdp,
        subject=behind.zone,
        period=JUNE,
        warning_kind=WarningKind.BELOW_GROWTH_TARGET,
    )
    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("supervision:item_detail", args=[link.item_id])).content.decode()
    assert 'data-testid="item-indicator-warnings"' in page
    assert "地区生产总值 · 本区 · 2019年6月" in page and "增幅低于目标" in page
    assert reverse("indicators:indicator", args=[behind.gdp.pk]) in page
