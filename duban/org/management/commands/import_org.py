"""``duban import_org FILE.xlsx``: import units and people from a workbook (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from duban.core.errors import DomainError
from duban.core.sheets import SheetError
from duban.org import importers, services
from duban.org.models import User


class Command(BaseCommand):
    help = (
        "Import units (sheet 单位) and people (sheet 人员) from an .xlsx workbook; "
        "nothing is written unless the whole workbook is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .xlsx workbook")
        parser.add_argument(
            "--user", default="",
            help="the administrator the audit trail names (default: the command line, as 'system')",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": path})
        actor: services.Actor = services.SYSTEM_ACTOR
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(_("no active user named “%(name)s”") % {"name": options["user"]})
            actor = user
        try:
            summary = importers.org_import(
                actor=actor, source=path.read_bytes(), filename=path.name, say=self.stdout.write
            )
        except SheetError as exc:
            for issue in exc.issues:
                self.stderr.write(f"  {issue}")
            raise CommandError(exc.summary) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(str(summary)))
