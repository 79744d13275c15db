"""Load the demo's indicators through the indicator services (idempotent).

The statistician (统计员) defines the nine indicators, the zone and the city's
districts, the peer set and the 2019 targets, and loads the figures from
January 2017 to June 2019 as the statistics office gets them: one workbook a
year of the city's monthly sheets (districts in rows: 地区 / 指标 / 代码 / 1—N月累计 /
比增%), imported through ``values_import`` — each figure then names its file and
cell, the file's name says the figures are invented, and each import is one
audit row. Indicators already defined (same codes) are left as they are.
"""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction
from openpyxl import Workbook

from duban.core import clock
from duban.demo import indicators_data as data
from duban.demo.load_org import Say
from duban.indicators.models import IndicatorDefinition, PeerSet, Subject, SubjectKind, ValueKind
from duban.indicators.services.definitions import indicator_create
from duban.indicators.services.imports import values_import
from duban.indicators.services.subjects import peer_set_create, subject_create
from duban.indicators.services.targets import target_set
from duban.indicators.workbook.layout import cumulative_header, sheet_title
from duban.org.models import Person, Unit, User

# The statistics office loaded the half-year figures after the city's release.
ENTERED_ON = dt.date(2019, 7, 22)


@transaction.atomic
def demo_load_indicators(*, say: Say) -> None:
    statistician = User.objects.get(username="statistician")
    with clock.frozen(ENTERED_ON):
        subjects = _load_subjects(statistician)
        _load_peer_set(statistician, subjects)
        if IndicatorDefinition.objects.filter(code__in=[i.code for i in data.INDICATORS]).exists():
            return
        rows = {ind.code: data.demo_values(ind) for ind in data.INDICATORS}
        for ind in data.INDICATORS:
            _define(statistician, ind, rows[ind.code])
        for year in data.YEARS:
            values_import(actor=statistician, data=_workbook(year, rows), filename=data.workbook_name(year))
    say(
        f"indicators: {len(data.INDICATORS)}, {len(subjects)} subjects, "
        f"{sum(len(r) for r in rows.values())} figures 2017—2019年6月; {data.INVENTED_NOTE}"
    )


def _load_subjects(actor: User) -> dict[str, Subject]:
    subjects = {s.name: s for s in Subject.objects.all()}
    if data.ZONE not in subjects:
        subjects[data.ZONE] = subject_create(
            actor=actor, name=data.ZONE, kind=SubjectKind.ZONE, sort_order=10
        )
    for order, (name, _size) in enumerate(data.PEERS, start=2):
        if name not in subjects:
            subjects[name] = subject_create(
                actor=actor, name=name, kind=SubjectKind.PEER, sort_order=order * 10
            )
    return subjects


def _load_peer_set(actor: User, subjects: dict[str, Subject]) -> None:
    if not PeerSet.objects.filter(name=data.PEER_SET).exists():
        members = [subjects[data.ZONE], *(subjects[name] for name, _size in data.PEERS)]
        peer_set_create(actor=actor, name=data.PEER_SET, scope_word=data.SCOPE_WORD, members=members)


def _define(actor: User, ind: data.DemoIndicator, rows: list[data.DemoValue]) -> None:
    """Define one indicator and set its 2019 target."""
    order = [i.code for i in data.INDICATORS].index(ind.code) + 1
    definition = indicator_create(
        actor=actor,
        code=ind.code,
        name=ind.name,
        unit=ind.unit,
        frequency=ind.frequency,
        value_kind=ValueKind.CUMULATIVE,
        category=data.CATEGORY,
        sort_order=order * 10,
        lead_unit=Unit.objects.get(name=ind.lead_unit),
        leader=Person.objects.get(name=ind.leader),
    )
    target_set(
        actor=actor,
        definition=definition,
        year=2019,
        value=data.target_value(ind, rows),
        growth=ind.target_growth,
    )


def _workbook(year: int, rows: dict[str, list[data.DemoValue]]) -> bytes:
    """The year's workbook: a sheet a month, each figure of the month (quarterly ones at quarter ends)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    last = data.LAST_MONTH_2019 if year == 2019 else 12
    for month in range(1, last + 1):
        sheet = book.create_sheet(sheet_title(year, month))
        sheet.append(
            [f"{year}年{cumulative_header(month).removesuffix('累计')}全市各县（市、区）主要经济指标"]
        )
        # January's year-to-date figure is the month's own (本月), as the sheets print it
        sheet.append(["地区", "指标", "代码", "本月" if month == 1 else cumulative_header(month), "比增%"])
        for ind in data.INDICATORS:
            for row in rows[ind.code]:
                if row.year == year and (row.month == month or (row.quarter and row.quarter * 3 == month)):
                    growth = float(row.growth) if row.growth is not None else None
                    sheet.append([row.subject, ind.name, ind.code, float(row.value), growth])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
