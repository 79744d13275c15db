"""Scope has one chokepoint: pages, API handlers, forms and reports never query guarded models directly.

A view, API, form or report module that wrote ``Item.objects`` (or Source/Attachment/
ProgressReport/IngestRun/DraftItem) could skip the domain policy; they read through
the policy's ``access_*``/``*_visible``, the selectors (which start from it), or the
related managers of an object already accessed (``item.reports``, ``source.items``).
A line may say why it is safe with a ``# scoped: <reason>`` comment (a subquery
correlated to scoped rows). Commands and benchmarks (``management/``, ``bench*.py``)
act for the shell, not for a viewer, and are not checked.
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


SAFE = re.compile(r"#\s*scoped:\s*\S")


def _is_tool(path: Path) -> bool:
    return "management" in path.parts or path.name.startswith("bench")


def handler_modules() -> list[Path]:
    found = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py"), *ROOT.glob("*/views_*.py"),
             *ROOT.glob("*/api.py"), *ROOT.glob("*/api/*.py"),
             *ROOT.glob("*/forms.py"), *ROOT.glob("*/forms/*.py"),
             *ROOT.glob("reports/**/*.py")]
    return sorted({p for p in found if not _is_tool(p)})


def test_there_are_handler_modules_to_check() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in handler_modules()}
    assert {"supervision/views/item.py", "supervision/api/items.py", "org/api.py", "supervision/forms.py",
            "ingest/forms.py", "reports/ledger_xlsx.py", "reports/views.py"} <= names
    assert "reports/management/commands/bench.py" not in names


@pytest.mark.parametrize("path", handler_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_handlers_do_not_query_guarded_models_directly(path: Path) -> None:
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if GUARDED.search(line) and not SAFE.search(line)
    ]
    advice = ("read through the domain policy (org/scope.py, supervision/policy.py, ingest/policy.py)"
              " or the selectors")
    assert not offending, advice + " instead:\n" + "\n".join(offending)
