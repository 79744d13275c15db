"""The indicators API's schemas (指标接口的数据结构): what goes in and out of ``duban.indicators.api``.

Inputs are bounded at the boundary (core/inputs.py): ids, years 1949–2100, months 0–12,
quarters 0–4, figures that fit their columns (20 digits with 4 decimals, growth 9 with 2),
text without NUL; a value no column can hold is a 400 ``invalid`` naming the field.
"""

# No ``from __future__ import annotations``: ninja resolves the schemas' annotations at runtime.
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from duban.core.inputs import CleanText, Count, Id, omittable
from duban.indicators.expected import Frequency
from duban.indicators.models import IndicatorItemLink, PeerSet, SubjectKind, ValueKind
from duban.indicators.ranking import Direction
from duban.indicators.reporting_periods import YEAR_MAX, YEAR_MIN
from duban.indicators.warnings import WarningKind

Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Month = Annotated[int, Field(ge=0, le=12)]
Quarter = Annotated[int, Field(ge=0, le=4)]
Figure = Annotated[Decimal, Field(max_digits=20, decimal_places=4)]
GrowthFigure = Annotated[Decimal, Field(max_digits=9, decimal_places=2)]


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    frequency: str
    value_kind: str
    direction: str
    category: str
    lead_unit_id: int | None
    leader_id: int | None
    responsible_id: int | None
    sort_order: int
    is_active: bool


class IndicatorIn(Schema):
    code: CleanText = Field(min_length=1, max_length=40)
    name: CleanText = Field(min_length=1, max_length=100)
    unit: CleanText = Field("", max_length=20)
    frequency: Frequency = Frequency.MONTHLY
    value_kind: ValueKind = ValueKind.CUMULATIVE
    direction: Direction = Direction.HIGHER
    category: CleanText = Field("", max_length=50)
    lead_unit_id: Id | None = None
    leader_id: Id | None = None
    responsible_id: Id | None = None
    sort_order: Count = 100
    is_active: bool = True


class IndicatorPatch(Schema):
    """Only the fields sent change; ``null`` clears the lead unit, leader or responsible person."""

    code: CleanText = omittable()
    name: CleanText = omittable()
    unit: CleanText = omittable()
    frequency: Frequency = omittable()
    value_kind: ValueKind = omittable()
    direction: Direction = omittable()
    category: CleanText = omittable()
    lead_unit_id: Id | None = None
    leader_id: Id | None = None
    responsible_id: Id | None = None
    sort_order: Count = omittable()
    is_active: bool = omittable()


class ValueOut(Schema):
    id: int
    indicator_id: int = Field(alias="definition_id")
    subject_id: int
    year: int
    month: int
    quarter: int
    value: Decimal
    growth: Decimal | None
    growth_entered: bool
    provenance: str
    source_file: str
    source_row: str


class ValueIn(Schema):
    subject_id: Id
    year: Year
    month: Month = 0
    quarter: Quarter = 0
    value: Figure
    growth: GrowthFigure | None = Field(
        None, description="The published growth in %; left out, it is computed."
    )


class ValuePatch(Schema):
    """A correction: ``value`` and/or ``growth``; ``growth: null`` drops a published growth (computed)."""

    value: Figure = omittable()
    growth: GrowthFigure | None = None
    reason: CleanText = Field("", max_length=500)


class TargetIn(Schema):
    value: Figure | None = None
    growth: GrowthFigure | None = None


class TargetOut(Schema):
    id: int
    indicator_id: int = Field(alias="definition_id")
    year: int
    value: Decimal | None
    growth: Decimal | None


class SubjectOut(Schema):
    id: int
    name: str
    kind: str
    unit_id: int | None
    sort_order: int


class SubjectIn(Schema):
    name: CleanText = Field(min_length=1, max_length=100)
    kind: SubjectKind
    unit_id: Id | None = None
    sort_order: Count = 100


class SubjectPatch(Schema):
    name: CleanText = omittable()
    kind: SubjectKind = omittable()
    unit_id: Id | None = None
    sort_order: Count = omittable()


class PeerSetOut(Schema):
    id: int
    name: str
    scope_word: str
    member_ids: list[int]

    @staticmethod
    def resolve_member_ids(obj: PeerSet) -> list[int]:
        return sorted(m.pk for m in obj.members.all())


class PeerSetIn(Schema):
    name: CleanText = Field(min_length=1, max_length=100)
    scope_word: CleanText = Field("全市", min_length=1, max_length=10)
    member_ids: list[Id] = []


class PeerSetPatch(Schema):
    name: CleanText = omittable()
    scope_word: CleanText = omittable()
    member_ids: list[Id] | None = None


class ChangeOut(Schema):
    sheet: str
    row: int
    kind: str
    label: str
    fields: list[str]


class PreviewOut(Schema):
    token: str
    filename: str
    created: int
    updated: int
    unchanged: int
    changes: list[ChangeOut]


class ImportOptions(Schema):
    """The import's choices: the year of sheets named without one (1-6月), the subject of period sheets."""

    year: Year | None = None
    subject_id: Id | None = None


class ConfirmIn(Schema):
    token: CleanText = Field(min_length=1, max_length=64)
    year: Year | None = None
    subject_id: Id | None = None


class ImportOut(Schema):
    filename: str
    created: int
    updated: int
    unchanged: int
    sheets: list[str]
    message: str


class WarningItemIn(Schema):
    subject_id: Id
    year: Year
    month: Month = 0
    quarter: Quarter = 0
    warning_kind: WarningKind


class WarningItemOut(Schema):
    id: int
    indicator_id: int = Field(alias="definition_id")
    subject_id: int
    year: int
    month: int
    quarter: int
    warning_kind: str
    item_id: int
    item_title: str

    @staticmethod
    def resolve_item_title(obj: IndicatorItemLink) -> str:
        return obj.item.title


class RankOut(Schema):
    position: int | None
    of: int
    tied: bool


class WarningOut(Schema):
    kind: str
    figures: dict[str, Any]


class StandingOut(Schema):
    """An indicator's standing in the month: figures, target, 序时, 双过半, ranks, warnings, sentences."""

    indicator_id: int
    code: str
    name: str
    unit: str
    period: str | None
    value: Decimal | None
    growth: Decimal | None
    growth_entered: bool
    target_value: Decimal | None
    target_growth: Decimal | None
    expected: Decimal | None
    expected_basis: str | None
    half_year_passed: bool | None
    growth_rank: RankOut | None
    value_rank: RankOut | None
    warnings: list[WarningOut]
    light: str
    value_text: str
    rank_text: str


class OverviewOut(Schema):
    month: str
    months: list[str]
    peer_set_id: int | None
    scope_word: str
    headline: str
    summaries: list[str]
    rows: list[StandingOut]
