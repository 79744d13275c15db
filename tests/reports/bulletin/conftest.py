"""Bulletin tests read the document in Chinese, as it is sent (the ledger: tests/reports/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The bulletin is read in Chinese, as it is sent."""
    with translation.override("zh-hans"):
        yield
