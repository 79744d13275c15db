"""The chat client against a local fake server: request body, fallbacks and every failure named."""

from __future__ import annotations

import json
import socket

import pytest

from duban_extract.assist.client import AssistError, ChatClient, client_from_env
from tests.duban_extract.assist.fake_server import FakeLLM

MESSAGES = [{"role": "user", "content": "你好"}]


def _completion(content: str) -> bytes:
    return json.dumps({"choices": [{"message": {"content": content}}]}).encode()


def test_posts_the_standard_body_and_returns_the_answer_as_json(llm: FakeLLM) -> None:
    # given
    llm.answer({"tasks": []})
    client = ChatClient(llm.url, "qwen2.5-7b", "secret-key", timeout=5)
    # when
    data = client.complete_json(MESSAGES)
    # then
    assert data == {"tasks": []}
    (request,) = llm.requests
    assert request.path == "/v1/chat/completions"
    assert request.body == {
        "model": "qwen2.5-7b",
        "messages": MESSAGES,
        "temperature": 0,
        "response_format": {"type": "json_object"},
    }
    assert request.headers["Authorization"] == "Bearer secret-key"


def test_a_server_rejecting_response_format_is_asked_again_without_it(llm: FakeLLM) -> None:
    llm.reject_response_format = True
    llm.answer('```json\n{"tasks": []}\n```')
    assert ChatClient(llm.url + "/", timeout=5).complete_json(MESSAGES) == {"tasks": []}
    assert ["response_format" in r.body for r in llm.requests] == [True, False]
    assert "Authorization" not in llm.requests[0].headers


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (500, b'{"error": "boom"}', "HTTP 500"),
        (200, b"<html>gateway</html>", "not JSON"),
        (200, b'{"object": "list"}', "wrong shape"),
        (200, _completion("好的,任务如下"), "answer is not JSON"),
        (200, _completion("[1, 2]"), "not a JSON object"),
    ],
)
def test_failures_are_assist_errors_naming_the_endpoint(
    llm: FakeLLM, status: int, body: bytes, expected: str
) -> None:
    llm.answer_raw(status, body)
    with pytest.raises(AssistError) as err:
        ChatClient(llm.url, timeout=5).complete_json(MESSAGES)
    assert expected in str(err.value)
    assert llm.url + "/chat/completions" in str(err.value)


def test_timeout_is_named(llm: FakeLLM) -> None:
    llm.stall(5)
    with pytest.raises(AssistError, match=r"timeout"):
        ChatClient(llm.url, timeout=0.2).complete_json(MESSAGES)


def test_unreachable_is_named() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(AssistError, match=r"unreachable"):
        ChatClient(f"http://127.0.0.1:{port}/v1", timeout=2).complete_json(MESSAGES)


def test_the_key_never_appears_in_errors(llm: FakeLLM) -> None:
    llm.answer_raw(500, b"")
    with pytest.raises(AssistError) as err:
        ChatClient(llm.url, api_key="top-secret", timeout=5).complete_json(MESSAGES)
    assert "top-secret" not in str(err.value)
    assert "top-secret" not in repr(ChatClient(llm.url, api_key="top-secret"))


def test_configuration_from_the_environment() -> None:
    assert client_from_env({}) is None
    assert client_from_env({"DUBAN_LLM_URL": "  "}) is None
    client = client_from_env(
        {"DUBAN_LLM_URL": "http://10.0.0.5:8000/v1", "DUBAN_LLM_MODEL": "m", "DUBAN_LLM_TIMEOUT": "12"}
    )
    assert client == ChatClient("http://10.0.0.5:8000/v1", "m", "", 12.0)
    with pytest.raises(AssistError, match="DUBAN_LLM_TIMEOUT"):
        client_from_env({"DUBAN_LLM_URL": "http://x/v1", "DUBAN_LLM_TIMEOUT": "soon"})
    with pytest.raises(AssistError, match="http://"):
        ChatClient("10.0.0.5:8000/v1")
