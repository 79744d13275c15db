"""Browser downloads and the upload page: scope, filters, errors shown by row, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from duban.reports.ledger_xlsx import rows_workbook
from duban.supervision.models import Item
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "事项", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限"]


def _login(client, user):
    client.force_login(user)
    return client


def _xlsx(name: str, rows) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, rows_workbook(HEADERS, rows))


def test_export_download_is_scoped_and_filtered(client, ledger, liaison_b) -> None:
    # when
    response = _login(client, liaison_b).get(reverse("reports:ledger_export"), {"q": "污水"})
    # then
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["推进污水处理厂建设"]


def test_export_needs_login(client, ledger) -> None:
    response = client.get(reverse("reports:ledger_export"))
    assert response.status_code == 302


def test_timeline_download_and_scope(client, ledger, liaison_b, supervisor) -> None:
    _source, (problem, first, _second) = ledger
    _login(client, liaison_b)
    # when
    own = client.get(reverse("reports:item_timeline", args=[first.pk]))
    other = client.get(reverse("reports:item_timeline", args=[problem.pk]))
    # then
    assert own.status_code == 200
    assert "编制产业发展规划" in "\n".join(p.text for p in Document(io.BytesIO(own.content)).paragraphs)
    assert other.status_code == 404


def test_import_page_creates_items(client, supervisor, org) -> None:
    source = make_source(supervisor)
    _login(client, supervisor)
    # when
    page = client.get(reverse("reports:ledger_import"), {"source": source.pk})
    response = client.post(
        reverse("reports:ledger_import"),
        {
            "source": source.pk,
            "file": _xlsx("台账.xlsx", [("1", "编制规划", "经济发展局", None, None, None, "2019-12-31")]),
        },
        follow=True,
    )
    # then
    assert page.status_code == 200
    assert response.status_code == 200
    assert "新建 1 项" in response.content.decode()
    assert Item.objects.filter(source=source).count() == 1


def test_import_page_lists_row_errors_and_writes_nothing(client, supervisor, org) -> None:
    source = make_source(supervisor)
    _login(client, supervisor)
    # when
    response = client.post(
        reverse("reports:ledger_import"),
        {
            "source": source.pk,
            "file": _xlsx(
                "台账.xlsx",
                [
                    ("1", "编制规划", "经济发展局", None, None, None, "2019-12-31"),
                    ("2", "<b>坏</b>", "经济发展局", None, None, None, "下月"),
                ],
            ),
        },
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "第 3 行，完成时限" in html and "无法识别的日期“下月”" in html
    assert "<b>坏</b>" not in html
    assert not Item.objects.filter(source=source).exists()


def test_import_page_names_a_wrong_file(client, supervisor, org) -> None:
    source = make_source(supervisor)
    _login(client, supervisor)
    response = client.post(
        reverse("reports:ledger_import"),
        {"source": source.pk, "file": SimpleUploadedFile("照片.png", b"\x89PNG....")},
    )
    assert "照片.png" in response.content.decode() and "不是 Excel 文件" in response.content.decode()


def test_import_page_is_for_supervisors(client, liaison_a) -> None:
    response = _login(client, liaison_a).get(reverse("reports:ledger_import"))
    assert response.status_code == 403
