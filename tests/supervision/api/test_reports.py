"""Reports, files and their scope through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.supervision.models import Attachment, ProgressReport
from duban.supervision.services.report import report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def acknowledged(item, supervisor, liaison_a):
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=item, action=Action.ACKNOWLEDGE, actor=liaison_a)
    return item


def test_report_with_file_is_downloadable_in_scope_only(
    as_user, acknowledged, liaison_a, liaison_b, supervisor
) -> None:
    report = report_submit(
        actor=liaison_a,
        item=acknowledged,
        text="进展",
        files=[SimpleUploadedFile("证明.png", PNG, "image/png")],
    )
    attachment = Attachment.objects.get(report=report)
    url = f"/attachments/{attachment.pk}"
    # when
    own = as_user(liaison_a).get(url)
    other = as_user(liaison_b).get(url)
    # then
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PNG
    assert "attachment" in own["Content-Disposition"]
    assert other.status_code == 404
    assert as_user(liaison_b).get("/attachments/999999").status_code == 404
    assert as_user(supervisor).get(url).status_code == 200


def test_report_by_other_unit_is_404_and_writes_nothing(as_user, acknowledged, liaison_b) -> None:
    response = as_user(liaison_b).multipart(f"/items/{acknowledged.pk}/reports", {"text": "越权"})
    assert response.status_code == 404
    assert not ProgressReport.objects.exists()


def test_report_with_wrong_file_type_is_400_naming_the_file(as_user, acknowledged, liaison_a) -> None:
    response = as_user(liaison_a).multipart(
        f"/items/{acknowledged.pk}/reports",
        {"text": "进展", "files": [SimpleUploadedFile("病毒.exe", b"MZ....", "application/octet-stream")]},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_file"
    assert "病毒.exe" in response.json()["message"]
    assert not ProgressReport.objects.exists()


def test_correction_is_a_new_report(as_user, acknowledged, liaison_a) -> None:
    api = as_user(liaison_a)
    first = api.multipart(f"/items/{acknowledged.pk}/reports", {"text": "完成40%", "percent": "40"}).json()
    # when
    second = api.multipart(
        f"/items/{acknowledged.pk}/reports",
        {"text": "更正：完成30%", "percent": "30", "corrects_id": str(first["id"])},
    )
    # then
    assert second.status_code == 201, second.content
    assert second.json()["corrects_id"] == first["id"]
    assert [r["text"] for r in api.get(f"/items/{acknowledged.pk}/reports").json()] == [
        "更正：完成30%",
        "完成40%",
    ]


def test_instruction_by_liaison_is_403(as_user, acknowledged, liaison_a) -> None:
    response = as_user(liaison_a).post(f"/items/{acknowledged.pk}/instructions", {"text": "x"})
    assert response.status_code == 403


def test_judgement_needs_reason(as_user, acknowledged, supervisor) -> None:
    response = as_user(supervisor).put(f"/items/{acknowledged.pk}/judgement", {"grade": "red", "reason": ""})
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"


def test_openapi_documents_every_operation(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operations = [
        op for path, ops in schema["paths"].items() if "/supervision/" in path for op in ops.values()
    ]
    # then
    assert len(operations) >= 16
    assert all(op.get("summary") and op.get("description") for op in operations)
