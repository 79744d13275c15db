"""Load the demo organisation through the org services (idempotent)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from duban.core.roles import Role
from duban.demo import org_data
from duban.org import services
from duban.org.models import Person, Unit, User

Say = Callable[[str], None]


@transaction.atomic
def demo_load_org(*, say: Say) -> User:
    """Create units, people, leader relations and one account per role.

    Returns the administrator. Existing rows (by name / username) are kept, so
    running the demo twice duplicates nothing.
    """
    admin = services.admin_bootstrap(username="admin", password=org_data.DEMO_PASSWORD)
    units = _load_units(admin)
    people = _load_people(admin, units)
    _load_accounts(admin, people)
    if admin.person is None:
        services.user_update(actor=admin, user=admin, person=people["何俊"], unit=people["何俊"].unit)
    say(f"organisation: {len(units)} units, {len(people)} people, {len(org_data.ACCOUNTS)} accounts")
    return admin


def _load_units(admin: User) -> dict[str, Unit]:
    units = {u.name: u for u in Unit.objects.all()}
    for order, (name, short, kind, parent) in enumerate(org_data.UNITS, start=1):
        if name not in units:
            units[name] = services.unit_create(
                actor=admin, name=name, short_name=short, kind=kind,
                parent=units.get(parent) if parent else None, sort_order=order * 10,
            )
    return units


def _load_people(admin: User, units: dict[str, Unit]) -> dict[str, Person]:
    people = {p.name: p for p in Person.objects.all()}
    for order, (name, position, unit, oversees) in enumerate(org_data.PEOPLE, start=1):
        if name not in people:
            people[name] = services.person_create(
                actor=admin, name=name, position=position, unit=units[unit], sort_order=order * 10,
                oversees=[units[u] for u in oversees],
            )
    return people


def _load_accounts(admin: User, people: dict[str, Person]) -> None:
    existing = set(User.objects.values_list("username", flat=True))
    for username, person_name, roles, _what in org_data.ACCOUNTS:
        if username in existing:
            continue
        person = people[person_name]
        services.user_create(
            actor=admin, username=username, password=org_data.DEMO_PASSWORD,
            roles=[Role(r) for r in roles], person=person, unit=person.unit,
        )
