"""Indicator models: the database holds one value per period, grains and provenance stay consistent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorValue, PeerSet, Provenance, Subject, SubjectKind, Target
from tests.indicators.factories import DefinitionFactory, SubjectFactory, TargetFactory, ValueFactory
from tests.org.factories import make_unit

pytestmark = pytest.mark.django_db


def test_one_value_per_definition_subject_and_period() -> None:
    # given a June value
    first = ValueFactory.create()
    # when another June value of the same indicator and subject is stored
    # then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        ValueFactory.create(definition=first.definition, subject=first.subject, value=Decimal(1))
    # while July, another subject, or a quarter of the same year are distinct periods
    ValueFactory.create(definition=first.definition, subject=first.subject, month=7)
    ValueFactory.create(definition=first.definition, month=6)
    ValueFactory.create(definition=first.definition, subject=first.subject, month=0, quarter=2)
    assert IndicatorValue.objects.filter(definition=first.definition).count() == 4


@pytest.mark.parametrize(
    "fields",
    [
        {"month": 13},
        {"quarter": 5},
        {"month": 6, "quarter": 2},  # a month and a quarter at once
        {"growth_entered": True, "growth": None},  # an entered growth needs its figure
        {"provenance": Provenance.IMPORTED, "source_file": ""},  # an import names its file
    ],
    ids=["month-13", "quarter-5", "month-and-quarter", "entered-without-growth", "import-without-file"],
)
def test_database_refuses_inconsistent_values(fields: dict[str, object]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ValueFactory.create(**fields)


def test_imported_value_keeps_file_and_row() -> None:
    value = ValueFactory.create(
        provenance=Provenance.IMPORTED, source_file="2019年6月统计月报.xlsx", source_row="1—6月 第5行"
    )
    value.refresh_from_db()
    assert (value.provenance, value.source_file, value.source_row) == (
        "imported",
        "2019年6月统计月报.xlsx",
        "1—6月 第5行",
    )


@pytest.mark.parametrize(
    ("frequency", "month", "quarter", "field"),
    [
        (Frequency.MONTHLY, 0, 0, "month"),
        (Frequency.MONTHLY, 0, 2, "month"),
        (Frequency.QUARTERLY, 0, 0, "quarter"),
        (Frequency.QUARTERLY, 6, 0, "quarter"),
        (Frequency.ANNUAL, 6, 0, "month"),
        (Frequency.ANNUAL, 0, 2, "quarter"),
    ],
)
def test_period_grain_follows_the_frequency(
    frequency: Frequency, month: int, quarter: int, field: str
) -> None:
    definition = DefinitionFactory.create(frequency=frequency)
    value = ValueFactory.build(
        definition=definition, subject=SubjectFactory.create(), month=month, quarter=quarter
    )
    with pytest.raises(ValidationError) as refused:
        value.full_clean()
    assert list(refused.value.message_dict) == [field]


@pytest.mark.parametrize(
    ("frequency", "month", "quarter"),
    [(Frequency.MONTHLY, 6, 0), (Frequency.QUARTERLY, 0, 2), (Frequency.ANNUAL, 0, 0)],
)
def test_period_of_the_right_grain_is_accepted(frequency: Frequency, month: int, quarter: int) -> None:
    definition = DefinitionFactory.create(frequency=frequency)
    value = ValueFactory.build(
        definition=definition, subject=SubjectFactory.create(), month=month, quarter=quarter
    )
    value.full_clean()


def test_grain_messages_are_chinese() -> None:
    definition = DefinitionFactory.create(frequency=Frequency.MONTHLY)
    value = ValueFactory.build(definition=definition, subject=SubjectFactory.create(), month=0)
    with pytest.raises(ValidationError) as refused:
        value.full_clean()
    assert refused.value.message_dict["month"] == ["月度指标须填写1至12月中的月份。"]


def test_target_needs_a_value_or_a_growth() -> None:
    TargetFactory.create(value=Decimal(290), growth=None)
    TargetFactory.create(value=None, growth=Decimal("8.5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory.create(value=None, growth=None)
    assert Target.objects.count() == 2


def test_one_target_per_indicator_and_year() -> None:
    target = TargetFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory.create(definition=target.definition)


def test_unit_subject_names_its_unit_once() -> None:
    unit = make_unit()
    Subject.objects.create(name="经发局", kind=SubjectKind.UNIT, unit=unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subject.objects.create(name="经发局（重复）", kind=SubjectKind.UNIT, unit=unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subject.objects.create(name="无单位", kind=SubjectKind.UNIT)


def test_peer_set_members_and_scope_word() -> None:
    peers = PeerSet.objects.create(name="全市各县（市、区）", scope_word="全市")
    members = SubjectFactory.create_batch(3)
    peers.members.set(members)
    assert set(Subject.objects.filter(peer_sets=peers)) == set(members)
    assert peers.scope_word == "全市"
