"""A local fake of an OpenAI-compatible chat endpoint (127.0.0.1, random port) for the assist tests.

It records every request and answers with what the test set: a chat
completion whose content is the given JSON, a raw status and body, or
nothing for a while (to exercise timeouts).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class _Answer:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0


@dataclass
class FakeLLM:
    """``with FakeLLM() as llm: llm.answer({...}); ChatClient(llm.url, ...)``."""

    requests: list[Recorded] = field(default_factory=list)
    reject_response_format: bool = False
    _answer: _Answer = field(default_factory=_Answer)
    _release: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None

    # --- what to answer -------------------------------------------------------------------
    def answer(self, content: dict[str, Any] | str) -> None:
        """Answer with a chat completion whose message content is ``content`` (JSON-encoded if a dict)."""
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        completion = {
            "id": "fake-1",
            "object": "chat.completion",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
        }
        self._answer = _Answer(200, json.dumps(completion, ensure_ascii=False).encode("utf-8"))

    def answer_raw(self, status: int, body: bytes) -> None:
        self._answer = _Answer(status, body)

    def stall(self, seconds: float) -> None:
        """Send nothing for ``seconds`` (released early when the server stops)."""
        self._answer = _Answer(200, b"{}", delay=seconds)

    # --- server ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeLLM:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(Recorded(self.path, dict(self.headers.items()), body))
                answer = fake._answer
                if fake.reject_response_format and "response_format" in body:
                    answer = _Answer(400, b'{"error": {"message": "response_format is not supported"}}')
                if answer.delay:
                    fake._release.wait(answer.delay)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
