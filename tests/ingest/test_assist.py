"""Ingesting with the language-model assist against a local fake server; off unless configured."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.ingest.models import DraftItem, IngestRun
from duban.ingest.services import ingest_run
from tests.duban_extract.assist.conftest import ANSWER, DOC, GAS_DEADLINE
from tests.duban_extract.assist.fake_server import FakeLLM
from tests.org.factories import make_unit

pytestmark = pytest.mark.django_db

REF = dt.date(2019, 3, 1)


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    with FakeLLM() as server:
        yield server


@pytest.fixture
def configured(settings, llm: FakeLLM) -> FakeLLM:
    settings.LLM_URL, settings.LLM_MODEL, settings.LLM_API_KEY, settings.LLM_TIMEOUT = llm.url, "qwen", "", 2
    return llm


def test_assist_adds_the_missed_task_with_the_rules_deadline_and_fills_the_owner(
    supervisor, configured: FakeLLM
) -> None:
    # given
    unit = make_unit(name="规划建设与交通局")
    configured.answer(ANSWER)
    # when
    run = ingest_run(actor=supervisor, data=DOC.encode(), name="方案.txt", ref_date=REF, assist=True)
    # then
    gas = run.drafts.get(title__contains="全域通气")
    assert gas.deadline == dt.date.fromisoformat(GAS_DEADLINE)
    assert run.body[gas.span_start : gas.span_end] == gas.sentence
    road = run.drafts.get(title__contains="东湖大道")
    assert road.lead_unit == unit
    assert not run.drafts.filter(title__contains="体育馆").exists()
    # the page says what the model added, in Chinese; what it named but the text lacks goes to the log
    assert any(w.startswith("大模型辅助：新增") for w in run.warnings), run.warnings
    assert not any("not found in the document" in w for w in run.warnings)
    assert {t["source"] for t in run.result["tasks"]} == {"rules", "rules+model", "model"}
    event = AuditEvent.objects.get(action="ingest.run")
    assert event.after is not None and event.after["drafts_from_model"] == 2
    assert len(configured.requests) == 1


@pytest.mark.parametrize(
    ("status", "body", "named"),
    [
        (500, b"overloaded", "HTTP 500"),
        (200, b"not json", "不是 JSON"),
        (200, b'{"choices": []}', "格式不符"),
    ],
)
def test_a_failing_model_falls_back_to_the_rules_with_a_warning(
    supervisor, configured: FakeLLM, status: int, body: bytes, named: str
) -> None:
    configured.answer_raw(status, body)
    run = ingest_run(actor=supervisor, data=DOC.encode(), name="方案.txt", ref_date=REF, assist=True)
    plain = ingest_run(actor=supervisor, data=DOC.encode(), name="方案.txt", ref_date=REF)
    assert [d.title for d in run.drafts.all()] == [d.title for d in plain.drafts.all()]
    (warning,) = [w for w in run.warnings if "大模型辅助失败" in w]
    assert named in warning and configured.url in warning


def test_a_timeout_falls_back_and_the_review_page_says_so(
    client, supervisor, settings, configured: FakeLLM
) -> None:
    # given
    configured.stall(5)
    settings.LLM_TIMEOUT = 0.2
    client.force_login(supervisor)
    # when
    response = client.post(
        reverse("ingest:run_list"),
        {"file": SimpleUploadedFile("方案.txt", DOC.encode()), "ref_date": "2019-03-01", "assist": "on"},
    )
    # then: the upload is kept, drafted by the rules, and the review page shows why
    run = IngestRun.objects.get()
    assert response.status_code == 302
    assert DraftItem.objects.filter(run=run).exists()
    page = client.get(response["Location"]).content.decode()
    assert "大模型辅助失败" in page and "超时" in page, run.warnings
    assert "0.2 秒" in run.warnings[-1]


def test_off_by_default_no_checkbox_and_no_request(client, supervisor, settings, llm: FakeLLM) -> None:
    # given: a model is running but LLM_URL is empty (the default)
    settings.LLM_URL = ""
    llm.answer(ANSWER)
    client.force_login(supervisor)
    # when
    page = client.get(reverse("ingest:run_list")).content.decode()
    client.post(
        reverse("ingest:run_list"),
        {"file": SimpleUploadedFile("方案.txt", DOC.encode()), "ref_date": "2019-03-01", "assist": "on"},
    )
    ingest_run(actor=supervisor, data=DOC.encode(), name="方案.txt", ref_date=REF)
    # then
    assert 'name="assist"' not in page
    assert IngestRun.objects.count() == 2
    assert llm.requests == []


def test_assist_requested_without_configuration_is_a_warning_not_a_call(
    supervisor, settings, llm: FakeLLM
) -> None:
    settings.LLM_URL = ""
    run = ingest_run(actor=supervisor, data=DOC.encode(), name="方案.txt", ref_date=REF, assist=True)
    assert any("未配置大模型辅助" in w for w in run.warnings)
    assert llm.requests == []


def test_the_checkbox_shows_when_configured_and_unticked_means_no_call(
    client, supervisor, configured: FakeLLM
) -> None:
    configured.answer(ANSWER)
    client.force_login(supervisor)
    page = client.get(reverse("ingest:run_list")).content.decode()
    assert 'data-testid="assist"' in page
    client.post(
        reverse("ingest:run_list"),
        {"file": SimpleUploadedFile("方案.txt", DOC.encode()), "ref_date": "2019-03-01"},
    )
    assert IngestRun.objects.count() == 1 and configured.requests == []
    client.post(
        reverse("ingest:run_list"),
        {"file": SimpleUploadedFile("方案.txt", DOC.encode()), "ref_date": "2019-03-01", "assist": "on"},
    )
    assert IngestRun.objects.count() == 2 and len(configured.requests) == 1
    assert IngestRun.objects.filter(drafts__title__contains="全域通气").exists()
