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
    assert response.streaming  # from a temporary file, not a workbook held in memory
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
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


def test_import_page_previews_then_creates_items_on_confirmation(client, supervisor, org) -> None:
    source = make_source(supervisor)
    _login(client, supervisor)
    url = reverse("reports:ledger_import")
    # when the sheet is uploaded
    page = client.get(url, {"source": source.pk})
    preview = client.post(
        url,
        {
            "source": source.pk,
            "file": _xlsx("台账.xlsx", [("1", "编制规划", "经济发展局", None, None, None, "2019-12-31")]),
        },
    )
    # then it is previewed and nothing is written
    assert page.status_code == 200 and preview.status_code == 200
    changes = preview.context["preview"].changes
    assert [(c.row, c.kind, c.label) for c in changes] == [(2, "create", "1 编制规划")]
    assert "将新建 1 条，修改 0 条，0 条不变。" in preview.content.decode()
    assert not Item.objects.filter(source=source).exists()
    # when the preview is confirmed
    done = client.post(url, {"source": source.pk, "token": preview.context["token"]}, follow=True)
    # then
    assert done.redirect_chain[-1][0] == reverse("supervision:source_ledger", args=[source.pk])
    assert Item.objects.filter(source=source).count() == 1


def test_import_confirmation_is_for_the_previewed_source(client, supervisor, org) -> None:
    source, other = make_source(supervisor), make_source(supervisor)
    _login(client, supervisor)
    url = reverse("reports:ledger_import")
    rows = [("1", "编制规划", "经济发展局", None, None, None, "2019-12-31")]
    token = client.post(url, {"source": source.pk, "file": _xlsx("台账.xlsx", rows)}).context["token"]
    response = client.post(url, {"source": other.pk, "token": token})
    assert response.status_code == 400 and "已不再保留" in response.content.decode()
    assert not Item.objects.exists()


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
    # then the problems are named by sheet, row and column in Chinese
    html = response.content.decode()
    assert response.status_code == 400
    assert [(i.sheet, i.row, i.column) for i in response.context["issues"]] == [("Sheet", 3, "完成时限")]
    assert "台账.xlsx：发现 1 处问题，未导入任何数据。" in html and "无法识别的日期“下月”" in html
    assert "<b>坏</b>" not in html
    assert not Item.objects.filter(source=source).exists()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("照片.png", b"\x89PNG....", "照片.png：不接受此类文件"),
        ("台账.xlsx", b"\x89PNG....", "台账.xlsx：文件内容不是 .xlsx 格式"),
        ("台账.xls", b"\xd0\xcf\x11\xe0", "台账.xls：不支持旧版 .xls 格式"),
    ],
    ids=["wrong-type", "renamed", "old-xls"],
)
def test_import_page_names_a_wrong_file(client, supervisor, org, name, data, expected) -> None:
    source = make_source(supervisor)
    _login(client, supervisor)
    response = client.post(
        reverse("reports:ledger_import"), {"source": source.pk, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400 and expected in response.content.decode()


def test_import_page_refuses_an_oversize_file_by_the_limit(client, supervisor, org, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 2048
    source = make_source(supervisor)
    _login(client, supervisor)
    rows = [(str(n), "编制规划" * 20, "经济发展局", None, None, None, "2019-12-31") for n in range(1, 80)]
    data = {"source": source.pk, "file": _xlsx("台账.xlsx", rows)}
    response = client.post(reverse("reports:ledger_import"), data)
    assert response.status_code == 400 and "台账.xlsx：文件超过 2 KB。" in response.content.decode()
    assert not Item.objects.exists()


def test_import_page_is_for_supervisors(client, liaison_a) -> None:
    response = _login(client, liaison_a).get(reverse("reports:ledger_import"))
    assert response.status_code == 403
