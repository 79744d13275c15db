"""Input types of the API schemas (接口输入类型): what a value may be before any code reads it.

Every input schema of the HTTP API builds its fields from these, so a value no
column can hold is refused at the boundary as a validation error (400
``invalid`` naming the field), never by the database as a server error:

- :data:`CleanText` — text without a NUL character (PostgreSQL refuses it, SQLite
  cuts the text there) and without a lone surrogate (half of a UTF-16 pair that
  JSON's ``\\ud800`` escapes can carry and no database can encode);
- :data:`ClearableText` — the same, where ``null`` clears the field to ``""``
  (text columns are never NULL);
- :data:`Id` — a row id, 1 … 2⁶³−1 (a 64-bit signed column; larger numbers make
  SQLite raise ``OverflowError``);
- :data:`Offset`, :data:`Count`, :data:`Percent` — non-negative numbers in the
  range of their columns.

:func:`text_problem` is the check itself, for text read outside a schema (query
strings parsed by hand). :class:`BoundedPagination` is ninja's ``limit``/``offset``
pagination within those ranges.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1  # BigAutoField: a 64-bit signed integer
MAX_INT32 = 2**31 - 1  # PositiveIntegerField on PostgreSQL
PERCENT_MAX = 100

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored (a sentence in the user's language), or ``None`` if it can."""
    if "\x00" in value:
        return _("It contains a NUL character (U+0000), which text may not contain.")
    if _SURROGATE.search(value):
        return _("It contains a lone surrogate (half of a UTF-16 pair), which is not a character.")
    return None


def _clean(value: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        # The type is what duban.api's error rendering keys on; the message is already in words.
        raise PydanticCustomError("text_unstorable", problem)
    return value


def _empty_if_null(value: str | None) -> str:
    return "" if value is None else value


CleanText = Annotated[str, AfterValidator(_clean)]
ClearableText = Annotated[
    CleanText | None,
    AfterValidator(_empty_if_null),
    Field(description="null clears the text."),
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=MAX_INT32)]
Percent = Annotated[int, Field(ge=0, le=PERCENT_MAX)]


def omittable() -> Any:
    """A field of a PATCH schema that may be left out (then unchanged) but not sent as ``null``.

    Typed ``Any`` so the field keeps its non-null type (``title: CleanText = omittable()``);
    the schema says the type, and a ``null`` is refused as a validation error.
    """
    return Field(None)


PAGE_MAX = 200  # rows one list call returns at most


class BoundedPagination(LimitOffsetPagination):
    """``?limit=&offset=`` as ninja's, with ``limit`` 1 … 200 and ``offset`` within a 64-bit column."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=PAGE_MAX, description="Rows to return.")
        offset: Offset = Field(0, description="Rows to skip.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=PAGE_MAX, **kwargs)
