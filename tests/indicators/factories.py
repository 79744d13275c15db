"""Factories for indicators (factory_boy)."""

from __future__ import annotations

from decimal import Decimal

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from duban.indicators.models import IndicatorDefinition, IndicatorValue, Subject, SubjectKind, Target


class DefinitionFactory(DjangoModelFactory[IndicatorDefinition]):
    class Meta:
        model = IndicatorDefinition

    code = Sequence(lambda n: f"IND{n:03d}")
    name = Sequence(lambda n: f"测试指标{n}")
    unit = "亿元"


class SubjectFactory(DjangoModelFactory[Subject]):
    class Meta:
        model = Subject

    name = Sequence(lambda n: f"测试区{n}")
    kind = SubjectKind.PEER


class ValueFactory(DjangoModelFactory[IndicatorValue]):
    class Meta:
        model = IndicatorValue

    definition = SubFactory(DefinitionFactory)
    subject = SubFactory(SubjectFactory)
    year = 2019
    month = 6
    value = Decimal("149.75")


class TargetFactory(DjangoModelFactory[Target]):
    class Meta:
        model = Target

    definition = SubFactory(DefinitionFactory)
    year = 2019
    growth = Decimal("8.5")
