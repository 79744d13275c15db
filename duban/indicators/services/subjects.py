"""Subjects (主体) and peer sets (比较范围): the zone, its units, its peers, and named groups of them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record, snapshot
from duban.core.errors import DomainError, ErrorCode
from duban.core.validation import validate
from duban.indicators import policy
from duban.indicators.models import PeerSet, Subject, SubjectKind
from duban.indicators.services.common import apply_fields
from duban.org.models import User

SUBJECT_FIELDS = ("name", "kind", "unit", "sort_order")
PEER_SET_FIELDS = ("name", "scope_word")


def _check_subject(subject: Subject) -> None:
    """Names are unique, a unit subject names its unit, and there is one zone (本区)."""
    if Subject.objects.filter(name=subject.name).exclude(pk=subject.pk).exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("A subject named “%(name)s” already exists.") % {"name": subject.name},
            field="name",
        )
    if subject.kind == SubjectKind.UNIT and subject.unit_id is None:
        raise DomainError(
            ErrorCode.INVALID, _("A subject that is a unit of the zone names the unit."), field="unit"
        )
    if (
        subject.unit_id is not None
        and Subject.objects.filter(unit_id=subject.unit_id).exclude(pk=subject.pk).exists()
    ):
        raise DomainError(ErrorCode.DUPLICATE, _("This unit is already a subject."), field="unit")
    if (
        subject.kind == SubjectKind.ZONE
        and Subject.objects.filter(kind=SubjectKind.ZONE).exclude(pk=subject.pk).exists()
    ):
        raise DomainError(
            ErrorCode.DUPLICATE, _("The zone is already a subject; there is one zone."), field="kind"
        )


@transaction.atomic
def subject_create(*, actor: User, **fields: Any) -> Subject:
    """Add a subject values are measured for (the zone, a unit, a peer district or zone)."""
    policy.check_define(actor)
    unknown = set(fields) - set(SUBJECT_FIELDS)
    if unknown:
        raise ValueError(f"unknown subject fields: {sorted(unknown)}")
    subject = Subject(**fields)
    _check_subject(subject)
    validate(subject)
    subject.save()
    audit_record(actor=actor, action="subject.create", obj=subject, after=snapshot(subject))
    return subject


@transaction.atomic
def subject_update(*, actor: User, subject: Subject, **changes: Any) -> Subject:
    policy.check_define(actor)
    subject = Subject.objects.select_for_update().get(pk=subject.pk)
    before = snapshot(subject)
    changed = apply_fields(subject, SUBJECT_FIELDS, changes)
    if changed:
        _check_subject(subject)
        validate(subject)
        subject.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action="subject.update", obj=subject, before=before, after=snapshot(subject)
        )
    return subject


def _peer_picture(peer_set: PeerSet) -> dict[str, Any]:
    data = snapshot(peer_set)
    data["members"] = sorted(peer_set.members.values_list("id", flat=True))
    return data


def _check_peer_set_name(peer_set: PeerSet) -> None:
    if PeerSet.objects.filter(name=peer_set.name).exclude(pk=peer_set.pk).exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("A peer set named “%(name)s” already exists.") % {"name": peer_set.name},
            field="name",
        )


@transaction.atomic
def peer_set_create(*, actor: User, members: Iterable[Subject] = (), **fields: Any) -> PeerSet:
    """A named peer set (比较范围, e.g. 全市各县区) and its members; sentences name it by ``scope_word``."""
    policy.check_define(actor)
    unknown = set(fields) - set(PEER_SET_FIELDS)
    if unknown:
        raise ValueError(f"unknown peer set fields: {sorted(unknown)}")
    peer_set = PeerSet(**fields)
    _check_peer_set_name(peer_set)
    validate(peer_set)
    peer_set.save()
    peer_set.members.set(list(members))
    audit_record(actor=actor, action="peer_set.create", obj=peer_set, after=_peer_picture(peer_set))
    return peer_set


@transaction.atomic
def peer_set_update(
    *, actor: User, peer_set: PeerSet, members: Iterable[Subject] | None = None, **changes: Any
) -> PeerSet:
    """Rename a peer set or replace its members (``members`` None leaves them)."""
    policy.check_define(actor)
    peer_set = PeerSet.objects.select_for_update().get(pk=peer_set.pk)
    before = _peer_picture(peer_set)
    changed = apply_fields(peer_set, PEER_SET_FIELDS, changes)
    if changed:
        _check_peer_set_name(peer_set)
        validate(peer_set)
        peer_set.save(update_fields=[*changed, "updated_at"])
    if members is not None:
        peer_set.members.set(list(members))
    after = _peer_picture(peer_set)
    if after != before:
        audit_record(actor=actor, action="peer_set.update", obj=peer_set, before=before, after=after)
    return peer_set
