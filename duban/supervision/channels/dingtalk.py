"""DingTalk custom robot (钉钉自定义机器人): markdown message, optional signing (加签).

Signing: ``string_to_sign = f"{timestamp}\\n{secret}"`` (timestamp in
milliseconds), HMAC-SHA256 keyed with the secret over that string, Base64,
URL-encoded, sent as ``&timestamp=…&sign=…`` query parameters. The platform
rejects a timestamp more than an hour away from real time, so the real wall
clock is used, not duban's (possibly simulated) clock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any
from urllib.parse import urlencode

from duban.supervision.channels.base import Message, check_answer, post_json


def sign(secret: str, timestamp_ms: int) -> str:
    """The Base64 signature (before URL-encoding)."""
    string_to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), string_to_sign, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    query = urlencode({"timestamp": timestamp_ms, "sign": sign(secret, timestamp_ms)})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def payload(message: Message) -> dict[str, Any]:
    return {"msgtype": "markdown", "markdown": {"title": message.title, "text": message.as_markdown()}}


def send(*, url: str, secret: str, message: Message, timestamp_ms: int | None = None) -> None:
    """Post one message; raises ChannelError if it is not accepted."""
    if secret:
        url = signed_url(url, secret, timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    check_answer(post_json(url, payload(message)), code_key="errcode", message_key="errmsg")
