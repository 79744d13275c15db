"""The assist end to end against the fake server: library, command line and benchmark; off by default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban_extract.assist import AssistError, ChatClient, extract_with_assist
from duban_extract.clean import clean_document
from duban_extract.cli import main
from tests.duban_extract.assist.conftest import ANSWER, DOC, GAS_DEADLINE, REF
from tests.duban_extract.assist.fake_server import FakeLLM


@pytest.fixture
def doc_file(tmp_path: Path) -> Path:
    path = tmp_path / "方案.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus/docs").mkdir(parents=True)
    (tmp_path / "corpus/gold").mkdir()
    (tmp_path / "corpus/docs/plan.txt").write_text(DOC, encoding="utf-8")
    gold = {
        "ref_date": REF.isoformat(),
        "tasks": [
            {"text": "年底前完成东湖大道改造提升工程", "deadline": "2019-12-31"},
            {"text": "东湖片区全域通气的工作,要在明年春节前见到成效", "deadline": GAS_DEADLINE},
        ],
        "problems": [],
    }
    (tmp_path / "corpus/gold/plan.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return tmp_path / "corpus"


def test_the_model_adds_a_task_the_rules_missed(llm: FakeLLM) -> None:
    # given
    llm.answer(ANSWER)
    # when
    client = ChatClient(llm.url, "m", timeout=5)
    result = extract_with_assist(clean_document(DOC), client=client, ref_date=REF)
    # then
    gas = [t for t in result.tasks if "全域通气" in t.text]
    assert [(t.source, t.deadline.render() if t.deadline else None) for t in gas] == [("model", GAS_DEADLINE)]
    assert not any("体育馆" in t.text for t in result.tasks)  # invented: dropped
    (request,) = llm.requests
    user = request.body["messages"][-1]["content"]
    assert "参考日期:2019-03-01" in user and "全域通气" in user


def test_a_failing_model_is_an_assist_error(llm: FakeLLM) -> None:
    llm.answer({"items": []})
    with pytest.raises(AssistError, match="wrong shape"):
        extract_with_assist(clean_document(DOC), client=ChatClient(llm.url, timeout=5), ref_date=REF)


def test_off_by_default_no_request_is_made(
    llm: FakeLLM,
    doc_file: Path,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # given: a model is running, but DUBAN_LLM_URL is not set
    llm.answer(ANSWER)
    monkeypatch.delenv("DUBAN_LLM_URL", raising=False)
    # when
    assert main(["ingest", str(doc_file), "--ref-date", "2019-03-01", "--json"]) == 0
    assert main(["bench", "extract", "--corpus", str(corpus), "--no-speed"]) == 0
    # then
    out = capsys.readouterr().out
    assert "language-model assist: not configured (DUBAN_LLM_URL is empty)" in out
    assert "rules + language model" not in out
    assert llm.requests == []


def test_ingest_assist_needs_the_endpoint(
    doc_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DUBAN_LLM_URL", raising=False)
    assert main(["ingest", str(doc_file), "--ref-date", "2019-03-01", "--assist"]) == 2
    assert "DUBAN_LLM_URL" in capsys.readouterr().err


def test_ingest_without_assist_flag_never_asks_the_model(
    llm: FakeLLM, doc_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUBAN_LLM_URL", llm.url)
    assert main(["ingest", str(doc_file), "--ref-date", "2019-03-01", "--json"]) == 0
    assert llm.requests == []


def test_ingest_assist_prints_the_merged_draft(
    llm: FakeLLM, doc_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    llm.answer(ANSWER)
    monkeypatch.setenv("DUBAN_LLM_URL", llm.url)
    monkeypatch.setenv("DUBAN_LLM_API_KEY", "k")
    assert main(["ingest", str(doc_file), "--ref-date", "2019-03-01", "--json", "--assist"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {t["source"] for t in data["tasks"]} == {"rules", "rules+model", "model"}
    assert llm.requests[0].headers["Authorization"] == "Bearer k"


def test_ingest_assist_falls_back_to_the_rules_when_the_model_fails(
    llm: FakeLLM, doc_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    llm.answer_raw(500, b"overloaded")
    monkeypatch.setenv("DUBAN_LLM_URL", llm.url)
    assert main(["ingest", str(doc_file), "--ref-date", "2019-03-01", "--json", "--assist"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert "HTTP 500" in captured.err
    assert any("rules alone" in w for w in data["warnings"])
    assert {t["source"] for t in data["tasks"]} == {"text"}


def test_bench_reports_both_paths_when_configured(
    llm: FakeLLM, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    llm.answer(ANSWER)
    monkeypatch.setenv("DUBAN_LLM_URL", llm.url)
    monkeypatch.setenv("DUBAN_LLM_MODEL", "qwen")
    # when
    assert main(["bench", "extract", "--corpus", str(corpus), "--no-speed", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["bench", "extract", "--corpus", str(corpus), "--no-speed"]) == 0
    table = capsys.readouterr().out
    # then
    assert data["categories"]["tasks"]["recall"] == 0.5  # rules alone miss 全域通气
    assert data["assist"]["categories"]["tasks"]["recall"] == 1.0
    assert data["assist"]["deadline_counts"] == [2, 2]
    assert f"rules + language model (qwen at {llm.url}/chat/completions):" in table
    assert table.count("deadline accuracy:") == 2


def test_bench_assist_flags(
    llm: FakeLLM, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DUBAN_LLM_URL", raising=False)
    assert main(["bench", "extract", "--corpus", str(corpus), "--no-speed", "--assist"]) == 2
    monkeypatch.setenv("DUBAN_LLM_URL", llm.url)
    assert main(["bench", "extract", "--corpus", str(corpus), "--no-speed", "--no-assist"]) == 0
    assert "skipped (--no-assist)" in capsys.readouterr().out
    assert llm.requests == []
    llm.stall(5)
    monkeypatch.setenv("DUBAN_LLM_TIMEOUT", "0.2")
    assert main(["bench", "extract", "--corpus", str(corpus), "--no-speed"]) == 2
    assert "timeout" in capsys.readouterr().err
