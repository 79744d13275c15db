"""A minimal client for an OpenAI-compatible chat endpoint (大模型接口).

Standard library only (``urllib``): the model is served inside the government
network and no SDK is needed. The client is built only when an endpoint is
configured; nothing here runs at import time. Every failure is an
``AssistError`` that names the endpoint and says what went wrong; the API key
never appears in a message.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT = 30.0
#: Environment variables read by the command line (the web reads Django settings of the same meaning).
ENV_URL, ENV_MODEL = "DUBAN_LLM_URL", "DUBAN_LLM_MODEL"
ENV_KEY, ENV_TIMEOUT = "DUBAN_LLM_API_KEY", "DUBAN_LLM_TIMEOUT"


class AssistError(RuntimeError):
    """The language model could not be used: unreachable, timeout, HTTP error, not JSON, wrong shape."""

    def __init__(self, endpoint: str, problem: str, kind: str = "", **facts: Any) -> None:
        """``kind`` says what went wrong for an application to word it (``url``, ``config``,
        ``http`` with ``status``, ``timeout`` with ``seconds``, ``unreachable``, ``not_json``,
        ``shape``); ``problem`` is the technical English detail for logs."""
        super().__init__(f"language model at {endpoint}: {problem}")
        self.endpoint = endpoint
        self.problem = problem
        self.kind = kind
        self.facts = facts


@dataclass(frozen=True)
class ChatClient:
    """Posts chat messages to ``{base_url}/chat/completions`` and returns the reply parsed as JSON."""

    base_url: str
    model: str = ""
    api_key: str = field(default="", repr=False)
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            problem = "the URL must start with http:// or https://"
            raise AssistError(self.base_url or "(empty URL)", problem, "url")

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    def complete_json(self, messages: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        """The assistant's reply as a JSON object.

        Asks for ``response_format: json_object`` first; a server that answers
        400 to that (many local servers do not know it) is asked again without it.
        """
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        try:
            reply = self._post(body)
        except _BadRequestError:
            del body["response_format"]
            try:
                reply = self._post(body)
            except _BadRequestError as error:
                problem = f"HTTP 400 Bad Request: {error.detail}"
                raise AssistError(self.endpoint, problem, "http", status=400) from error
        return self._content_json(reply)

    def _post(self, body: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __post_init__
            self.endpoint, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = _snippet(error.read())
            if error.code == 400:
                raise _BadRequestError(detail) from error
            problem = f"HTTP {error.code} {error.reason}: {detail}"
            raise AssistError(self.endpoint, problem, "http", status=error.code) from error
        except TimeoutError as error:
            raise self._timeout() from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout() from error
            raise AssistError(self.endpoint, f"unreachable ({error.reason})", "unreachable") from error
        except OSError as error:
            raise AssistError(self.endpoint, f"unreachable ({error})", "unreachable") from error
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            problem = f"the response is not JSON: {_snippet(raw)}"
            raise AssistError(self.endpoint, problem, "not_json") from error

    def _timeout(self) -> AssistError:
        problem = f"no answer within {self.timeout:g} s (timeout)"
        return AssistError(self.endpoint, problem, "timeout", seconds=self.timeout)

    def _content_json(self, reply: Any) -> dict[str, Any]:
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as error:
            raise AssistError(
                self.endpoint, "wrong shape: expected choices[0].message.content in the response", "shape"
            ) from error
        if not isinstance(content, str):
            raise AssistError(self.endpoint, "wrong shape: the message content is not text", "shape")
        try:
            data = json.loads(_strip_fence(content))
        except ValueError as error:
            problem = f"the model's answer is not JSON: {_snippet(content)}"
            raise AssistError(self.endpoint, problem, "not_json") from error
        if not isinstance(data, dict):
            raise AssistError(self.endpoint, "wrong shape: the model's answer is not a JSON object", "shape")
        return data


class _BadRequestError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _snippet(raw: bytes | str, limit: int = 200) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _strip_fence(content: str) -> str:
    """Models asked without ``response_format`` often wrap JSON in a ```json fence."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text.strip()


def client_from_env(environ: Mapping[str, str] | None = None) -> ChatClient | None:
    """A client from ``DUBAN_LLM_*``, or None when ``DUBAN_LLM_URL`` is empty (the assist is off)."""
    env = os.environ if environ is None else environ
    url = env.get(ENV_URL, "").strip()
    if not url:
        return None
    raw_timeout = env.get(ENV_TIMEOUT, "").strip()
    try:
        timeout = float(raw_timeout) if raw_timeout else DEFAULT_TIMEOUT
    except ValueError as error:
        problem = f"{ENV_TIMEOUT}={raw_timeout!r} is not a number of seconds"
        raise AssistError(url, problem, "config") from error
    return ChatClient(url, env.get(ENV_MODEL, "").strip(), env.get(ENV_KEY, "").strip(), timeout)
