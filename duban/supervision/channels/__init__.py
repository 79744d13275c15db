"""Delivery channels for reminders: in-app, email and chat robots (DingTalk, WeCom, Feishu)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from duban.supervision.channels import dingtalk, feishu, wecom
from duban.supervision.channels.base import ChannelError, Message

ROBOT_KINDS = ("dingtalk", "wecom", "feishu")


def robot_send(*, kind: str, url: str, secret: str, message: Message) -> None:
    """Post ``message`` to a robot of ``kind``; raises ChannelError on failure."""
    if kind == "dingtalk":
        dingtalk.send(url=url, secret=secret, message=message)
    elif kind == "wecom":
        wecom.send(url=url, secret=secret, message=message)
    elif kind == "feishu":
        feishu.send(url=url, secret=secret, message=message)
    else:
        raise ChannelError(_("unknown robot kind: %(kind)s") % {"kind": kind})


__all__ = ["ROBOT_KINDS", "ChannelError", "Message", "robot_send"]
