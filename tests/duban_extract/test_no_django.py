from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_library_never_imports_django() -> None:
    code = (
        "import sys, duban_extract, duban_extract.cli, duban_extract.bench, duban_extract.explain; "
        "from datetime import date; duban_extract.extract('年底前建成1座桥。', ref_date=date(2020, 1, 2)); "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603 - fixed argv
    assert out.stdout.strip() == "[]"
