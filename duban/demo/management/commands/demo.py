"""``duban demo``: load the demo zone (idempotent) and print one login per role."""

from typing import Any

from django.core.management.base import BaseCommand

from duban.demo import org_data
from duban.demo.load import demo_load


class Command(BaseCommand):
    help = "Load the demo zone built from the seed documents, then print how to log in as each role."

    def handle(self, *args: Any, **options: Any) -> None:
        demo_load(say=lambda line: self.stdout.write(f"  demo: {line}"))
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {org_data.DEMO_PASSWORD}):"))
        for username, person, _roles, what in org_data.ACCOUNTS:
            self.stdout.write(f"  {username:<13} {person}  — {what}")
