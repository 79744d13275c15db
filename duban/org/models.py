"""Organisation (SPEC A): units, people, leader-in-charge relations, users and roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core.models import BaseModel
from duban.core.roles import Role


class UnitKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Party working committee")
    ADMIN_COMMITTEE = "admin_committee", _("Administrative committee")
    DEPARTMENT = "department", _("Department")
    TOWN = "town", _("Town")
    AREA = "area", _("Area")
    STATE_FIRM = "state_firm", _("State-owned firm")
    OUTSIDE = "outside", _("Outside body")


class Unit(BaseModel):
    """A unit (单位): department, town (乡镇), area (片区), state firm or outside body."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class Person(BaseModel):
    """A person with a position (职务) in a unit; leaders oversee units."""

    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(_("position"), max_length=100, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people")
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    oversees: models.ManyToManyField[Unit, LeaderUnit] = models.ManyToManyField(
        Unit, verbose_name=_("units overseen"), through="LeaderUnit", related_name="leaders", blank=True
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）" if self.position else self.name


class LeaderUnit(models.Model):
    """Leader in charge (分管领导) → a unit they oversee."""

    leader = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leader_units")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="leader_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["leader", "unit"], name="leader_unit_unique")]

    def __str__(self) -> str:
        return f"{self.leader_id}→{self.unit_id}"


class User(AbstractUser):
    """A login bound to a person and a unit, holding one or more roles."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="user",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.person.name if self.person_id and self.person else self.username

    @property
    def role_set(self) -> frozenset[Role]:
        """The user's roles, read once per request object."""
        cached: frozenset[Role] | None = getattr(self, "_role_cache", None)
        if cached is None:
            cached = frozenset(Role(r.role) for r in self.roles.all())
            self._role_cache = cached
        return cached


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="user_role_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"
