"""Domain errors: one exception type with a code from one enum.

Services raise :class:`DomainError`; views turn it into a form error or a flash
message, the API into ``{"code", "message", "fields"}``.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID = "invalid"
    INVALID_FILE = "invalid_file"
    FILE_TOO_LARGE = "file_too_large"
    IMPORT_FAILED = "import_failed"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REASON_REQUIRED = "reason_required"
    CALENDAR_UNKNOWN_YEAR = "calendar_unknown_year"
    BACKUP_FAILED = "backup_failed"
    SERVER_ERROR = "server_error"  # a defect, answered in the error shape (the API's 500)


class DomainError(Exception):
    """A business rule refused the operation.

    ``fields`` maps a field name (or ``"row 7, 单位名称"``) to its message, so
    forms and imports can say exactly what is wrong and where.
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        field: str | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields: dict[str, str] = dict(fields or {})
        if field is not None:
            self.fields.setdefault(field, message)

    def as_dict(self) -> dict[str, object]:
        return {"code": str(self.code), "message": self.message, "fields": self.fields}


#: What ``NotFound(what)`` says, per kind of object: the message reaches the user, so it is a
#: whole translatable sentence. A kind missing here reads as the generic one (a test lists the
#: kinds the code raises and checks each is here).
NOT_FOUND_MESSAGES: dict[str, Promise] = {
    "object": _("The object was not found."),
    "item": _("The item was not found."),
    "source": _("The source was not found."),
    "attachment": _("The attachment was not found."),
    "unit": _("The unit was not found."),
    "person": _("The person was not found."),
    "user": _("The user was not found."),
    "notification": _("The notification was not found."),
    "audit trail": _("The audit trail was not found."),
    "document": _("The document was not found."),
    "token": _("The API token was not found."),
    "delivery": _("The delivery was not found."),
    "indicator": _("The indicator was not found."),
    "indicator value": _("The indicator value was not found."),
    "subject": _("The subject was not found."),
    "peer set": _("The peer set was not found."),
    "evaluation scheme": _("The evaluation scheme was not found."),
    "evaluation indicator": _("The indicator of the evaluation scheme was not found."),
    "bonus or deduction item": _("The bonus or deduction item was not found."),
    "what-if scenario": _("The what-if scenario was not found."),
    "project": _("The key project was not found."),
    "project report": _("The monthly report was not found."),
    "project photo": _("The photo was not found."),
    "project milestone": _("The project milestone was not found."),
    "lead": _("The attraction lead was not found."),
    "attraction target": _("The attraction target was not found."),
    "bulletin": _("The bulletin was not found."),
    "accountability measure": _("The accountability measure was not found."),
    "review meeting": _("The review meeting was not found."),
}


class NotFound(DomainError):
    """Missing and out-of-scope look alike (SPEC: 404, not a hint).

    ``what`` names the kind of object (a key of :data:`NOT_FOUND_MESSAGES`); it is kept
    as ``self.what`` for logs and tests, the message is in the user's language.
    """

    def __init__(self, what: str = "object") -> None:
        message = NOT_FOUND_MESSAGES.get(what, NOT_FOUND_MESSAGES["object"])
        super().__init__(ErrorCode.NOT_FOUND, str(message))
        self.what = what


class PermissionDenied(DomainError):
    """The user may see the object but not perform this action on it."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.PERMISSION_DENIED, message)
