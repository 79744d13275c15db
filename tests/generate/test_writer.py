"""``duban generate --size small`` end to end: rows, tree, audit, lights, reproducibility, refusal."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Max, Min

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core import clock
from duban.generate.digest import rows_digest
from duban.org.models import LeaderUnit, Person, Unit, User
from duban.supervision.models import Item, ItemTransition, Milestone, ProgressReport, Source
from duban.supervision.workflow import OPEN_STATES
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 15)


def generate(*extra: str) -> str:
    out = StringIO()
    with clock.frozen(DAY):
        call_command("generate", "--size", "small", "--seed", "3", *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_small_end_to_end_and_reproducible() -> None:
    # given an empty database
    # when the small set is generated twice from one seed (the first undone before the second)
    with transaction.atomic():
        generate()
        first = rows_digest()
        counts = {
            "units": Unit.objects.count(), "people": Person.objects.count(), "users": User.objects.count(),
            "sources": Source.objects.count(), "items": Item.objects.count(),
            "reports": ProgressReport.objects.count(), "transitions": ItemTransition.objects.count(),
            "milestones": Milestone.objects.count(), "leaders": LeaderUnit.objects.count(),
            "audit": AuditEvent.objects.count(),
        }  # fmt: skip
        depth = max(len(n.split(".")) for n in Item.objects.values_list("number", flat=True))
        subs = Item.objects.filter(parent__isnull=False).count()
        open_lights = set(Item.objects.filter(state__in=OPEN_STATES).values_list("light", flat=True))
        chain = verify_chain()
        busiest = Item.objects.values("lead_unit").annotate(n=Count("pk")).aggregate(top=Max("n"))["top"]
        last_report = ProgressReport.objects.aggregate(last=Max("submitted_at"))["last"]
        entered = Item.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
        transaction.set_rollback(True)
    assert Item.objects.count() == 0
    generate()
    # then the rows are the same, of the shape asked for
    assert rows_digest() == first
    assert counts["units"] == 30 and counts["items"] == 500 and counts["sources"] == 24
    assert 100 <= counts["people"] <= 150 and counts["users"] == 37 and counts["leaders"] > 10
    assert 4_900 <= counts["reports"] <= 5_100
    assert counts["transitions"] > 1_000 and counts["milestones"] > 0
    assert depth == 3 and subs == 150
    assert busiest > 500 / 30 * 3  # skewed: the busiest unit leads over three times its share
    assert {"green", "red"} <= open_lights and "" not in open_lights
    assert last_report is not None and clock.local_date(last_report) < DAY
    # items were entered over the years, with their sources
    assert clock.local_date(entered["first"]) < DAY - dt.timedelta(days=3 * 365)
    assert clock.local_date(entered["last"]) < DAY
    # every row created, step taken and report submitted has its audit row, and the chain holds
    assert counts["audit"] >= counts["units"] + counts["people"] + counts["items"] + counts["reports"]
    assert chain.ok


def test_refuses_a_database_with_items(supervisor: User) -> None:
    # given a database that holds an item
    make_item(supervisor, make_source(supervisor))
    units = Unit.objects.count()
    # when generating without --force, then it refuses and writes nothing
    with pytest.raises(CommandError, match="--force"):
        generate()
    assert Unit.objects.count() == units and Item.objects.count() == 1
