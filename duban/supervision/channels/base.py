"""What every channel shares: the message, the error, posting JSON to a robot.

Robots are posted to with the standard library (urllib) and a timeout; no
extra dependency. The webhook URL is configuration entered by the supervision
office; only http(s) URLs are accepted.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Message:
    """A reminder as channels render it: a short title and a plain-text body."""

    title: str
    text: str
    url: str = ""  # link to the item, when the site's address is known

    def as_text(self) -> str:
        lines = [self.title, "", self.text]
        if self.url:
            lines += ["", self.url]
        return "\n".join(lines)

    def as_markdown(self) -> str:
        body = self.text.replace("\n", "\n\n")
        link = f"\n\n[{self.url}]({self.url})" if self.url else ""
        return f"### {self.title}\n\n{body}{link}"


class ChannelError(Exception):
    """A message could not be delivered; the text is recorded in ReminderLog.error."""


def post_json(url: str, body: dict[str, Any], *, timeout: float = TIMEOUT_SECONDS) -> dict[str, Any]:
    """POST ``body`` as UTF-8 JSON; return the JSON answer (empty dict if none).

    Raises ChannelError on a bad URL, a network error, an HTTP error status or
    an answer that is not JSON.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise ChannelError(_("not an http(s) URL: %(url)s") % {"url": url[:80]})
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise ChannelError(_("the webhook answered HTTP %(status)s") % {"status": exc.code}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise ChannelError(_("the webhook is unreachable: %(error)s") % {"error": exc}) from exc
    if not raw.strip():
        return {}
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChannelError(_("the webhook's answer is not JSON")) from exc
    return answer if isinstance(answer, dict) else {}


def check_answer(answer: dict[str, Any], *, code_key: str, message_key: str) -> None:
    """Robots answer HTTP 200 with an error code in the body; 0 (or absent) is success."""
    code = answer.get(code_key, 0)
    if code not in (0, "0", None):
        detail = f"{code} {answer.get(message_key, '')}"
        raise ChannelError((_("the robot refused the message: %(detail)s") % {"detail": detail})[:400])
