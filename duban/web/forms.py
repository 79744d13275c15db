"""Helpers shared by forms: Bootstrap styling, and a DomainError shown on the field it names."""

from typing import Any

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


def bootstrap(form: forms.BaseForm) -> None:
    """Give every widget the Bootstrap class its kind needs."""
    for bound in form.visible_fields():
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class StyledForm(forms.Form):
    """A form whose widgets carry Bootstrap's classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
