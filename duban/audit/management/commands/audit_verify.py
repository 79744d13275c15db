"""``duban audit_verify``: check the audit chain; exit 1 at the first broken link."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the hash-chained audit trail and report the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                _(
                    "Audit chain BROKEN at event #%(seq)s: %(reason)s. %(checked)s events before it are "
                    "intact. Restore from a backup or investigate who changed the database directly."
                )
                % {"seq": result.broken_seq, "reason": result.reason, "checked": result.checked}
            )
        self.stdout.write(self.style.SUCCESS(
                _("Audit chain intact: %(checked)s events verified.") % {"checked": result.checked}
            ))
