"""Domain errors: one exception type with a code from one enum.

Services raise :class:`DomainError`; views turn it into a form error or a flash
message, the API into ``{"code", "message", "fields"}``.
"""

from __future__ import annotations

from enum import StrEnum


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


class NotFound(DomainError):
    """Missing and out-of-scope look alike (SPEC: 404, not a hint)."""

    def __init__(self, what: str = "object") -> None:
        super().__init__(ErrorCode.NOT_FOUND, f"{what} not found")


class PermissionDenied(DomainError):
    """The user may see the object but not perform this action on it."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.PERMISSION_DENIED, message)
