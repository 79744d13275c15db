"""Production settings: refuse to start without their keys; HTTPS declared means HSTS,
the SSL redirect and a clean ``duban check --deploy``.

Each case runs ``duban`` in a child process, as a deployment would start it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "s" * 20 + "-production-secret-key-0123456789-abcdefghij"
AUDIT = "a" * 20 + "-production-audit-key-0123456789"
PRINT = (
    "from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.SECURE_REDIRECT_EXEMPT)"
)


def _duban(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "DJANGO_"))}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "duban.settings.prod",
        "DUBAN_DATA_DIR": str(tmp_path),
        "DUBAN_ALLOWED_HOSTS": "duban.example.gov.cn",
        "DUBAN_SECRET_KEY": SECRET,
        "DUBAN_AUDIT_KEY": AUDIT,
    }
    environ |= env
    environ = {k: v for k, v in environ.items() if v}
    command = [sys.executable, "-m", "duban.cli", *args]
    # S603: the command is this interpreter and fixed arguments.
    return subprocess.run(command, env=environ, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603


def test_check_deploy_is_clean_when_https_is_declared(tmp_path: Path) -> None:
    result = _duban(tmp_path, "check", "--deploy", "--fail-level", "WARNING", DUBAN_HTTPS="true")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_https_site_url_declares_https(tmp_path: Path) -> None:
    result = _duban(
        tmp_path, "shell", "--no-imports", "-c", PRINT, DUBAN_SITE_URL="https://duban.example.gov.cn"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "['^healthz$']",
    ]


def test_plain_http_keeps_no_redirect_and_check_deploy_says_so(tmp_path: Path) -> None:
    shown = _duban(tmp_path, "shell", "--no-imports", "-c", PRINT, DUBAN_SITE_URL="http://10.0.0.5:8000")
    assert shown.stdout.split()[:2] == ["False", "0"]
    result = _duban(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DUBAN_AUDIT_KEY": ""}, "DUBAN_AUDIT_KEY"),
        ({"DUBAN_AUDIT_KEY": "short"}, "DUBAN_AUDIT_KEY"),
        ({"DUBAN_AUDIT_KEY": SECRET}, "DUBAN_AUDIT_KEY"),
        ({"DUBAN_SECRET_KEY": ""}, "DUBAN_SECRET_KEY"),
    ],
    ids=["audit-key-missing", "audit-key-short", "audit-key-is-the-secret-key", "secret-key-missing"],
)
def test_production_refuses_to_start_without_its_keys(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    result = _duban(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr
