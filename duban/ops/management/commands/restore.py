"""``duban restore PATH [--yes]``: verify an archive, then replace database and uploads with it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from duban.core.errors import DomainError
from duban.ops.restore import restore_archive


class Command(BaseCommand):
    help = "Restore a backup made by `duban backup`: checks it first, replaces database and uploads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive made by `duban backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not options["yes"]:
            self._confirm(path)
        try:
            result = restore_archive(path=path, progress=self.stdout.write)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        chain = result.chain
        if not chain.ok:
            raise CommandError(
                _(
                    "Restored, but the audit chain is BROKEN at event #%(seq)s: %(reason)s. "
                    "The backup itself was made from a tampered database; try an older backup."
                )
                % {"seq": chain.broken_seq, "reason": chain.reason}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Restore complete: %(uploads)s uploaded files; audit chain intact (%(count)s events).")
                % {"uploads": result.upload_count, "count": chain.checked}
            )
        )
        if not result.chain_matches_manifest:
            self.stdout.write(
                self.style.WARNING(
                    _("The manifest expected %(seq)s audit events; the database now holds %(count)s.")
                    % {"seq": result.manifest.audit_head_seq, "count": chain.checked}
                )
            )

    def _confirm(self, path: Path) -> None:
        if not sys.stdin.isatty():
            raise CommandError(_("Restoring replaces the database and uploaded files. Add --yes to confirm."))
        self.stdout.write(
            _("This REPLACES the current database and all uploaded files with %(path)s.") % {"path": path}
        )
        answer = input(_("Type yes to continue: "))
        if answer.strip().lower() != "yes":
            raise CommandError(_("Restore cancelled; nothing was changed."))
