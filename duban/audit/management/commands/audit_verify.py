"""``duban audit_verify``: check the audit chain; exit 1 at the first broken link.

``--head`` prints only the verified head as ``SEQ:HASH``, to be recorded outside the
database (a log on another host, a paper register): a later ``--expect-head SEQ:HASH``
then proves the chain still passes through that point, which detects even a
consistent rewrite by someone holding the audit key and the database.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from duban.audit.verify import Anchor, verify_chain


def _anchor(text: str) -> Anchor:
    try:
        return Anchor.parse(text)
    except ValueError:
        raise CommandError(
            _("--expect-head must read SEQ:HASH (a number, a colon, 64 hexadecimal digits), not “%(text)s”.")
            % {"text": text}
        ) from None


class Command(BaseCommand):
    help = "Verify the hash-chained audit trail and report the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--head", action="store_true", help="print only the verified head, as SEQ:HASH")
        parser.add_argument(
            "--expect-head", metavar="SEQ:HASH", help="a head recorded earlier, outside the database"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        expect = _anchor(options["expect_head"]) if options["expect_head"] else None
        result = verify_chain(expect=expect)
        if result.key_derived:
            self.stderr.write(
                _(
                    "Note: the audit key is derived from the secret key (development and tests only); "
                    "production sets DUBAN_AUDIT_KEY."
                )
            )
        if not result.ok:
            raise CommandError(
                _(
                    "Audit chain BROKEN at event #%(seq)s: %(reason)s. %(checked)s events before it are "
                    "intact. Restore from a backup or investigate who changed the database directly."
                )
                % {"seq": result.broken_seq, "reason": result.reason, "checked": result.checked}
            )
        if options["head"]:
            self.stdout.write(str(result.head))
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Audit chain intact: %(checked)s events verified.") % {"checked": result.checked}
            )
        )
        self.stdout.write(_("Head: %(head)s (record it outside the database).") % {"head": result.head})
        if expect is not None:
            self.stdout.write(_("The chain passes through the expected head #%(seq)s.") % {"seq": expect.seq})
