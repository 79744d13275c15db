"""Writes to the organisation. Each service checks the actor, validates, and audits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Literal, TypeAlias

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core.errors import DomainError, ErrorCode
from duban.core.roles import Role
from duban.core.validation import validate
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.org.scope import check_manage_org

# The command line (``duban import_org``, set-up) acts as "system": trusted
# because it needs shell access to the server, and audited under that label.
SYSTEM_ACTOR: Final = "system"

# Who writes to the organisation: a signed-in user (an administrator, checked) or the shell.
Actor: TypeAlias = User | Literal["system"]

UNIT_FIELDS = ("name", "short_name", "kind", "parent", "sort_order", "is_active")
PERSON_FIELDS = ("name", "position", "unit", "phone", "email", "sort_order", "is_active")


def _validate(obj: Any) -> None:
    """full_clean() with Django's messages turned into a DomainError per field (core.validation)."""
    validate(obj)


def _apply(obj: Any, allowed: Iterable[str], changes: dict[str, Any]) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise DomainError(ErrorCode.INVALID, _("unknown fields: %(names)s") % {"names": names})
    for name, value in changes.items():
        setattr(obj, name, value)
    return list(changes)


def check_actor(actor: Actor) -> None:
    """Administrators, or the command line acting as :data:`SYSTEM_ACTOR`."""
    if isinstance(actor, str):  # the shell, SYSTEM_ACTOR
        return
    check_manage_org(actor)


def _check_no_cycle(unit: Unit) -> None:
    seen: set[int] = set()
    node = unit.parent
    while node is not None:
        if node.pk == unit.pk or node.pk in seen:
            raise DomainError(ErrorCode.INVALID, _("A unit cannot be its own ancestor."), field="parent")
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def unit_create(*, actor: Actor, **fields: Any) -> Unit:
    """Register a unit (单位)."""
    check_actor(actor)
    unit = Unit()
    _apply(unit, UNIT_FIELDS, fields)
    _validate(unit)
    unit.save()
    audit_record(actor=actor, action="unit.create", obj=unit, after=snapshot(unit))
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, unit: Unit, **changes: Any) -> Unit:
    check_actor(actor)
    before = snapshot(unit)
    names = _apply(unit, UNIT_FIELDS, changes)
    _check_no_cycle(unit)
    _validate(unit)
    unit.save(update_fields=[*names, "updated_at"])
    audit_record(actor=actor, action="unit.update", obj=unit, before=before, after=snapshot(unit))
    return unit


@transaction.atomic
def person_create(*, actor: Actor, oversees: Iterable[Unit] = (), **fields: Any) -> Person:
    """Register a person with a position (职务) in a unit."""
    check_actor(actor)
    person = Person()
    _apply(person, PERSON_FIELDS, fields)
    _validate(person)
    person.save()
    audit_record(actor=actor, action="person.create", obj=person, after=snapshot(person))
    if oversees:
        _set_leader_units(actor=actor, person=person, units=list(oversees))
    return person


@transaction.atomic
def person_update(
    *, actor: Actor, person: Person, oversees: Iterable[Unit] | None = None, **changes: Any
) -> Person:
    check_actor(actor)
    before = snapshot(person)
    names = _apply(person, PERSON_FIELDS, changes)
    _validate(person)
    person.save(update_fields=[*names, "updated_at"])
    audit_record(actor=actor, action="person.update", obj=person, before=before, after=snapshot(person))
    if oversees is not None:
        _set_leader_units(actor=actor, person=person, units=list(oversees))
    return person


def _set_leader_units(*, actor: Actor, person: Person, units: list[Unit]) -> None:
    before = sorted(person.leader_units.values_list("unit_id", flat=True))
    after = sorted({u.pk for u in units})
    if before == after:
        return
    person.leader_units.exclude(unit_id__in=after).delete()
    LeaderUnit.objects.bulk_create(
        [LeaderUnit(leader=person, unit_id=uid) for uid in after if uid not in before]
    )
    audit_record(
        actor=actor, action="person.oversees", obj=person,
        before={"oversees": before}, after={"oversees": after},
    )


@transaction.atomic
def leader_units_set(*, actor: Actor, person: Person, units: Iterable[Unit]) -> None:
    """Set the units a leader in charge (分管领导) oversees."""
    check_actor(actor)
    _set_leader_units(actor=actor, person=person, units=list(units))


def _user_picture(user: User) -> dict[str, Any]:
    data = snapshot(user, ["username", "is_active", "person", "unit", "email"])
    data["roles"] = sorted(r.role for r in user.roles.all())
    return data


@transaction.atomic
def user_create(
    *, actor: User, username: str, password: str, roles: Iterable[Role], person: Person | None = None,
    unit: Unit | None = None, email: str = "",
) -> User:
    """Create a login bound to a person and unit, with roles."""
    check_manage_org(actor)
    if User.objects.filter(username=username).exists():
        message = _("User name “%(name)s” is taken.") % {"name": username}
        raise DomainError(ErrorCode.DUPLICATE, message, field="username")
    user = User(username=username, person=person, unit=unit or (person.unit if person else None), email=email)
    user.set_password(password)
    _validate(user)
    user.save()
    UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in sorted(set(roles))])
    audit_record(actor=actor, action="user.create", obj=user, after=_user_picture(user))
    return user


@transaction.atomic
def user_update(
    *, actor: User, user: User, roles: Iterable[Role] | None = None, **changes: Any
) -> User:
    check_manage_org(actor)
    roles = list(roles) if roles is not None else None
    before = _user_picture(user)
    names = _apply(user, ("username", "person", "unit", "email", "is_active"), changes)
    _check_not_self_lockout(actor, user, roles)
    _validate(user)
    if names:
        user.save(update_fields=names)
    if roles is not None:
        user.roles.all().delete()
        UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in sorted(set(roles))])
        user.__dict__.pop("_role_cache", None)
    audit_record(actor=actor, action="user.update", obj=user, before=before, after=_user_picture(user))
    return user


def _check_not_self_lockout(actor: User, user: User, roles: Iterable[Role] | None) -> None:
    """An administrator may not lock themselves out (the last door in would close)."""
    if getattr(actor, "pk", None) != user.pk:
        return
    if not user.is_active:
        raise DomainError(ErrorCode.INVALID, _("You cannot deactivate your own account."), field="is_active")
    if roles is not None and Role.ADMIN not in set(roles):
        message = _("You cannot remove your own administrator role.")
        raise DomainError(ErrorCode.INVALID, message, field="roles")


@transaction.atomic
def admin_bootstrap(*, username: str, password: str) -> User:
    """Create the first administrator (set-up and demo), audited as "system".

    Idempotent: an existing user of that name is returned unchanged.
    """
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    user = User(username=username, is_staff=False)
    user.set_password(password)
    user.save()
    UserRole.objects.create(user=user, role=Role.ADMIN)
    audit_record(actor="system", action="user.bootstrap_admin", obj=user, after=_user_picture(user))
    return user


@transaction.atomic
def user_password_change(*, actor: User, user: User, old_password: str | None, new_password: str) -> None:
    """Change a password; the user gives the old one, an administrator resetting another's need not."""
    if actor.pk != user.pk:
        check_manage_org(actor)
    if actor.pk == user.pk and (old_password is None or not user.check_password(old_password)):
        raise DomainError(ErrorCode.INVALID, _("The current password is wrong."), field="old_password")
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(ErrorCode.INVALID, " ".join(exc.messages), field="new_password1") from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action="user.password_change", obj=user)
