"""``duban import_org FILE.xlsx`` (duban/org/management/commands/import_org.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from duban.audit.models import AuditEvent
from duban.org.models import Person, Unit, User
from tests.org.workbooks import workbook_bytes

pytestmark = pytest.mark.django_db


def test_imports_and_prints_progress_and_summary(tmp_path: Path) -> None:
    # given
    path = tmp_path / "org.xlsx"
    path.write_bytes(
        workbook_bytes(
            [("经济发展局", "经发局", "部门", None, 1)], [("林一", "局长", "经济发展局", "", "", "")]
        )
    )
    out = io.StringIO()
    # when
    call_command("import_org", str(path), stdout=out)
    # then
    text = out.getvalue()
    assert "org.xlsx" in text and "1" in text
    assert Unit.objects.filter(name="经济发展局").exists() and Person.objects.filter(name="林一").exists()
    assert AuditEvent.objects.filter(action="unit.create", actor_label="system").exists()


def test_attributes_the_import_to_a_named_administrator(tmp_path: Path, admin: User) -> None:
    # given
    path = tmp_path / "org.xlsx"
    path.write_bytes(workbook_bytes([("经济发展局", "", "部门", None, 1)], []))
    # when
    call_command("import_org", str(path), "--user", admin.username, stdout=io.StringIO())
    # then
    assert AuditEvent.objects.filter(action="unit.create", actor=admin).exists()


def test_a_non_administrator_cannot_be_named(tmp_path: Path, liaison_a: User) -> None:
    path = tmp_path / "org.xlsx"
    path.write_bytes(workbook_bytes([("财政局", "", "部门", None, 1)], []))
    with pytest.raises(CommandError):
        call_command("import_org", str(path), "--user", liaison_a.username, stdout=io.StringIO())
    assert not Unit.objects.filter(name="财政局").exists()


def test_invalid_workbook_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    # given
    path = tmp_path / "bad.xlsx"
    path.write_bytes(
        workbook_bytes([("经济发展局", "", "科室", None, 1)], [("林一", "", "某某局", "", "", "")])
    )
    err = io.StringIO()
    # when
    with pytest.raises(CommandError) as caught:
        call_command("import_org", str(path), stdout=io.StringIO(), stderr=err)
    # then
    assert str(caught.value) == "bad.xlsx：发现 2 处问题，未导入任何数据。"
    lines = err.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("  单位 第 2 行，类型: ") and "某某局" in lines[1]
    assert Unit.objects.count() == 0


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="nowhere.xlsx"):
        call_command("import_org", str(tmp_path / "nowhere.xlsx"))


def test_an_empty_workbook_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_org", str(path), stdout=io.StringIO(), stderr=err)
    assert "工作簿为空" in err.getvalue() and "empty.xlsx" in str(caught.value)
