"""Indicators policy: who reads which indicators (404 alike for missing and out of scope), who writes."""

from __future__ import annotations

import pytest

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.indicators import policy
from duban.indicators.models import IndicatorValue
from duban.org.models import Unit, User
from tests.indicators.write_fixtures import World, world_fixture  # noqa: F401 - the world fixture
from tests.org.factories import make_user

pytestmark = pytest.mark.django_db

# role → (reads every indicator, writes values/targets/definitions, turns warnings into items)
MATRIX = {
    Role.STATISTICIAN: (True, True, False),
    Role.SUPERVISOR: (True, False, True),
    Role.TOP_LEADER: (True, False, False),
    Role.LEADER: (True, False, False),
    Role.ADMIN: (True, False, False),
    Role.LIAISON: (False, False, False),
    Role.PROJECT_OFFICER: (False, False, False),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_each_role_reads_and_writes_as_the_spec_says(world: World, unit_b: Unit, role: Role) -> None:
    user = make_user(role, unit=unit_b, username=f"u_{role}")
    reads_all, writes, turns = MATRIX[role]
    visible = set(policy.indicators_visible(user).values_list("code", flat=True))
    # a unit's user reads the indicators its unit leads (unit B leads CPI)
    assert visible == ({"GDP", "CPI", "REV"} if reads_all else {"CPI"})
    assert policy.sees_all_indicators(user) is reads_all
    assert policy.may_read_indicators(user)
    for may in (policy.may_write_values, policy.may_set_targets, policy.may_define, policy.may_import):
        assert may(user) is writes, may.__name__
    assert policy.may_turn_warning_into_item(user) is turns


def test_out_of_scope_is_not_found_like_missing(world: World, liaison_b: User) -> None:
    with pytest.raises(NotFound) as hidden:
        policy.access_indicator(liaison_b, world.gdp.pk)
    with pytest.raises(NotFound) as missing:
        policy.access_indicator(liaison_b, 999_999)
    assert hidden.value.message == missing.value.message
    assert policy.access_indicator(liaison_b, world.cpi.pk) == world.cpi


def test_values_and_targets_follow_their_indicator(world: World, liaison_b: User) -> None:
    gdp = IndicatorValue.objects.create(definition=world.gdp, subject=world.zone, year=2019, month=6, value=1)
    cpi = IndicatorValue.objects.create(
        definition=world.cpi, subject=world.peers[0], year=2019, month=6, value=2
    )
    assert list(policy.values_visible(liaison_b)) == [cpi]  # every subject's figures of its own indicator
    with pytest.raises(NotFound):
        policy.access_value(liaison_b, gdp.pk)
    assert policy.values_visible(world.statistician).count() == 2


def test_a_user_without_a_role_or_unit_sees_nothing(world: World) -> None:
    nobody = make_user(username="nobody")
    unbound = make_user(Role.LIAISON, username="unbound")
    unbound.unit = None
    unbound.save()
    for user in (nobody, unbound):
        assert not policy.may_read_indicators(user)
        assert not policy.indicators_visible(user).exists()
        assert not policy.subjects_visible(user).exists()
        assert not policy.peer_sets_visible(user).exists()
