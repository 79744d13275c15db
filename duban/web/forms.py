"""Helpers shared by forms: showing a DomainError on the field it names."""

from django import forms

from duban.core.errors import DomainError


def apply_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Attach a service's error to the fields it names, else to the whole form."""
    placed = False
    for name, message in error.fields.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)
