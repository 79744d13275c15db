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


def _style(form: forms.BaseForm) -> None:
    """Give every widget the Bootstrap class its kind needs (a class set on the widget is kept)."""
    for field in form.fields.values():
        widget = field.widget
        if widget.is_hidden or isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class StyledMixin:
    """The one form styling: every form of the interface is a StyledForm or a StyledModelForm.

    Styles the fields again when the form is iterated (rendered by form_fields.html),
    so a field a subclass adds or replaces after ``__init__`` is styled too.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)  # type: ignore[arg-type]

    def __iter__(self) -> Any:
        _style(self)  # type: ignore[arg-type]
        return super().__iter__()  # type: ignore[misc]


class StyledForm(StyledMixin, forms.Form):
    """A form whose widgets carry Bootstrap's classes."""


class StyledModelForm(StyledMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose widgets carry Bootstrap's classes (settings pages)."""
