"""``duban bench jobs`` times the bulletin over every item and leaves the database as it was."""

from __future__ import annotations

from io import StringIO

from duban.bench.jobs import bench_bulletin, rolled_back
from duban.org.models import User
from duban.reports.bench_ledger import Timer
from duban.reports.models import Bulletin
from duban.supervision.models import Item
from tests.reports.conftest import Org


class _Out:
    def __init__(self) -> None:
        self.text = StringIO()

    def write(self, line: str) -> None:
        self.text.write(line + "\n")


def test_the_bulletin_job_reports_its_time_and_issues_nothing(
    supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    out = _Out()
    rolled_back(lambda: bench_bulletin(Timer(out)))
    text = out.text.getvalue()
    assert "bulletin over all items" in text and "for 3 items" in text and "2 overdue" in text
    assert not Bulletin.objects.exists()
