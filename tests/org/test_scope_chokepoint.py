"""Scope has one chokepoint: pages and API handlers never query supervised objects directly.

A view or API module that wrote ``Item.objects`` (or Source/Attachment/ProgressReport)
could skip org/scope.py; they read through scope's ``access_*``/``*_visible`` or the
selectors, which start from scope.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "duban"
# ``.objects.none()`` is a placeholder a form fills from scope; it reads nothing.
GUARDED = re.compile(
    r"\b(Item|Source|Attachment|ProgressReport|IngestRun|DraftItem)\.objects\b(?!\.none\(\))"
)


def handler_modules() -> list[Path]:
    found = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py"), *ROOT.glob("*/views_*.py"),
             *ROOT.glob("*/api.py"), *ROOT.glob("*/api/*.py")]
    return sorted(found)


def test_there_are_handler_modules_to_check() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in handler_modules()}
    assert {"supervision/views/item.py", "supervision/api/items.py", "org/api.py"} <= names


@pytest.mark.parametrize("path", handler_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_handlers_do_not_query_guarded_models_directly(path: Path) -> None:
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if GUARDED.search(line)
    ]
    assert not offending, "read through the domain policy (org/scope.py, supervision/policy.py, ingest/policy.py) or the selectors instead:\n" + "\n".join(offending)
