"""Factories for the organisation (factory_boy)."""

from __future__ import annotations

from typing import Any

from factory.declarations import LazyAttribute, PostGenerationMethodCall, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.helpers import post_generation

from duban.core.roles import Role
from duban.org.models import LeaderUnit, Person, Unit, User, UserRole


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    name = Sequence(lambda n: f"测试单位{n}")
    kind = "department"


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    name = Sequence(lambda n: f"张{n}")
    position = "科员"
    unit = SubFactory(UnitFactory)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"user{n}")
    password = PostGenerationMethodCall("set_password", "correct-horse-battery")
    person = SubFactory(PersonFactory)
    unit = LazyAttribute(lambda o: o.person.unit if o.person else None)

    @post_generation  # type: ignore[untyped-decorator]
    def roles(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805 - the built user
        if create:
            obj.save()
        for role in extracted or ():
            UserRole.objects.create(user=obj, role=role)


def make_user(*roles: Role, unit: Unit | None = None, oversees: tuple[Unit, ...] = (), **kw: Any) -> User:
    """A user with roles, bound to a person in ``unit``; a leader oversees ``oversees``."""
    person = PersonFactory.create(unit=unit) if unit is not None else PersonFactory.create()
    user: User = UserFactory.create(person=person, unit=person.unit, roles=list(roles), **kw)
    for u in oversees:
        LeaderUnit.objects.create(leader=person, unit=u)
    return user


def make_unit(**kw: Any) -> Unit:
    """A unit (typed wrapper around :class:`UnitFactory`)."""
    unit: Unit = UnitFactory.create(**kw)
    return unit


def make_person(**kw: Any) -> Person:
    """A person (typed wrapper around :class:`PersonFactory`)."""
    person: Person = PersonFactory.create(**kw)
    return person
