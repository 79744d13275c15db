"""Upload and review in the browser's terms (Django client): highlights, edits, accept, escaping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.ingest.models import DraftItem, IngestRun
from duban.ingest.services import ingest_run
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db


def test_upload_without_date_asks_for_it(client, supervisor, plan_bytes) -> None:
    client.force_login(supervisor)
    response = client.post(reverse("ingest:run_list"), {"file": SimpleUploadedFile("方案.txt", plan_bytes)})
    assert response.status_code == 400
    assert 'data-field-error="ref_date"' in response.content.decode()
    assert not IngestRun.objects.exists()


def test_upload_then_review_shows_highlighted_sentences(client, supervisor, plan_bytes) -> None:
    client.force_login(supervisor)
    response = client.post(
        reverse("ingest:run_list"),
        {"file": SimpleUploadedFile("方案.txt", plan_bytes), "ref_date": "2019-03-01"},
    )
    run = IngestRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ingest:review", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="ref-date-caller"' in page
    for draft in run.drafts.all():
        assert f'id="s-{draft.pk}"' in page


def test_edit_and_accept_from_the_review_form(client, supervisor, plan_bytes) -> None:
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    source = make_source(supervisor, kind="document", title="方案")
    draft = run.drafts.first()
    assert draft is not None
    client.force_login(supervisor)
    client.post(
        reverse("ingest:review", args=[run.pk]),
        {
            "source": source.pk,
            "action": "accept",
            "draft": [draft.pk],
            f"d{draft.pk}-title": "改过的标题",
            f"d{draft.pk}-deadline": "2019-11-30",
        },
    )
    draft.refresh_from_db()
    assert draft.status == "accepted" and draft.item is not None
    assert (draft.item.title, draft.item.deadline) == ("改过的标题", dt.date(2019, 11, 30))


def test_markup_in_the_document_is_escaped(client, supervisor) -> None:
    text = "会议要求：\n年底前完成<script>alert(1)</script>道路改造工程。\n"
    run = ingest_run(actor=supervisor, data=text.encode(), name="x.txt", ref_date=dt.date(2019, 3, 1))
    client.force_login(supervisor)
    page = client.get(reverse("ingest:review", args=[run.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_others_get_404(client, liaison_a, supervisor, plan_bytes) -> None:
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    client.force_login(liaison_a)
    assert client.get(reverse("ingest:review", args=[run.pk])).status_code == 404
    assert client.get(reverse("ingest:run_list")).status_code == 404
    assert DraftItem.objects.count() == run.drafts.count()


def test_a_docx_bomb_is_refused_with_400_in_chinese(client, supervisor) -> None:
    # given a .docx that would inflate to 64 MB (the 1 MB file took the process to 6 GB)
    from tests.zipbombs import docx_bomb

    client.force_login(supervisor)
    # when
    response = client.post(
        reverse("ingest:run_list"),
        {"file": SimpleUploadedFile("炸弹.docx", docx_bomb()), "ref_date": "2019-03-01"},
    )
    # then
    assert response.status_code == 400
    assert "炸弹.docx：文件解压后达 64 MB" in response.content.decode()
    assert not IngestRun.objects.exists()


def test_ingest_service_refuses_a_docx_bomb_naming_the_file(supervisor) -> None:
    from duban.core.errors import DomainError
    from tests.zipbombs import docx_bomb

    with pytest.raises(DomainError) as caught:
        ingest_run(actor=supervisor, data=docx_bomb(), name="炸弹.docx", ref_date=dt.date(2019, 3, 1))
    assert caught.value.message.startswith("炸弹.docx")
    assert caught.value.message.endswith("文件解压后远超正常文档的大小，已拒绝且未读取。")
