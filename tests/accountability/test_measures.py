"""Accountability measures (问责): recorded by the office against a unit or person for items; shown on
the item, the unit and the person; scoped like everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from duban.accountability.models import Measure, MeasureKind
from duban.accountability.services import measure_record
from duban.audit.models import AuditEvent
from duban.core import clock
from duban.core.errors import DomainError, PermissionDenied
from duban.org.models import User
from duban.supervision.models import Item
from tests.reports.conftest import Org, liaison_of


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    with translation.override("zh-hans"), clock.frozen(dt.date(2019, 7, 31)):
        yield


@pytest.fixture
def measure(supervisor: User, org: Org, june_ledger: list[Item]) -> Measure:
    return measure_record(
        actor=supervisor,
        kind=MeasureKind.INTERVIEW,
        unit=org.economy,
        person=org.leader,
        items=[june_ledger[0]],
        taken_on=dt.date(2019, 7, 30),
        reason="规划编制逾期一个月",
    )


def test_a_measure_is_recorded_with_its_audit_row(measure: Measure, june_ledger: list[Item]) -> None:
    assert list(measure.items.all()) == [june_ledger[0]]
    event = AuditEvent.objects.get(action="accountability.record")
    assert event.after is not None and event.after["items"] == [june_ledger[0].pk]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit": None, "person": None}, "unit"),
        ({"items": []}, "items"),
        ({"taken_on": dt.date(2019, 8, 1)}, "taken_on"),
        ({"reason": "  "}, "reason"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    supervisor: User, org: Org, june_ledger: list[Item], change: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "kind": MeasureKind.INTERVIEW,
        "unit": org.economy,
        "person": None,
        "items": [june_ledger[0]],
        "taken_on": dt.date(2019, 7, 30),
        "reason": "逾期",
    }
    args.update(change)
    with pytest.raises(DomainError) as refused:
        measure_record(actor=supervisor, **args)  # type: ignore[arg-type]
    assert field in refused.value.fields
    assert not Measure.objects.exists()


def test_only_the_office_records(org: Org, june_ledger: list[Item]) -> None:
    with pytest.raises(PermissionDenied):
        measure_record(
            actor=liaison_of(org.economy),
            kind=MeasureKind.INTERVIEW,
            unit=org.economy,
            person=None,
            items=[june_ledger[0]],
            taken_on=dt.date(2019, 7, 30),
            reason="逾期",
        )


def test_the_measure_shows_on_the_item_the_unit_and_the_person(
    client: Client, supervisor: User, org: Org, measure: Measure, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    pages = {
        "item": reverse("supervision:item_detail", args=[june_ledger[0].pk]),
        "unit": reverse("org:unit_detail", args=[org.economy.pk]),
        "person": reverse("org:person_detail", args=[org.leader.pk]),
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert f'data-testid="{name}-accountability"' in html, name
        assert "约谈" in html and "规划编制逾期一个月" in html, name


def test_another_unit_neither_sees_the_measure_nor_its_panel(
    client: Client, org: Org, measure: Measure, june_ledger: list[Item]
) -> None:
    client.force_login(liaison_of(org.town))
    listing = client.get(reverse("accountability:list"))
    assert listing.status_code == 200 and "规划编制逾期一个月" not in listing.content.decode()
    # the town cooperates on nothing here, so the item itself is out of its scope
    assert client.get(reverse("supervision:item_detail", args=[june_ledger[0].pk])).status_code == 404
    assert client.get(reverse("accountability:record") + f"?item={june_ledger[0].pk}").status_code == 404


def test_the_office_records_from_the_item_page(
    client: Client, supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    client.force_login(supervisor)
    item = june_ledger[2]
    form = client.get(reverse("accountability:record") + f"?item={item.pk}")
    assert form.status_code == 200 and form.context["form"].initial["unit"] == org.town.pk
    done = client.post(
        reverse("accountability:record"),
        {
            "kind": MeasureKind.PUBLIC_CRITICISM,
            "unit": org.town.pk,
            "items": [item.pk],
            "taken_on": "2019-07-31",
            "reason": "污水处理逾期",
        },
    )
    assert done.status_code == 302
    recorded = Measure.objects.get()
    assert (recorded.kind, recorded.unit_id, list(recorded.items.all())) == (
        "public_criticism",
        org.town.pk,
        [item],
    )
    refused = client.post(
        reverse("accountability:record"),
        {"kind": "interview", "items": [item.pk], "taken_on": "2019-07-31", "reason": "x"},
    )
    assert refused.status_code == 400 and Measure.objects.count() == 1
