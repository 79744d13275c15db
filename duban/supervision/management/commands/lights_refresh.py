"""``duban lights_refresh [--date YYYY-MM-DD] [--with-recurrence]``: recompute every item's light."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duban.supervision.management.commands.remind import parse_date
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.recurrence import recurrence_spawn


class Command(BaseCommand):
    help = "Recompute the lights of all items (the daily job does this at 01:00)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="as of this day (YYYY-MM-DD); default: today")
        parser.add_argument("--with-recurrence", action="store_true",
                            help="first spawn this period's occurrences of recurring items "
                                 "(as the daily job does)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_date(options["date"])
        if options["with_recurrence"]:
            spawned = recurrence_spawn(today=today)
            self.stdout.write(f"recurring occurrences created: {len(spawned)}")
        done = lights_refresh(today=today, progress=lambda n: self.stdout.write(f"  {n} items done"))
        self.stdout.write(self.style.SUCCESS(
            f"lights as of {today.isoformat()}: {done.items} items computed, {done.changed} changed"))
