"""``duban create_admin USERNAME``: the first administrator of a new installation (audited)."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from duban.org.models import User
from duban.org.services import admin_bootstrap


class Command(BaseCommand):
    help = "Create an administrator account. The password comes from DUBAN_ADMIN_PASSWORD or a prompt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        if User.objects.filter(username=username).exists():
            message = _("A user named “%(name)s” exists already; choose another name.")
            raise CommandError(message % {"name": username})
        password = os.environ.get("DUBAN_ADMIN_PASSWORD") or getpass.getpass(
            _("Password for %(name)s: ") % {"name": username}
        )
        try:
            validate_password(password, User(username=username))
        except ValidationError as exc:
            reasons = " ".join(exc.messages)
            raise CommandError(_("Password refused: %(reasons)s") % {"reasons": reasons}) from exc
        admin_bootstrap(username=username, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                _("Administrator “%(name)s” created; log in and add units and users.") % {"name": username}
            )
        )
