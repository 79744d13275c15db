"""The error responses each API operation documents (接口错误响应).

Every error the API answers has one shape, :class:`ErrorOut` (``duban.api``
renders domain refusals, schema validation, authentication and server errors
in it). Operations list the statuses they can answer with :func:`errors`, so
the OpenAPI schema says which to expect:

- 400 ``invalid`` (and the other refusal codes): a value the schema or a rule refuses;
- 401 ``unauthenticated``: no valid token or session (every operation);
- 403 ``permission_denied``: the caller's role may not do this;
- 404 ``not_found``: missing or out of the caller's scope, alike;
- 409 ``conflict``: the ``version`` sent is stale (optimistic locking).

Validation errors are 400, as a service's refusals are: one status for bad input.
"""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """Every error: a code from ``ErrorCode``, a message, and a message per field."""

    code: str
    message: str
    fields: dict[str, str]


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """``{status: ErrorOut}`` for an operation's ``response=``; 401 is always among them."""
    return {status: ErrorOut for status in sorted({401, *statuses})}


LIST_ERRORS = errors(400)  # a list or a caller-wide action: bad parameters
READ_ERRORS = errors(400, 404)  # one object by id
WRITE_ERRORS = errors(400, 403, 404)  # a change to an object the caller may see
VERSIONED_ERRORS = errors(400, 403, 404, 409)  # a change that sends the version it saw
