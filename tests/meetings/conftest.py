"""The report tests' small organisation and June ledger serve here too."""

from tests.reports.conftest import june_ledger, org

__all__ = ["june_ledger", "org"]
