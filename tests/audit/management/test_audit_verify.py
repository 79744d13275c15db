"""``duban audit_verify``: success message when intact, CommandError naming the event otherwise."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from duban.audit.models import AuditEvent
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
    assert "内容与其哈希值不符（被修改，或未用审计密钥写入）" in message
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


def test_head_prints_the_verified_head_alone(admin: User) -> None:
    # given
    _three_units(admin)
    out = StringIO()
    # when
    call_command("audit_verify", "--head", stdout=out, stderr=StringIO())
    # then: one line to record outside the database
    last = AuditEvent.objects.get(seq=3)
    assert out.getvalue().strip() == f"3:{last.hash}"


def test_the_report_names_the_head_and_the_derived_key(admin: User) -> None:
    _three_units(admin)
    out, err = StringIO(), StringIO()
    call_command("audit_verify", stdout=out, stderr=err)
    assert f"链头：3:{AuditEvent.objects.get(seq=3).hash}（请在数据库之外另行记录）。" in out.getvalue()
    assert "审计密钥由 SECRET_KEY 派生" in err.getvalue()


def test_expect_head_passes_through_a_recorded_head_and_fails_on_another(admin: User) -> None:
    # given: a head recorded after two events, then one more event
    services.unit_create(actor=admin, name="甲局", kind="department")
    services.unit_create(actor=admin, name="乙局", kind="department")
    recorded = f"2:{AuditEvent.objects.get(seq=2).hash}"
    services.unit_create(actor=admin, name="丙局", kind="department")
    out = StringIO()
    # when / then
    call_command("audit_verify", "--expect-head", recorded, stdout=out, stderr=StringIO())
    assert "审计日志链经过预期的链头（第 2 条）。" in out.getvalue()
    with pytest.raises(CommandError, match="第 2 条记录处断裂：该记录与在别处记录的链头不符"):
        call_command("audit_verify", "--expect-head", "2:" + "0" * 64, stdout=StringIO(), stderr=StringIO())


def test_a_malformed_expected_head_is_refused_in_words() -> None:
    with pytest.raises(CommandError, match="--expect-head 的格式应为“序号:哈希值”"):
        call_command("audit_verify", "--expect-head", "12", stdout=StringIO(), stderr=StringIO())


def test_a_deleted_last_event_fails(admin: User) -> None:
    _three_units(admin)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = %s", [3])
    with pytest.raises(CommandError, match=r"第 3 条记录处断裂：末尾的第 3–3 条记录缺失"):
        call_command("audit_verify", stdout=StringIO(), stderr=StringIO())
