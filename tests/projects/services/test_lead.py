"""Attraction leads: recorded, advanced in order with dates, a started lead becomes a key project."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, PermissionDenied
from duban.org.models import Unit, User
from duban.projects.models import Lead
from duban.projects.services.lead import lead_advance, lead_create, lead_to_project, target_create
from tests.projects.factories import make_officer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


def _lead(actor: User, unit: Unit) -> Lead:
    return lead_create(
        actor=actor,
        name="台商电子元件厂",
        origin="taiwan",
        unit=unit,
        talks_on=dt.date(2018, 11, 5),
        amount=Decimal(8000),
        sector="电子信息",
    )


def test_a_lead_advances_stage_by_stage_keeping_each_date(
    officer: User, liaison_a: User, unit_a: Unit
) -> None:
    lead = _lead(liaison_a, unit_a)
    lead = lead_advance(actor=liaison_a, lead=lead, stage="signed", on=dt.date(2018, 12, 20))
    lead = lead_advance(actor=officer, lead=lead, stage="landed", on=dt.date(2019, 1, 18))
    assert (lead.stage, lead.signed_on, lead.landed_on) == (
        "landed",
        dt.date(2018, 12, 20),
        dt.date(2019, 1, 18),
    )
    assert AuditEvent.objects.filter(action="lead.advance").count() == 2
    with pytest.raises(DomainError) as back:
        lead_advance(actor=officer, lead=lead, stage="signed", on=dt.date(2019, 2, 1))
    assert "stage" in back.value.fields
    with pytest.raises(DomainError) as early:  # started before it landed
        lead_advance(actor=officer, lead=lead, stage="started", on=dt.date(2019, 1, 2))
    assert "started_on" in early.value.fields
    with pytest.raises(DomainError):  # not in advance
        lead_advance(actor=officer, lead=lead, stage="started", on=dt.date(2019, 8, 2))


def test_a_liaison_works_only_its_own_units_leads(liaison_a: User, liaison_b: User, unit_a: Unit) -> None:
    with pytest.raises(PermissionDenied):
        _lead(liaison_b, unit_a)
    lead = _lead(liaison_a, unit_a)
    with pytest.raises(DomainError) as caught:
        lead_advance(actor=liaison_b, lead=lead, stage="signed", on=dt.date(2018, 12, 20))
    assert caught.value.code == "not_found"


def test_a_started_lead_becomes_a_key_project_once(officer: User, unit_a: Unit) -> None:
    lead = _lead(officer, unit_a)
    with pytest.raises(DomainError):
        lead_to_project(actor=officer, lead=lead)  # only in talks
    for stage, day in (
        ("signed", dt.date(2018, 12, 1)),
        ("landed", dt.date(2019, 1, 10)),
        ("started", dt.date(2019, 4, 1)),
    ):
        lead = lead_advance(actor=officer, lead=lead, stage=stage, on=day)
    project = lead_to_project(actor=officer, lead=lead, annual_investment=Decimal(3000))
    assert (project.name, project.lead_unit, project.year) == ("台商电子元件厂", unit_a, 2019)
    assert (project.total_investment, project.actual_start, project.status) == (
        Decimal(8000),
        dt.date(2019, 4, 1),
        "under_construction",
    )
    lead.refresh_from_db()
    assert lead.project == project
    with pytest.raises(DomainError):
        lead_to_project(actor=officer, lead=lead)


def test_targets_with_ranges(officer: User, liaison_a: User) -> None:
    target = target_create(
        actor=officer,
        title="2019年春节前3—5个台资企业落户",
        period_start=dt.date(2018, 11, 1),
        period_end=dt.date(2019, 2, 4),
        origin="taiwan",
        count_min=3,
        count_max=5,
    )
    assert target.stage == "landed"
    with pytest.raises(DomainError):
        target_create(
            actor=officer,
            title="倒置",
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2019, 2, 1),
            count_min=5,
            count_max=3,
        )
    with pytest.raises(PermissionDenied):
        target_create(
            actor=liaison_a,
            title="x",
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2019, 2, 1),
            count_min=1,
        )
