"""``duban orphan_files [--delete] [--min-age MINUTES]``: files under the uploads folder no row points at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from duban.core.uploads import limit_text
from duban.ops.orphans import DEFAULT_MIN_AGE, orphans_delete, orphans_find


class Command(BaseCommand):
    help = (
        "List the files under the uploads folder that no attachment points at (a dry run); "
        "with --delete, remove them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--delete", action="store_true", help="Delete the orphan files (default: only list)."
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=int(DEFAULT_MIN_AGE.total_seconds() // 60),
            metavar="MINUTES",
            help="Leave files younger than this alone: an upload may not have committed yet (default: 60).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.MEDIA_ROOT)
        scan = orphans_find(
            root=root,
            min_age=dt.timedelta(minutes=max(options["min_age"], 0)),
            progress=lambda n: self.stderr.write(_("%(count)d files scanned …") % {"count": n}),
        )
        for orphan in scan.orphans:
            self.stdout.write(f"{orphan.name}\t{orphan.size}")
        summary = _(
            "%(scanned)d files under %(root)s: %(referenced)d attached, %(recent)d too recent to judge, "
            "%(orphans)d orphans (%(size)s)."
        ) % {
            "scanned": scan.scanned,
            "root": root,
            "referenced": scan.referenced,
            "recent": scan.recent,
            "orphans": len(scan.orphans),
            "size": limit_text(scan.orphan_bytes),
        }
        self.stdout.write(summary)
        if not options["delete"]:
            if scan.orphans:
                self.stdout.write(_("Nothing deleted (a dry run); run again with --delete to remove them."))
            return
        deleted = orphans_delete(root=root, scan=scan)
        self.stdout.write(self.style.SUCCESS(_("%(count)d orphan files deleted.") % {"count": deleted}))
