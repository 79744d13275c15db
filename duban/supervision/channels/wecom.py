"""WeCom group robot (企业微信群机器人): markdown message; the key in the URL is the secret."""

from __future__ import annotations

from typing import Any

from duban.supervision.channels.base import Message, check_answer, post_json

MAX_BYTES = 4096  # the platform's limit on markdown content


def payload(message: Message) -> dict[str, Any]:
    content = message.as_markdown()
    while len(content.encode()) > MAX_BYTES:
        content = content[: len(content) - 100] + "…"
    return {"msgtype": "markdown", "markdown": {"content": content}}


def send(*, url: str, secret: str, message: Message) -> None:
    """Post one message; ``secret`` is unused (WeCom robots do not sign)."""
    del secret
    check_answer(post_json(url, payload(message)), code_key="errcode", message_key="errmsg")
