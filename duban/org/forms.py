"""Forms for the organisation pages: they parse input; the services decide and write.

Plain forms, not ModelForms: a ModelForm writes the input onto the instance
while validating, which would corrupt the "before" picture the audit takes.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.utils.translation import gettext_lazy as _

from duban.core.roles import Role
from duban.core.uploads import WORKBOOKS, UploadField
from duban.org.models import Person, Unit, UnitKind, User
from duban.web.forms import StyledForm


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} · {obj.unit.name}"


class UnitForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    short_name = forms.CharField(label=_("Short name"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = UnitChoiceField(label=_("Parent unit"), queryset=Unit.objects.all(), required=False)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            # A unit cannot sit under itself; deeper cycles are the service's to refuse.
            self.fields["parent"].queryset = Unit.objects.exclude(pk=unit.pk)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(unit: Unit) -> dict[str, Any]:
        return {
            "name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "parent": unit.parent_id,
            "sort_order": unit.sort_order, "is_active": unit.is_active,
        }


class PersonForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=50)
    position = forms.CharField(label=_("Position"), max_length=100, required=False)
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.all())
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    oversees = UnitMultipleChoiceField(
        label=_("Units overseen"), queryset=Unit.objects.all(), required=False,
        help_text=_("For a leader in charge (分管领导): the units they oversee."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        return {
            "name": person.name, "position": person.position, "unit": person.unit_id, "phone": person.phone,
            "email": person.email, "sort_order": person.sort_order, "is_active": person.is_active,
            "oversees": list(person.leader_units.values_list("unit_id", flat=True)),
        }


class UserForm(StyledForm):
    """Edit a login: name, person, unit, roles, active."""

    username = forms.CharField(label=_("User name"), max_length=150)
    person = PersonChoiceField(
        label=_("Person"), queryset=Person.objects.select_related("unit"), required=False
    )
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False,
        help_text=_("Left empty, the person's unit is used."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def initial_for(user: User) -> dict[str, Any]:
        return {
            "username": user.username, "person": user.person_id, "unit": user.unit_id, "email": user.email,
            "roles": sorted(r.role for r in user.roles.all()), "is_active": user.is_active,
        }

    def role_values(self) -> list[Role]:
        return [Role(r) for r in self.cleaned_data["roles"]]


class PasswordPairForm(StyledForm):
    """A new password typed twice, checked by Django's validators (settings.AUTH_PASSWORD_VALIDATORS)."""

    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class UserCreateForm(UserForm, PasswordPairForm):
    field_order = ("username", "person", "unit", "email", "roles", "is_active", "password1", "password2")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password = data.get("password1")
        if password and "password2" not in self.errors:
            # The user does not exist yet: compare the password with the name typed.
            candidate = SimpleNamespace(username=data.get("username", ""), email=data.get("email", ""))
            try:
                validate_password(password, candidate)  # type: ignore[arg-type]
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class OrgImportForm(StyledForm):
    file = UploadField(label=_("Workbook (.xlsx)"), kinds=WORKBOOKS)
