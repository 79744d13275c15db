"""A warning turned into a supervision item in one step (预警转督办).

The supervision office picks a warning of an indicator (below the expected value, growth
below target, rank dropped, repeated decline) for a subject and period; the warning is
checked against the figures as they are now (``assess.assess`` on the stored values,
the target and the peer set that holds the subject), and an item is registered as a
draft through the supervision services (``item_create``, audited there) for the
indicator's lead unit and leader in charge, its title and content written from the
warning's figures. The item sits under the year's source 「2019年指标预警督办」, created
on first use. An :class:`~duban.indicators.models.IndicatorItemLink` ties the two, so
the indicator's page finds the item and the item's page the indicator.

One item per warning: a second request names the item already registered for it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core.errors import DomainError, ErrorCode
from duban.indicators import policy
from duban.indicators.assess import PROFILE_YEARS, Assessment, Figure, IndicatorFacts, assess
from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorDefinition, IndicatorItemLink, Subject, Target, ValueKind
from duban.indicators.ranking import Direction
from duban.indicators.reporting_periods import Period
from duban.indicators.sentences import chinese_ordinal, format_number
from duban.indicators.services.values import checked_period
from duban.indicators.warnings import (
    BelowExpected,
    BelowGrowthTarget,
    IndicatorWarning,
    RankDropped,
    RepeatedDecline,
    WarningKind,
)
from duban.org.models import User
from duban.supervision.models import Item, Source
from duban.supervision.models.item import ItemKind
from duban.supervision.models.source import SourceKind
from duban.supervision.services.source import source_create
from duban.supervision.services.tree import item_create

SOURCE_TITLE = "{year}年指标预警督办"
WARNING_WORDS = {
    WarningKind.BELOW_EXPECTED: "低于序时进度",
    WarningKind.BELOW_GROWTH_TARGET: "增幅低于年度目标",
    WarningKind.RANK_DROPPED: "增幅排名下降",
    WarningKind.REPEATED_DECLINE: "增幅连续回落",
}


def existing_link(
    *, definition: IndicatorDefinition, subject: Subject, period: Period, warning_kind: WarningKind
) -> IndicatorItemLink | None:
    """The item already registered for this warning, if any (the page shows it instead of the button)."""
    return (
        IndicatorItemLink.objects.select_related("item")
        .filter(
            definition=definition,
            subject=subject,
            year=period.year,
            month=period.month,
            quarter=period.quarter,
            warning_kind=warning_kind,
        )
        .first()
    )


def _refuse_existing(link: IndicatorItemLink) -> DomainError:
    message = _("This warning is already a supervision item: %(item)s (No. %(id)d).") % {
        "item": link.item.title,
        "id": link.item_id,
    }
    return DomainError(ErrorCode.DUPLICATE, message, fields={"item": str(link.item_id)})


def current_assessment(
    *, actor: User, definition: IndicatorDefinition, subject: Subject, period: Period
) -> tuple[Assessment, str]:
    """The subject's standing now (figures of it and of the peers of its first peer set); the scope word."""
    peer_set = subject.peer_sets.order_by("name").first()
    members = [subject.pk]
    if peer_set is not None:
        members = list(dict.fromkeys([subject.pk, *peer_set.members.values_list("pk", flat=True)]))
    rows = policy.values_visible(actor).filter(
        definition=definition,
        subject_id__in=members,
        year__gte=period.year - PROFILE_YEARS,
        year__lte=period.year,
    )
    peers: dict[int, dict[Period, Figure]] = {m: {} for m in members}
    for row in rows:
        peers[row.subject_id][Period(row.year, row.month, row.quarter)] = Figure(
            value=row.value, growth=row.growth, growth_entered=row.growth_entered
        )
    target = Target.objects.filter(definition=definition, year=period.year).first()
    facts = IndicatorFacts(
        frequency=Frequency(definition.frequency),
        cumulative=definition.value_kind == ValueKind.CUMULATIVE,
        direction=Direction(definition.direction),
        subject=subject.pk,
        peers=peers,
        target_value=target.value if target is not None else None,
        target_growth=target.growth if target is not None else None,
    )
    return assess(facts, period), peer_set.scope_word if peer_set is not None else ""


def _percent(value: Decimal) -> str:
    return f"{format_number(value, 1)}%"


def warning_text(
    warning: IndicatorWarning, *, definition: IndicatorDefinition, period: Period, scope_word: str
) -> str:
    """The warning in a report's words, from its figures (预警说明)."""
    unit = definition.unit
    if isinstance(warning, BelowExpected):
        return (
            f"{period.label}{definition.name}{format_number(warning.actual)}{unit}，"
            f"按序时进度应达{format_number(warning.expected, 2)}{unit}，"
            f"差{format_number(warning.shortfall, 2)}{unit}"
        )
    if isinstance(warning, BelowGrowthTarget):
        return (
            f"{period.label}{definition.name}比增{_percent(warning.growth)}，低于年度目标{_percent(warning.target)}，"
            f"差{format_number(warning.shortfall, 1)}个百分点"
        )
    if isinstance(warning, RankDropped):
        return (
            f"{period.label}{definition.name}增幅排名由{scope_word}{chinese_ordinal(warning.previous)}"
            f"降至{chinese_ordinal(warning.current)}"
        )
    assert isinstance(warning, RepeatedDecline)
    series = "、".join(_percent(g) for g in warning.growths)
    return f"截至{period.label}，{definition.name}增幅连续{warning.periods}期回落（{series}）"


def _source(actor: User, year: int) -> Source:
    """The year's source of warning items, registered on first use."""
    title = SOURCE_TITLE.format(year=year)
    source = Source.objects.filter(title=title, kind=SourceKind.KEY_WORK).order_by("pk").first()
    if source is not None:
        return source
    return source_create(
        actor=actor,
        kind=SourceKind.KEY_WORK,
        title=title,
        date=dt.date(year, 1, 1),
        description="由指标监测预警转入的督办事项。",
    )


@transaction.atomic
def warning_to_item(
    *,
    actor: User,
    indicator: IndicatorDefinition,
    subject: Subject,
    period: Period,
    warning_kind: WarningKind,
) -> IndicatorItemLink:
    """Register a supervision item for a warning of ``indicator`` (预警转督办); linked both ways."""
    policy.check_turn_warning_into_item(actor)
    period = checked_period(indicator, year=period.year, month=period.month, quarter=period.quarter)
    linked = existing_link(definition=indicator, subject=subject, period=period, warning_kind=warning_kind)
    if linked is not None:
        raise _refuse_existing(linked)
    assessment, scope_word = current_assessment(
        actor=actor, definition=indicator, subject=subject, period=period
    )
    warning = next((w for w in assessment.warnings if w.kind == warning_kind), None)
    if warning is None:
        message = _("“%(indicator)s” of %(subject)s has no such warning for %(period)s.") % {
            "indicator": indicator.name,
            "subject": subject.name,
            "period": period.label,
        }
        raise DomainError(ErrorCode.INVALID, message, field="warning_kind")
    if indicator.lead_unit_id is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("“%(indicator)s” has no lead unit: set it before turning its warning into an item.")
            % {"indicator": indicator.name},
            field="lead_unit",
        )
    text = warning_text(warning, definition=indicator, period=period, scope_word=scope_word)
    title = f"{indicator.name}{WARNING_WORDS[warning_kind]}（{subject.name}{period.label}）"
    item = _register(actor, indicator, title=title, text=text, year=period.year)
    try:
        with transaction.atomic():
            link = IndicatorItemLink.objects.create(
                definition=indicator,
                subject=subject,
                year=period.year,
                month=period.month,
                quarter=period.quarter,
                warning_kind=warning_kind,
                item=item,
                created_by=actor,
            )
    except IntegrityError:  # the same warning turned into an item a moment ago, by someone else
        raise _refuse_existing(
            existing_link(definition=indicator, subject=subject, period=period, warning_kind=warning_kind)  # type: ignore[arg-type]
        ) from None
    audit_record(
        actor=actor,
        action="indicator.warning_to_item",
        obj=indicator,
        after={"item": item.pk, "subject": subject.pk, "period": period.label, "warning": str(warning_kind)},
    )
    return link


def _register(actor: User, indicator: IndicatorDefinition, *, title: str, text: str, year: int) -> Item:
    responsible = indicator.responsible
    if responsible is not None and responsible.unit_id != indicator.lead_unit_id:
        responsible = None  # the responsible person is the lead unit's
    content = f"{text}。请牵头单位分析原因，提出针对性措施，按期反馈进展。"
    return item_create(
        actor=actor,
        source=_source(actor, year),
        kind=ItemKind.TASK,
        title=title[:300],
        content=content,
        lead_unit=indicator.lead_unit,
        leader=indicator.leader,
        responsible=responsible,
    )
