"""API: follow-up checks and source attachments, under scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.core import clock
from duban.supervision.models import Item
from duban.supervision.workflow import State

pytestmark = pytest.mark.django_db


def test_followup_through_the_api(as_user, supervisor, liaison_b, item) -> None:
    Item.objects.filter(pk=item.pk).update(state=State.CLOSED)
    api = as_user(supervisor)
    with clock.frozen(dt.date(2019, 9, 2)):
        scheduled = api.post(f"/items/{item.pk}/follow-up", {"date": "2019-10-15"})
        assert scheduled.status_code == 200 and scheduled.json()["follow_up_date"] == "2019-10-15"
        outsider = as_user(liaison_b).post(f"/items/{item.pk}/follow-up", {"date": "2019-10-15"})
        assert outsider.status_code == 404
        missing_reason = api.post(f"/items/{item.pk}/follow-up/record", {"relapsed": True})
        assert missing_reason.status_code == 400 and missing_reason.json()["code"] == "reason_required"
        reopened = api.post(f"/items/{item.pk}/follow-up/record", {"relapsed": True, "comment": "反弹"})
    assert reopened.status_code == 200 and reopened.json()["state"] == "in_progress"


def test_source_attachments_through_the_api(as_user, supervisor, liaison_a, source) -> None:
    pdf = SimpleUploadedFile("反馈意见.pdf", b"%PDF-1.4 test")
    response = as_user(supervisor).multipart(f"/sources/{source.pk}/attachments", {"files": [pdf]})
    assert response.status_code == 201
    assert [a["name"] for a in response.json()["attachments"]] == ["反馈意见.pdf"]
    bad = as_user(supervisor).multipart(f"/sources/{source.pk}/attachments",
                                        {"files": [SimpleUploadedFile("x.exe", b"MZ")]})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_file"


def test_an_api_download_is_typed_by_its_checked_kind_and_cached_privately(
    as_user, supervisor, source, settings, tmp_path
) -> None:
    # given a PDF whose uploader claimed it was a web page, and a source refused a second file
    settings.MEDIA_ROOT = tmp_path / "uploads"
    pdf = SimpleUploadedFile("反馈意见.pdf", b"%PDF-1.4 test", content_type="text/html")
    created = as_user(supervisor).multipart(f"/sources/{source.pk}/attachments", {"files": [pdf]})
    attachment_id = created.json()["attachments"][0]["id"]
    two = [SimpleUploadedFile("b.pdf", b"%PDF-1.4 b"), SimpleUploadedFile("x.exe", b"MZ")]
    refused = as_user(supervisor).multipart(f"/sources/{source.pk}/attachments", {"files": two})
    # when
    response = as_user(supervisor).get(f"/attachments/{attachment_id}")
    # then
    assert refused.status_code == 400
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"
    stored = [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
    assert len(stored) == 1  # b.pdf went with its rollback
