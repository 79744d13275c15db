"""Schema validation errors in duban's error shape, in the user's language.

django-ninja reports a value its schema refuses as pydantic errors: a location
(``("body", "payload", "deadline")``, ``("query", "limit")``) and an English
message. :func:`validation_body` turns them into ``{code, message, fields}``
with each field named as the client sent it (``deadline``, ``limit``,
``cooperating_unit_ids.2``) and a translated sentence per field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.core.errors import ErrorCode

# Where ninja reads a parameter from: the first element of an error's location.
SOURCES = frozenset({"path", "query", "header", "cookie", "body", "form", "file"})
# Names the API's operations give their schema parameters; never part of a field's name.
SCHEMA_PARAMS = frozenset({"payload", "query", "filters"})

MESSAGES: dict[str, Promise] = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter text."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "finite_number": gettext_lazy("Enter a finite number."),
    "decimal_max_digits": gettext_lazy("Enter a number of at most %(max_digits)s digits."),
    "decimal_max_places": gettext_lazy("Enter a number with at most %(decimal_places)s decimal places."),
    "decimal_whole_digits": gettext_lazy(
        "Enter a number of at most %(whole_digits)s digits before the point."
    ),
    "greater_than_equal": gettext_lazy("Enter a value of at least %(ge)s."),
    "greater_than": gettext_lazy("Enter a value greater than %(gt)s."),
    "less_than_equal": gettext_lazy("Enter a value of at most %(le)s."),
    "less_than": gettext_lazy("Enter a value less than %(lt)s."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "date_type": gettext_lazy("Enter a date (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("Enter a date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": gettext_lazy("Enter a date (YYYY-MM-DD), without a time."),
    "datetime_type": gettext_lazy("Enter a date and time."),
    "datetime_parsing": gettext_lazy("Enter a date and time."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "string_too_short": gettext_lazy("Enter at least %(min_length)s characters."),
    "too_long": gettext_lazy("Give at most %(max_length)s values."),
    "too_short": gettext_lazy("Give at least %(min_length)s values."),
    "list_type": gettext_lazy("Give a list."),
    "dict_type": gettext_lazy("Give an object."),
    "model_type": gettext_lazy("Give an object."),
    "model_attributes_type": gettext_lazy("Give an object."),
    "enum": gettext_lazy("Choose one of %(expected)s."),
    "literal_error": gettext_lazy("Choose one of %(expected)s."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
    "extra_forbidden": gettext_lazy("This field is not known."),
}
FALLBACK = gettext_lazy("This value is not valid.")


def field_name(loc: Sequence[Any]) -> str:
    """The field as the client names it: without ninja's source and schema parameter."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in SCHEMA_PARAMS:
        parts = parts[1:]
    return ".".join(parts) or "body"


def error_message(error: Mapping[str, Any]) -> str:
    """One pydantic error as a sentence in the user's language."""
    kind = str(error.get("type", ""))
    if kind == "text_unstorable":  # duban.core.inputs: already a translated sentence
        return str(error.get("msg", ""))
    template = MESSAGES.get(kind)
    if template is None:
        return str(FALLBACK)
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    try:
        return str(template) % ctx if "%(" in str(template) else str(template)
    except KeyError:
        return str(FALLBACK)


def validation_body(errors: Iterable[Mapping[str, Any]]) -> dict[str, object]:
    """``{code: invalid, message, fields}`` for ninja's validation errors."""
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(field_name(error.get("loc", ())), error_message(error))
    message = _("; ").join(
        _("%(field)s: %(problem)s") % {"field": name, "problem": problem} for name, problem in fields.items()
    )
    return {"code": str(ErrorCode.INVALID), "message": message, "fields": fields}
