"""``duban audit_verify``: check the audit chain; exit 1 at the first broken link."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from duban.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the hash-chained audit trail and report the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Audit chain BROKEN at event #{result.broken_seq}: {result.reason}. "
                f"{result.checked} events before it are intact. Restore from a backup or "
                "investigate who changed the database directly."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {result.checked} events verified."))
