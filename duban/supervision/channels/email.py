"""Email (SMTP through Django's mail settings): one mail per recipient."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from duban.supervision.channels.base import ChannelError, Message


def send(*, address: str, message: Message) -> None:
    try:
        send_mail(message.title, message.as_text(), settings.DEFAULT_FROM_EMAIL, [address],
                  fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        message_text = _("mail to %(address)s failed: %(error)s") % {"address": address, "error": exc}
        raise ChannelError(message_text) from exc
