"""Robot message formats and signing (DingTalk, WeCom, Feishu), posted to a local receiver."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from urllib.parse import quote_plus

import pytest

from duban.supervision.channels import ChannelError, Message, dingtalk, feishu, robot_send, wecom
from duban.supervision.channels.base import post_json
from tests.supervision.channels.receiver import Receiver, webhook_receiver

MESSAGE = Message(
    "催办：编制产业发展规划", "牵头单位：经济发展局\n完成时限：2019-09-30", "https://duban.example/items/1/"
)
SECRET = "SEC0123456789abcdef"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as r:
        yield r


def test_dingtalk_signature_follows_the_platform_recipe() -> None:
    # given the documented recipe: HMAC-SHA256(key=secret, msg=timestamp+"\n"+secret), Base64, URL-encoded
    ts = 1569808800000
    digest = hmac.new(SECRET.encode(), f"{ts}\n{SECRET}".encode(), hashlib.sha256).digest()
    expected = base64.b64encode(digest).decode()
    # then
    assert dingtalk.sign(SECRET, ts) == expected
    url = dingtalk.signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc", SECRET, ts)
    assert (
        url
        == f"https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp={ts}&sign={quote_plus(expected)}"
    )


def test_feishu_signature_uses_the_string_to_sign_as_key() -> None:
    ts = 1569808800
    digest = hmac.new(f"{ts}\n{SECRET}".encode(), b"", hashlib.sha256).digest()
    assert feishu.sign(SECRET, ts) == base64.b64encode(digest).decode()


def test_dingtalk_posts_markdown_with_signature_in_the_query(receiver: Receiver) -> None:
    # when
    dingtalk.send(url=receiver.url("/ding?access_token=t"), secret=SECRET, message=MESSAGE)
    # then
    [got] = receiver.received
    assert got.body["msgtype"] == "markdown"
    assert got.body["markdown"]["title"] == MESSAGE.title
    assert "经济发展局" in got.body["markdown"]["text"]
    assert got.query["access_token"] == "t"
    assert got.query["sign"] == dingtalk.sign(SECRET, int(got.query["timestamp"]))


def test_dingtalk_without_secret_is_not_signed(receiver: Receiver) -> None:
    dingtalk.send(url=receiver.url("/ding"), secret="", message=MESSAGE)
    assert receiver.received[0].query == {}


def test_wecom_posts_markdown_content(receiver: Receiver) -> None:
    wecom.send(url=receiver.url("/wecom?key=k"), secret="", message=MESSAGE)
    [got] = receiver.received
    assert set(got.body) == {"msgtype", "markdown"}
    assert got.body["msgtype"] == "markdown"
    assert got.body["markdown"]["content"].startswith("### 催办：编制产业发展规划")


def test_wecom_content_is_kept_within_the_platform_limit() -> None:
    long = Message("t", "长" * 3000)
    assert len(wecom.payload(long)["markdown"]["content"].encode()) <= wecom.MAX_BYTES


def test_feishu_posts_text_with_timestamp_and_sign_in_the_body(receiver: Receiver) -> None:
    feishu.send(url=receiver.url("/feishu"), secret=SECRET, message=MESSAGE)
    [got] = receiver.received
    assert got.body["msg_type"] == "text"
    assert got.body["content"]["text"].startswith(MESSAGE.title)
    assert got.body["sign"] == feishu.sign(SECRET, int(got.body["timestamp"]))


def test_feishu_without_secret_has_no_sign() -> None:
    assert feishu.payload(MESSAGE) == {"msg_type": "text", "content": {"text": MESSAGE.as_text()}}


def test_robot_refusal_is_a_channel_error(receiver: Receiver) -> None:
    # given a robot that answers 200 with an error code (as DingTalk does for a bad signature)
    receiver.answer = {"errcode": 310000, "errmsg": "sign not match"}
    with pytest.raises(ChannelError, match="310000"):
        robot_send(kind="dingtalk", url=receiver.url("/ding"), secret=SECRET, message=MESSAGE)


def test_feishu_refusal_is_a_channel_error(receiver: Receiver) -> None:
    receiver.answer = {"code": 19021, "msg": "sign match fail"}
    with pytest.raises(ChannelError, match="19021"):
        robot_send(kind="feishu", url=receiver.url("/f"), secret=SECRET, message=MESSAGE)


def test_http_error_is_a_channel_error(receiver: Receiver) -> None:
    receiver.status = 500
    with pytest.raises(ChannelError, match="HTTP 500"):
        robot_send(kind="wecom", url=receiver.url("/w"), secret="", message=MESSAGE)


def test_unreachable_webhook_is_a_channel_error() -> None:
    with webhook_receiver() as r:
        url = r.url("/gone")
    with pytest.raises(ChannelError, match="无法连接 Webhook"):
        post_json(url, {}, timeout=2)


def test_only_http_urls_are_posted_to() -> None:
    with pytest.raises(ChannelError, match="http"):
        post_json("file:///etc/passwd", {})
    with pytest.raises(ChannelError, match="未知的机器人类型"):
        robot_send(kind="telegram", url="https://x", secret="", message=MESSAGE)
