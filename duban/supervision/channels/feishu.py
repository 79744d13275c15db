"""Feishu custom bot (飞书自定义机器人): text message, optional signature check (签名校验).

Signing: ``string_to_sign = f"{timestamp}\\n{secret}"`` (timestamp in seconds)
is the HMAC-SHA256 *key* over an empty message; the Base64 digest goes with
the timestamp into the JSON body as ``sign`` and ``timestamp``. Real wall-clock
time is used (the platform rejects timestamps more than an hour off).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any

from duban.supervision.channels.base import Message, check_answer, post_json


def sign(secret: str, timestamp_s: int) -> str:
    string_to_sign = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(string_to_sign, b"", hashlib.sha256).digest()).decode()


def payload(message: Message, *, secret: str = "", timestamp_s: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"msg_type": "text", "content": {"text": message.as_text()}}
    if secret:
        ts = timestamp_s if timestamp_s is not None else int(time.time())
        body = {"timestamp": str(ts), "sign": sign(secret, ts), **body}
    return body


def send(*, url: str, secret: str, message: Message, timestamp_s: int | None = None) -> None:
    """Post one message; raises ChannelError if it is not accepted.

    Feishu answers ``{"code": 0, "msg": "success"}`` (older bots: ``StatusCode``).
    """
    answer = post_json(url, payload(message, secret=secret, timestamp_s=timestamp_s))
    check_answer(answer, code_key="code", message_key="msg")
    check_answer(answer, code_key="StatusCode", message_key="StatusMessage")
