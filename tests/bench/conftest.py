"""The report tests' June ledger serves the bulletin job too."""

from tests.reports.conftest import june_ledger, org

__all__ = ["june_ledger", "org"]
