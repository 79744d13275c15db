"""Entering and correcting values: growth from the prior year, the entered figure wins, audited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.indicators.models import IndicatorValue, Provenance
from duban.indicators.services.targets import target_set
from duban.indicators.services.values import indicator_value_correct, indicator_value_enter
from duban.org.models import User
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture

pytestmark = pytest.mark.django_db


def enter(world: World, year: int, value: str, growth: str | None = None, month: int = 6) -> IndicatorValue:
    return indicator_value_enter(
        actor=world.statistician,
        definition=world.gdp,
        subject=world.zone,
        year=year,
        month=month,
        value=Decimal(value),
        growth=Decimal(growth) if growth is not None else None,
    )


def test_growth_is_computed_from_the_prior_year_value(world: World) -> None:
    # given June 2018 at 136.5亿元
    first = enter(world, 2018, "136.5")
    assert (first.growth, first.growth_entered) == (None, False)  # no 2017: no growth
    # when June 2019 is entered at 149.75 without a growth
    value = enter(world, 2019, "149.75")
    # then growth = (149.75 − 136.5) / 136.5 = 9.7069…% → 9.7 (half-up, one decimal), computed
    assert (value.growth, value.growth_entered, value.provenance) == (
        Decimal("9.7"),
        False,
        Provenance.ENTERED,
    )
    event = AuditEvent.objects.get(action="indicator_value.enter", object_id=str(value.pk))
    assert event.after is not None and event.after["value"] == "149.7500"


def test_the_entered_growth_wins_over_the_computed_one(world: World) -> None:
    enter(world, 2018, "136.5")
    # the published growth at comparable prices (9.5) differs from the current-price one (9.7)
    value = enter(world, 2019, "149.75", growth="9.5")
    assert (value.growth, value.growth_entered) == (Decimal("9.5"), True)


def test_a_prior_value_entered_or_corrected_later_updates_the_computed_growth(world: World) -> None:
    # given 2019 entered first, without a prior year, and a published growth for July
    june = enter(world, 2019, "149.75")
    july = enter(world, 2019, "170", growth="9.9", month=7)
    assert june.growth is None
    june_id = june.pk
    # when 2018 is entered, then corrected
    prior = enter(world, 2018, "136.5")
    enter(world, 2018, "160", month=7)
    june = IndicatorValue.objects.get(pk=june_id)
    assert june.growth == Decimal("9.7")
    indicator_value_correct(
        actor=world.statistician, indicator_value=prior, value=Decimal("140"), reason="统计局修订"
    )
    # then June 2019's computed growth follows: (149.75 − 140) / 140 = 6.964…% → 7.0
    june = IndicatorValue.objects.get(pk=june_id)
    assert (june.growth, june.growth_entered) == (Decimal("7.0"), False)
    # while July's published growth stays as published
    july.refresh_from_db()
    assert (july.growth, july.growth_entered) == (Decimal("9.9"), True)


def test_a_correction_is_audited_with_before_after_and_reason(world: World) -> None:
    enter(world, 2018, "136.5")
    value = enter(world, 2019, "149.75", growth="9.5")
    # when the published growth is withdrawn (growth=None: compute it)
    corrected = indicator_value_correct(
        actor=world.statistician, indicator_value=value, growth=None, reason="改用现价"
    )
    assert (corrected.growth, corrected.growth_entered) == (Decimal("9.7"), False)
    event = AuditEvent.objects.get(action="indicator_value.correct")
    assert event.before is not None and event.after is not None
    assert (event.before["growth"], event.after["growth"], event.after["reason"]) == (
        "9.50",
        "9.70",
        "改用现价",
    )
    # and a correction that changes nothing writes nothing
    indicator_value_correct(actor=world.statistician, indicator_value=corrected, value=Decimal("149.75"))
    assert AuditEvent.objects.filter(action="indicator_value.correct").count() == 1


def test_a_second_entry_for_the_period_is_refused(world: World) -> None:
    enter(world, 2019, "149.75")
    with pytest.raises(DomainError) as refused:
        enter(world, 2019, "150")
    assert refused.value.code == ErrorCode.DUPLICATE
    assert "更正" in refused.value.message  # it says to correct instead


def test_the_period_must_fit_the_frequency(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        indicator_value_enter(
            actor=world.statistician,
            definition=world.revenue,
            subject=world.zone,
            year=2019,
            month=6,
            value=Decimal(1),
        )
    assert refused.value.fields == {"period": refused.value.message}
    assert "季度" in refused.value.message
    assert not IndicatorValue.objects.exists()


def test_only_a_statistician_writes_values_and_targets(
    world: World, liaison_a: User, supervisor: User
) -> None:
    for user in (liaison_a, supervisor):
        with pytest.raises(PermissionDenied):
            indicator_value_enter(
                actor=user, definition=world.gdp, subject=world.zone, year=2019, month=6, value=Decimal(1)
            )
        with pytest.raises(PermissionDenied):
            target_set(actor=user, definition=world.gdp, year=2019, growth=Decimal("8.5"))


def test_a_target_is_set_and_changed_with_its_audit(world: World) -> None:
    target = target_set(actor=world.statistician, definition=world.gdp, year=2019, growth=Decimal("8.5"))
    target_set(
        actor=world.statistician, definition=world.gdp, year=2019, value=Decimal("300"), growth=Decimal("8.5")
    )
    target.refresh_from_db()
    assert (target.value, target.growth) == (Decimal("300"), Decimal("8.5"))
    assert [e.action for e in AuditEvent.objects.filter(object_type="indicators.target").order_by("seq")] == [
        "target.set",
        "target.change",
    ]
    with pytest.raises(DomainError):
        target_set(actor=world.statistician, definition=world.gdp, year=2019)
