"""The Content-Security-Policy: on every response, and kept by every template.

The policy allows scripts and styles from duban's own origin only, so a template
with an inline <script>, an on…= handler or a style attribute would break under it;
the scan below finds them before a browser does (tests/browser/test_csp.py loads the
pages themselves).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from duban.org.models import User
from duban.web.security import HEADER

ROOT = Path(__file__).resolve().parents[2] / "duban"
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


def test_the_policy_allows_nothing_inline() -> None:
    policy = dict(part.strip().split(" ", 1) for part in settings.CONTENT_SECURITY_POLICY.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in settings.CONTENT_SECURITY_POLICY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/", "/supervision/ledger/", "/api/v1/openapi.json", "/no-such-page/", "/healthz"],
)
def test_every_response_carries_the_policy(client: Client, supervisor: User, path: str) -> None:
    client.force_login(supervisor)
    response = client.get(path)
    assert response[HEADER] == settings.CONTENT_SECURITY_POLICY


def test_there_are_templates_to_scan() -> None:
    assert len(TEMPLATES) > 40
    assert ROOT / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_inline_script_handlers_or_styles(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    found = [
        (what, match.group(0))
        for what, pattern in [
            ("inline script", INLINE_SCRIPT),
            ("event handler", HANDLER),
            ("style attribute", STYLE_ATTRIBUTE),
            ("style element", STYLE_ELEMENT),
        ]
        for match in pattern.finditer(text)
    ]
    assert found == []
