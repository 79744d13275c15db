"""Factories for the organisation (factory_boy)."""

from __future__ import annotations

from typing import Any

import factory

from duban.org.models import LeaderUnit, Person, Unit, User, UserRole
from duban.org.roles import Role


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = "department"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    position = "科员"
    unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")
    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda o: o.person.unit if o.person else None)

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()
        for role in extracted or ():
            UserRole.objects.create(user=self, role=role)


def make_user(*roles: Role, unit: Unit | None = None, oversees: tuple[Unit, ...] = (), **kw: Any) -> User:
    """A user with roles, bound to a person in ``unit``; a leader oversees ``oversees``."""
    person = PersonFactory(unit=unit) if unit is not None else PersonFactory()
    user: User = UserFactory(person=person, unit=person.unit, roles=list(roles), **kw)
    for u in oversees:
        LeaderUnit.objects.create(leader=person, unit=u)
    return user
