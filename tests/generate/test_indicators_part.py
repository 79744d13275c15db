"""The generated indicators: counts by size, growth as the services compute it, provenance, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.audit.models import AuditEvent
from duban.generate import shape
from duban.generate.indicators import SCALES, write_indicators
from duban.generate.writer import PARTS, Keys, write_org
from duban.indicators.growth import growth_compute
from duban.indicators.models import IndicatorDefinition, IndicatorValue, PeerSet, Provenance, Subject, Target

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def test_the_part_is_registered() -> None:
    assert write_indicators in PARTS


def test_small_indicators() -> None:
    plan = shape.plan("small", seed=3, today=TODAY)
    keys = Keys()
    write_org(plan, keys, tag="")
    counts = write_indicators(plan, keys, lambda stage, done, total: None)
    scale = SCALES["small"]
    assert counts["indicators"] == IndicatorDefinition.objects.count() == scale.indicators
    assert Subject.objects.count() == scale.subjects
    assert PeerSet.objects.get().members.count() == scale.subjects
    assert Target.objects.count() == scale.indicators * 3  # 2024, 2025, 2026
    # 18 monthly indicators × 29 months (2024-01 … 2026-05) + 2 quarterly × 9 quarters, for 5 subjects
    assert counts["indicator_values"] == IndicatorValue.objects.count() == (18 * 29 + 2 * 9) * 5
    # computed growth is what the services compute from the prior year's value
    computed = IndicatorValue.objects.filter(growth_entered=False, year=2026).select_related("definition")[
        :50
    ]
    for value in computed:
        prior = IndicatorValue.objects.get(
            definition=value.definition,
            subject=value.subject,
            year=2025,
            month=value.month,
            quarter=value.quarter,
        )
        assert value.growth == growth_compute(current=value.value, prior=prior.value)
    assert IndicatorValue.objects.filter(growth_entered=True).exists()
    assert not IndicatorValue.objects.exclude(provenance=Provenance.IMPORTED).exists()
    assert IndicatorValue.objects.filter(year=2024, growth__isnull=False).count() == 0  # no 2023 to grow from
    assert IndicatorValue.objects.filter(value__lte=Decimal(0)).count() == 0
    # one audit row per month's import
    assert AuditEvent.objects.filter(action="indicator_values.import").count() == 29
