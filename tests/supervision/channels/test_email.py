"""Email channel: one mail through Django's mail backend (locmem outbox in tests)."""

from __future__ import annotations

from django.core import mail

from duban.supervision.channels import Message
from duban.supervision.channels import email as email_channel


def test_email_sends_one_mail_to_the_address(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email_channel.send(address="liaison@example.cn", message=Message("催办：规划", "完成时限：2019-09-30"))
    [sent] = mail.outbox
    assert sent.to == ["liaison@example.cn"]
    assert sent.subject == "催办：规划"
    assert "2019-09-30" in sent.body
