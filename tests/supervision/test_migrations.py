"""Migration 0006: ledgers left inconsistent by concurrent creates are renumbered before 0007's constraint."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from duban.core import clock
from duban.org.models import User
from duban.supervision.models import Item
from duban.supervision.services.recurrence import recurrence_spawn
from duban.supervision.services.tree import item_create
from tests.supervision.factories import make_source

migration = importlib.import_module("duban.supervision.migrations.0006_ledger_numbers_consistent")


def _row(pk: int, parent: int | None, position: int, number: str) -> SimpleNamespace:
    return SimpleNamespace(id=pk, parent_id=parent, position=position, number=number, path="")


def test_renumbering_gives_duplicates_the_next_numbers_earliest_first() -> None:
    # given: what concurrent creates left, 2 three times (the later two have a child)
    rows = [
        _row(1, None, 1, "1"),
        _row(2, None, 2, "2"),
        _row(3, None, 2, "2"),
        _row(4, None, 2, "2"),
        _row(5, 3, 1, "2.1"),
    ]
    # when
    changed = migration._renumber(rows)
    # then: the earliest keeps its number, the others follow, gapless, children with them
    assert [(r.id, r.position, r.number, r.path) for r in rows] == [
        (1, 1, "1", "0001"),
        (2, 2, "2", "0002"),
        (3, 3, "3", "0003"),
        (4, 4, "4", "0004"),
        (5, 1, "3.1", "0003.0001"),
    ]
    assert sorted(r.id for r in changed) == [1, 2, 3, 4, 5]  # the paths were empty


def test_a_consistent_ledger_is_left_as_it_is() -> None:
    rows = [_row(1, None, 1, "1"), _row(2, 1, 1, "1.1"), _row(3, None, 2, "2")]
    for row in rows:
        row.path = {"1": "0001", "1.1": "0001.0001", "2": "0002"}[row.number]
    assert migration._renumber(rows) == []


def _alter_constraints(how: str) -> None:
    """Drop or add Item's constraints inside the test's transaction (PostgreSQL DDL is transactional)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred checks
    with connection.schema_editor() as editor:
        for constraint in Item._meta.constraints:
            getattr(editor, f"{how}_constraint")(Item, constraint)


@pytest.mark.postgres_only(reason="PostgreSQL: dropping a constraint inside the test's transaction")
@pytest.mark.django_db
def test_the_migration_repairs_numbers_and_occurrences_then_the_constraints_hold(supervisor: User) -> None:
    # given: a ledger as it was before the constraints (dropped here; the test's transaction restores them)
    with clock.frozen(dt.date(2019, 7, 31)):
        source = make_source(supervisor)
        one = item_create(actor=supervisor, source=source, title="一")
        two = item_create(actor=supervisor, source=source, title="二")
        template = item_create(
            actor=supervisor,
            source=source,
            parent=one,
            title="月度调度",
            recurrence="monthly",
            start_date=dt.date(2019, 7, 1),
            deadline=dt.date(2019, 12, 31),
        )
        [august] = recurrence_spawn(today=dt.date(2019, 8, 15))
    _alter_constraints("remove")
    Item.objects.filter(pk=two.pk).update(position=1, number="1", path="0001")
    Item.objects.filter(pk=august.pk).update(occurrence_label="2019年7月")
    # when
    migration.forwards(apps, None)
    # then
    ledger = list(Item.objects.filter(source=source).order_by("path").values_list("number", "title"))
    assert ledger == [
        ("1", "一"),
        ("1.1", "月度调度"),
        ("1.2", "月度调度（2019年7月）"),
        ("1.3", "月度调度（2019年8月）"),
        ("2", "二"),
    ]
    labels = sorted(Item.objects.filter(occurrence_of=template).values_list("occurrence_label", flat=True))
    assert labels == ["2019年7月", f"2019年7月#{august.pk}"]
    _alter_constraints("add")
