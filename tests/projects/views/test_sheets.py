"""The sheet pages: export, then import through preview → confirm; a broken sheet is refused naming rows."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.urls import reverse
from openpyxl import load_workbook

from duban.org.models import User
from duban.projects.models import MonthlyReport, Project
from tests.projects.views.conftest import client_for

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(response: object) -> bytes:
    """The bytes of a streamed download (a FileResponse)."""
    assert isinstance(response, FileResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


def _workbook(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, XLSX)


def test_ledger_exports_and_imports_again_unchanged(officer: User, project_a: Project) -> None:
    # given the exported ledger
    client = client_for(officer)
    exported = client.get(reverse("projects:export"), {"year": 2019})
    assert exported.status_code == 200
    data = _download(exported)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["重点项目台账"]
    url = reverse("projects:import")
    # when it is uploaded again
    preview = client.post(url, {"year": 2019, "file": _workbook(data, "台账.xlsx")})
    # then the preview changes nothing, and confirming keeps the project as it was
    assert preview.status_code == 200
    assert preview.context["preview"].created == 0
    token = preview.context["token"]
    done = client.post(url, {"year": 2019, "token": token})
    assert done.status_code == 302
    assert Project.objects.count() == 1


def test_a_broken_ledger_sheet_is_refused_naming_row_and_column(officer: User, project_a: Project) -> None:
    client = client_for(officer)
    data = _download(client.get(reverse("projects:export")))
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("项目类型") + 1, value="桥梁")
    out = io.BytesIO()
    book.save(out)
    response = client.post(
        reverse("projects:import"), {"year": 2019, "file": _workbook(out.getvalue(), "坏表.xlsx")}
    )
    assert response.status_code == 400
    [issue] = response.context["issues"]
    assert (issue.row, issue.column) == (2, "项目类型")
    assert "token" not in response.context


def test_the_liaison_imports_the_months_report_sheet(liaison_a: User, project_a: Project) -> None:
    # given the month's sheet the liaison downloads, filled in
    client = client_for(liaison_a)
    data = _download(client.get(reverse("projects:report_export"), {"year": 2019, "month": 8}))
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    for column, value in (("本月完成投资", 900), ("累计完成投资", 7050), ("形象进度", "主管道铺设过半")):
        matches = [i for i, h in enumerate(header) if h and str(h).startswith(column)]
        sheet.cell(row=2, column=matches[0] + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    url = reverse("projects:report_import")
    # when
    preview = client.post(url, {"year": 2019, "month": 8, "file": _workbook(out.getvalue(), "调度表.xlsx")})
    assert preview.status_code == 200, preview.context.get("issues")
    done = client.post(url, {"year": 2019, "month": 8, "token": preview.context["token"]})
    # then
    assert done.status_code == 302
    report = MonthlyReport.objects.get(project=project_a)
    assert (report.month, report.ytd_investment, report.author_id) == (8, Decimal(7050), liaison_a.pk)


def test_only_the_project_office_imports_the_ledger(liaison_a: User, supervisor: User) -> None:
    assert client_for(liaison_a).get(reverse("projects:import")).status_code == 404
    assert client_for(supervisor).get(reverse("projects:import")).status_code == 404
    assert client_for(supervisor).get(reverse("projects:report_import")).status_code == 404
    assert client_for(liaison_a).get(reverse("projects:report_import")).status_code == 200
