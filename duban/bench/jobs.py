"""``duban bench import`` and ``duban bench jobs``: the long jobs, timed on the database as it is.

``jobs`` runs, each in a transaction rolled back at its end (the database is left
as it was): lights for all items, a 10,000-row ledger import (and its re-import),
the Excel export of every item (50,000 on a large data set; a ledger of that size
is built first when the database holds fewer), bulk assign of 5,000 items, and the
supervision bulletin over all items (this year to date).
The ledger benchmarks themselves are :mod:`duban.reports.bench_ledger`'s.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.models import AuditEvent
from duban.audit.verify import verify_chain
from duban.core import clock
from duban.core.roles import Role
from duban.org.models import User
from duban.reports.bench_ledger import HEADERS, Timer, bench_bulk, bench_export, fixtures, sheet_rows
from duban.reports.bulletin.content import bulletin_content
from duban.reports.bulletin.docx import bulletin_docx
from duban.reports.ledger_import import ledger_import
from duban.reports.ledger_xlsx import ledger_export_write, rows_workbook
from duban.reports.models import BulletinTemplate
from duban.reports.statistics.figures import Period
from duban.supervision.filters import ItemFilters
from duban.supervision.models import DeadlineChange, Item
from duban.supervision.services.lights import lights_refresh

IMPORT_ROWS = 10_000
EXPORT_ITEMS = 50_000
BULK_ITEMS = 5_000


class Rollback(Exception):
    """Raised to leave a benchmark's transaction without committing."""


def rolled_back(work: Callable[[], object]) -> None:
    """Run ``work`` in a transaction and undo it (the audit chain included)."""
    try:
        with transaction.atomic():
            work()
            raise Rollback
    except Rollback:
        pass


def bench_import(timer: Timer, rows: int, *, update: bool, verify: bool) -> None:
    """The ledger import of ``rows`` rows, then (``update``) a re-import with every row changed."""
    bench = fixtures()
    actor, source = bench.actor, bench.source
    sheet = timer.step(
        "generating the workbook in memory", lambda: rows_workbook(HEADERS, sheet_rows(bench, rows))
    )
    timer.out.write(f"  {len(sheet) / 1024:,.0f} KiB")
    events_before = AuditEvent.objects.count()
    with timer.counted("importing (read, check, write, audit)", rows):
        result = ledger_import(actor=actor, source=source, data=sheet, filename="bench.xlsx")
    timer.out.write(f"  created {result.created:,}, updated {result.updated:,}")
    ids = list(Item.objects.filter(source=source).values_list("pk", flat=True))
    timer.step(
        "refreshing lights (after commit in real use)",
        lambda: lights_refresh(today=clock.today(), item_ids=ids),
    )
    if update:
        moved = rows_workbook(HEADERS, sheet_rows(bench, rows, deadline="2020-06-30", revised="（修订）"))
        with timer.counted("re-importing with every title changed and every deadline moved (updates)", rows):
            result = ledger_import(actor=actor, source=source, data=moved, filename="bench.xlsx")
        timer.out.write(f"  created {result.created:,}, updated {result.updated:,}")
    timer.out.write(
        f"  items {Item.objects.filter(source=source).count():,}, "
        f"deadline changes {DeadlineChange.objects.filter(item__source=source).count():,}, "
        f"audit events written {AuditEvent.objects.count() - events_before:,}"
    )
    if verify:
        checked = timer.step("verifying the whole audit chain", verify_chain)
        if not checked.ok:
            raise CommandError(
                _("The audit chain is broken at #%(seq)s: %(reason)s")
                % {"seq": checked.broken_seq, "reason": checked.reason}
            )
        timer.out.write(f"  {checked.checked:,} events intact")


def bench_lights(timer: Timer) -> None:
    total = Item.objects.count()
    with timer.counted("lights for all items (recompute and store)", total, "items"):
        done = lights_refresh(today=clock.today())
    timer.out.write(f"  {done}")


def bench_export_all(timer: Timer, items: int) -> None:
    """The export of every item a supervisor sees, if the database holds ``items``; else of a built ledger."""
    total = Item.objects.count()
    supervisor = User.objects.filter(is_active=True, roles__role=Role.SUPERVISOR).first()
    if total < items or supervisor is None:
        timer.out.write(f"the database holds {total:,} items: building a ledger of {items:,} to export")
        bench_export(timer, items)
        return
    with (
        tempfile.TemporaryFile() as out,
        timer.counted(
            f"Excel export of every item ({supervisor.username}, streamed to a file)", total, "items"
        ),
    ):
        rows = ledger_export_write(out, user=supervisor, filters=ItemFilters(), today=clock.today())
        size = out.tell()
    timer.out.write(f"  {rows:,} rows, {size / 1024:,.0f} KiB")


def bench_bulletin(timer: Timer) -> None:
    """The bulletin over every item a supervisor sees, this year to date: figures and the .docx."""
    supervisor = User.objects.filter(is_active=True, roles__role=Role.SUPERVISOR).first()
    if supervisor is None:
        timer.out.write("bulletin: no supervisor account, not timed")
        return
    today = clock.today()
    period = Period.ending(dt.date(today.year, 1, 1), today, today=today)
    with timer.counted("bulletin over all items (figures, then the .docx)", Item.objects.count(), "items"):
        content = bulletin_content(user=supervisor, period=period, scope_label="")
        document = bulletin_docx(
            content=content,
            template=BulletinTemplate.current(),
            serial=1,
            number="bench",
            title="bench",
            issued_on=today,
        )
    timer.out.write(f"  {content.total.overdue_now:,} overdue, {len(document) / 1024:,.0f} KiB")


def bench_jobs(timer: Timer) -> None:
    """Every long job in turn, each rolled back."""
    rolled_back(lambda: bench_lights(timer))
    rolled_back(lambda: bench_import(timer, IMPORT_ROWS, update=False, verify=False))
    rolled_back(lambda: bench_export_all(timer, EXPORT_ITEMS))
    rolled_back(lambda: bench_bulk(timer, BULK_ITEMS))
    rolled_back(lambda: bench_bulletin(timer))
