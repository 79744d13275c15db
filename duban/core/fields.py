"""Field rules (字段规则): what a value must be, for forms, the API and imports alike.

One place for the limits every entry path enforces. The model fields carry them
(``TitleField``, ``validators=[validate_day]`` …), so ``full_clean()``
(``core.validation.validate``, which the services call) refuses the same values
whichever way they came in; the form fields reuse the same validators and
constants, so a form says so before the service is called. Each refusal is a
Django ``ValidationError`` whose message the services name by the field's
verbose name (标题: …).

The API schemas may reuse the constants (``PERCENT_MAX``, ``EARLIEST_DAY`` …) to
document the ranges; the services refuse regardless.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Characters that show nothing: zero-width space/joiners, word joiner, BOM,
# Mongolian vowel separator, soft hyphen. ``str.strip()`` alone keeps them.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad"

# Dates a supervision ledger can mean: anything outside is a typing slip (9999-12-31, 0201-05-01).
EARLIEST_DAY = dt.date(2000, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)

PERCENT_MAX = 100
LONG_TEXT_MAX = 8000  # a progress report's text, as the report form has always allowed
NOTE_TEXT_MAX = 4000  # problems met, next steps, instructions, comments
TAG_MAX = 40  # Tag.name's max_length


def visible_text(value: str) -> str:
    """The value without surrounding whitespace and invisible characters."""
    previous = None
    while previous != value:
        previous, value = value, value.strip().strip(INVISIBLE)
    return value


def validate_day(value: Any) -> None:
    """Refuse a date outside the range a ledger can mean (naming the range)."""
    if isinstance(value, dt.date) and not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={"earliest": EARLIEST_DAY.isoformat(), "latest": LATEST_DAY.isoformat()},
        )


def validate_percent(value: Any) -> None:
    """Refuse a percentage outside 0..100."""
    if isinstance(value, int) and not 0 <= value <= PERCENT_MAX:
        raise ValidationError(
            _("Enter a percentage from 0 to %(max)d."), code="percent", params={"max": PERCENT_MAX}
        )


def validate_tag(name: str) -> None:
    """Refuse (never cut) a tag longer than a tag may be."""
    if len(name) > TAG_MAX:
        raise ValidationError(
            _("The tag “%(tag)s…” is longer than %(max)d characters."),
            code="tag_length",
            params={"tag": name[:TAG_MAX], "max": TAG_MAX},
        )


def tag_names(tags: Iterable[str]) -> list[str]:
    """The distinct tags, stripped and sorted; raises ValidationError for one too long."""
    names = sorted({visible_text(t) for t in tags} - {""})
    for name in names:
        validate_tag(name)
    return names


long_text_validator = MaxLengthValidator(LONG_TEXT_MAX)
note_text_validator = MaxLengthValidator(NOTE_TEXT_MAX)


# --- Model fields -------------------------------------------------------------------

if TYPE_CHECKING:  # the stubs' generic fields, so the models' attributes keep their types
    _CharField = models.CharField[str, str]
else:
    _CharField = models.CharField


class TitleField(_CharField):
    """A required one-line text (title, expected output): stripped, refused if nothing visible is left.

    ``full_clean()`` stores the stripped value (Model.clean_fields sets what
    ``to_python`` returns), so the API and imports get what the forms get.
    """

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return visible_text(value) if isinstance(value, str) else value


# --- Form fields --------------------------------------------------------------------


class TitleFormField(forms.CharField):
    """The form side of TitleField: stripped of invisible characters too, then required."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return visible_text(value) if isinstance(value, str) else value


class DayFormField(forms.DateField):
    """The form side of DayField."""

    default_validators = [validate_day]
