"""Download names: an exact RFC 5987 ``filename*`` and a safe ASCII fallback."""

from __future__ import annotations

import pytest

from duban.core.downloads import ascii_name, content_disposition


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("report.pdf", "report.pdf"),
        ("<script>alert(1)</script>.pdf", "_script_alert(1)__script_.pdf"),
        ("整改报告.pdf", "file.pdf"),
        ('a"b\\c;d.txt', "a_b_c_d.txt"),
        ("第3季度 report.docx", "_3__ report.docx"),
    ],
)
def test_ascii_fallback(name: str, fallback: str) -> None:
    assert ascii_name(name) == fallback


def test_content_disposition_carries_the_exact_name() -> None:
    assert content_disposition("<script>alert(1)</script>.pdf") == (
        'attachment; filename="_script_alert(1)__script_.pdf"; '
        "filename*=UTF-8''%3Cscript%3Ealert%281%29%3C%2Fscript%3E.pdf"
    )
    assert content_disposition("整改.pdf", inline=True).startswith('inline; filename="file.pdf"; ')
