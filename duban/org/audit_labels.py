"""What the organisation's audit events read as on the audit page (新建单位, 角色: 督查室).

Registered from :class:`duban.org.apps.OrgConfig.ready` (see :mod:`duban.audit.describe`).
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, integer_ids, register_actions, register_type
from duban.core.roles import Role
from duban.org.models import Person, Unit, User

ACTIONS = {
    "unit.create": _("Add unit"),
    "unit.update": _("Edit unit"),
    "person.create": _("Add person"),
    "person.update": _("Edit person"),
    "person.oversees": _("Set the units a leader oversees"),
    "user.create": _("Add user"),
    "user.update": _("Edit user"),
    "user.bootstrap_admin": _("Create the first administrator"),
    "org.import": _("Import the organisation"),
}

IMPORT_FIELDS = {
    "file": FieldSpec(_("file")),
    "units_created": FieldSpec(_("units created")),
    "units_updated": FieldSpec(_("units updated")),
    "units_unchanged": FieldSpec(_("units unchanged")),
    "people_created": FieldSpec(_("people created")),
    "people_updated": FieldSpec(_("people updated")),
    "people_unchanged": FieldSpec(_("people unchanged")),
}


def unit_names(ids: Collection[str]) -> dict[str, str]:
    return {
        str(pk): name for pk, name in Unit.objects.filter(pk__in=integer_ids(ids)).values_list("pk", "name")
    }


def person_names(ids: Collection[str]) -> dict[str, str]:
    rows = Person.objects.filter(pk__in=integer_ids(ids)).only("pk", "name", "position")
    return {str(p.pk): str(p) for p in rows}


def user_names(ids: Collection[str]) -> dict[str, str]:
    """A user by their person's name (the user name if none), one query."""
    rows = (
        User.objects.filter(pk__in=integer_ids(ids))
        .select_related("person")
        .only("pk", "username", "person__name")
    )
    return {str(u.pk): u.person.name if u.person else u.username for u in rows}


def register() -> None:
    register_actions(ACTIONS)
    register_type("org.unit", TypeSpec(noun=_("unit"), names=unit_names))
    register_type(
        "org.person",
        TypeSpec(
            noun=_("person"),
            names=person_names,
            fields={"oversees": FieldSpec(_("units overseen"), refers_to="org.unit")},
        ),
    )
    register_type(
        "org.user",
        TypeSpec(
            noun=_("user"),
            names=user_names,
            fields={"roles": FieldSpec(_("roles"), choices=dict(Role.choices))},
        ),
    )
    register_type("org.workbook", TypeSpec(noun=_("organisation workbook"), fields=IMPORT_FIELDS))
