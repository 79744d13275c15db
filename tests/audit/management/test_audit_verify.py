"""``duban audit_verify``: success message when intact, CommandError naming the event otherwise."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from duban.org import services
from duban.org.models import User

pytestmark = pytest.mark.django_db


def _three_units(admin: User) -> None:
    for name in ("甲局", "乙局", "丙局"):
        services.unit_create(actor=admin, name=name, kind="department")


def test_an_intact_chain_is_reported_with_its_length(admin: User) -> None:
    # given
    _three_units(admin)
    out = StringIO()
    # when
    call_command("audit_verify", stdout=out)
    # then
    assert "审计日志链完整：已核验 3 条记录。" in out.getvalue()


def test_an_empty_chain_is_intact() -> None:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "已核验 0 条记录" in out.getvalue()


def test_an_edited_event_fails_with_its_number(admin: User) -> None:
    # given: someone rewrites event #2's "after" picture directly in the database
    _three_units(admin)
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET object_repr = %s WHERE seq = %s", ["篡改", 2])
    # when / then
    with pytest.raises(CommandError) as err:
        call_command("audit_verify", stdout=StringIO())
    message = str(err.value)
    assert "第 2 条记录处断裂" in message
    assert "内容与其哈希值不符（已被修改）" in message
    assert "此前的 1 条记录完整" in message


def test_a_deleted_event_fails_with_the_missing_number(admin: User) -> None:
    # given
    _three_units(admin)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = %s", [3])
        cur.execute("DELETE FROM audit_auditevent WHERE seq = %s", [2])
    services.unit_create(actor=admin, name="丁局", kind="department")
    # when / then
    with pytest.raises(CommandError, match=r"第 2 条记录处断裂：第 2 条记录缺失"):
        call_command("audit_verify", stdout=StringIO())
