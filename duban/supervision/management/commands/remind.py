"""``duban remind [--date YYYY-MM-DD]``: run the reminder job once and print a summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from duban.core import clock
from duban.supervision.services.reminders import reminders_run


def parse_date(value: str | None) -> dt.date:
    if not value:
        return clock.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        message = _("--date: “%(value)s” is not a date in the form YYYY-MM-DD") % {"value": value}
        raise CommandError(message) from exc


class Command(BaseCommand):
    help = "Send the reminders, urging notices and escalations due today (each only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="run as of this day (YYYY-MM-DD); default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_date(options["date"])
        self.stdout.write(f"reminders as of {today.isoformat()}")
        summary = reminders_run(today=today, progress=lambda n: self.stdout.write(f"  {n} items done"))
        if not summary.failed:
            self.stdout.write(self.style.SUCCESS(str(summary)))
            return
        self.stdout.write(self.style.WARNING(str(summary)))
        hint = _(
            "%(count)s deliveries failed: the next run retries them; the list with the errors is at %(url)s."
        )
        url = reverse("supervision_config:deliveries_failed")
        self.stdout.write(self.style.WARNING(hint % {"count": summary.failed, "url": url}))
