"""duban create_admin: the first administrator, validated and audited."""

import pytest
from django.core.management import CommandError, call_command

from duban.audit.models import AuditEvent
from duban.org.models import User

pytestmark = pytest.mark.django_db


def test_creates_an_audited_administrator(monkeypatch) -> None:
    monkeypatch.setenv("DUBAN_ADMIN_PASSWORD", "a-long-and-unusual-passphrase")
    call_command("create_admin", "chief")
    user = User.objects.get(username="chief")
    assert user.check_password("a-long-and-unusual-passphrase")
    assert {r.role for r in user.roles.all()} == {"admin"}
    assert AuditEvent.objects.filter(action="user.bootstrap_admin", object_id=str(user.pk)).exists()


def test_weak_password_and_taken_name_are_refused(monkeypatch) -> None:
    monkeypatch.setenv("DUBAN_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("create_admin", "chief")
    assert not User.objects.filter(username="chief").exists()
    monkeypatch.setenv("DUBAN_ADMIN_PASSWORD", "a-long-and-unusual-passphrase")
    call_command("create_admin", "chief")
    with pytest.raises(CommandError, match="已存在"):
        call_command("create_admin", "chief")
