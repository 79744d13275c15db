"""``duban bench import``: prints its figures and leaves the database as it was."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from duban.audit.models import AuditEvent
from duban.org.models import Unit
from duban.supervision.models import Item, Source

pytestmark = pytest.mark.django_db


def test_bench_import_reports_and_rolls_back() -> None:
    # given
    out = StringIO()
    # when
    call_command("bench", "import", "--rows", "150", stdout=out)
    # then
    text = out.getvalue()
    assert "150 rows (" in text
    assert "created 150, updated 0" in text
    assert "created 0, updated 150" in text
    assert "audit events written 300" in text
    assert "events intact" in text
    assert "rolled back" in text
    assert not Item.objects.exists() and not Source.objects.exists() and not Unit.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("export", "120 rows, "),
        ("bulk", "status 302, assigned 120\n"),
        ("portfolio", "page 2 of 2 (120 open items)"),
    ],
)
def test_ledger_benches_report_and_roll_back(what: str, expected: str) -> None:
    # given
    out = StringIO()
    # when
    call_command("bench", what, "--items", "120", stdout=out)
    # then
    text = out.getvalue()
    assert "120 items (" in text or "1 pages (" in text
    assert expected in text
    assert "status 200" in text or what != "portfolio"
    assert "rolled back" in text
    assert not Item.objects.exists() and not Source.objects.exists() and not Unit.objects.exists()
    assert not AuditEvent.objects.exists()
