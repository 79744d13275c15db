"""Concurrent writers into one source keep the ledger's invariants (PostgreSQL lane).

Threads create items (through the service and through the API), move them,
import rows and spawn a recurring item's occurrences in one source at the same
time. Afterwards every ledger number is unique, siblings are numbered 1..n
with no gap, each number spells its parent's number and its position, every
successful create is on the ledger and each period has one occurrence.

SQLite serialises writers, so the race cannot happen there: the test is marked
``postgres_only`` and the SQLite lane skips it (tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import threading
from collections import defaultdict
from collections.abc import Callable

import pytest
from django.db import connections

from duban.core import clock
from duban.core.errors import DomainError
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.bulk import ItemRow, items_import
from duban.supervision.services.recurrence import recurrence_spawn
from duban.supervision.services.tree import item_create, item_move, item_update
from tests.supervision.api.conftest import ApiClient
from tests.supervision.factories import make_source

pytestmark = [
    pytest.mark.postgres_only(reason="PostgreSQL: concurrent writers (SQLite serialises them)"),
    pytest.mark.django_db(transaction=True),
]

CREATES = 8  # per creating thread
MOVES = 6
IMPORTS = 4
API_CREATES = 4  # each request costs about 0.2 s
MONTHS = (8, 9, 10)  # the periods two spawning threads race for (July spawns on save)
TIMEOUT = 60.0  # seconds for all threads; a few seconds in practice


def _run(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Run the workers in threads released together; the exceptions they raised."""
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=10)
            work()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(t.is_alive() for t in threads), "a writer is still waiting (deadlock?)"
    return errors


def ledger_problems(source: Source) -> list[str]:
    """What is wrong with the source's numbering (empty when consistent)."""
    rows = list(Item.objects.filter(source=source).values("id", "parent_id", "position", "number", "path"))
    by_id = {r["id"]: r for r in rows}
    problems = []
    seen: dict[str, int] = {}
    for row in rows:
        if row["number"] in seen:
            problems.append(f"number {row['number']} on items {seen[row['number']]} and {row['id']}")
        seen[row["number"]] = row["id"]
        parent = by_id.get(row["parent_id"]) if row["parent_id"] else None
        spelled = f"{parent['number']}.{row['position']}" if parent else str(row["position"])
        if row["number"] != spelled:
            problems.append(f"item {row['id']} is numbered {row['number']}, its place spells {spelled}")
    positions: dict[int | None, list[int]] = defaultdict(list)
    for row in rows:
        positions[row["parent_id"]].append(row["position"])
    for parent_id, found in positions.items():
        if sorted(found) != list(range(1, len(found) + 1)):
            problems.append(f"children of {parent_id} at positions {sorted(found)}: not 1..{len(found)}")
    return problems


def test_parallel_creates_moves_imports_and_occurrences_keep_numbers_unique_and_gapless(
    supervisor: User, unit_a: Unit
) -> None:
    # given: a source with a few items and a monthly recurring item (its July occurrence spawns on save)
    with clock.frozen(dt.date(2019, 7, 31)):
        source = make_source(supervisor)
        tops = [item_create(actor=supervisor, source=source, title=f"既有事项{n}") for n in range(3)]
        template = item_create(
            actor=supervisor,
            source=source,
            title="月度调度",
            recurrence="monthly",
            start_date=dt.date(2019, 7, 1),
            deadline=dt.date(2019, 12, 31),
        )
        api = ApiClient(supervisor)
        assert api.get(f"/sources/{source.pk}").status_code == 200  # the API's first request sets it up
        created: list[int] = []
        imported: list[int] = []

        def creator(seed: int) -> Callable[[], None]:
            def work() -> None:
                rnd = random.Random(seed)
                for n in range(CREATES):
                    parent = rnd.choice([None, *tops])
                    item = item_create(
                        actor=supervisor, source=source, parent=parent, title=f"并发{seed}-{n}"
                    )
                    created.append(item.pk)

            return work

        def api_creator() -> None:
            for n in range(API_CREATES):
                answer = api.post(
                    "/items", {"source_id": source.pk, "title": f"接口{n}", "lead_unit_id": unit_a.pk}
                )
                assert answer.status_code == 201, answer.content
                created.append(answer.json()["id"])

        def mover() -> None:
            rnd = random.Random(7)
            for _n in range(MOVES):
                item = rnd.choice(tops)
                others = [t for t in tops if t.pk != item.pk]
                parent = rnd.choice([None, None, *others])
                with contextlib.suppress(DomainError):  # under its own descendant: refused, fine
                    item_move(actor=supervisor, item=item, parent=parent, position=rnd.randint(1, 6))
                item_move(actor=supervisor, item=item, parent=None, position=rnd.randint(1, 6))

        def importer() -> None:
            for n in range(IMPORTS):
                top = str(Item.objects.filter(source=source, parent=None).count() + 1)  # racy on purpose
                rows = [
                    ItemRow(number=top, fields={"title": f"导入{n}"}),
                    ItemRow(number=f"{top}.1", fields={"title": f"导入{n}之一"}),
                ]
                try:
                    result = items_import(actor=supervisor, source=source, rows=rows)
                except DomainError:  # another writer took the number first: the sheet is refused whole
                    continue
                imported.append(result.created)

        def spawner() -> None:
            for month in MONTHS:
                recurrence_spawn(today=dt.date(2019, month, 15))
                item_update(actor=supervisor, item=Item.objects.get(pk=template.pk), content=f"{month}月安排")

        # when: all of them at once
        errors = _run([creator(1), creator(2), creator(3), api_creator, mover, importer, spawner, spawner])

    # then: nobody failed, nothing is lost, and the ledger is consistent
    assert errors == []
    assert ledger_problems(source) == []
    assert Item.objects.filter(pk__in=created).count() == 3 * CREATES + API_CREATES
    labels = list(Item.objects.filter(occurrence_of=template).values_list("occurrence_label", flat=True))
    assert sorted(labels) == sorted(f"2019年{m}月" for m in (7, *MONTHS))
    expected = len(tops) + 1 + len(labels) + len(created) + sum(imported)
    assert Item.objects.filter(source=source).count() == expected


def test_ledger_problems_sees_a_duplicate_number_and_a_gap(supervisor: User) -> None:
    # given: a consistent ledger
    source = make_source(supervisor)
    one = item_create(actor=supervisor, source=source, title="一")
    item_create(actor=supervisor, source=source, title="二")
    assert ledger_problems(source) == []
    # when: a sibling position is skipped (what the old unlocked create could leave after a move)
    Item.objects.filter(pk=one.pk).update(position=3, number="3", path="0003")
    # then
    assert ledger_problems(source) == ["children of None at positions [2, 3]: not 1..2"]
