"""``duban backup [--output PATH]``: one archive of database and uploads, while the app runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duban.core.errors import DomainError
from duban.ops.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz archive (safe while the app runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            default=None,
            help="Archive to write (default: $DUBAN_BACKUP_DIR/duban-<date>-<time>.tar.gz).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(output=options["output"], progress=self.stdout.write)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(str(result.path)))
