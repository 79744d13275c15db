"""Audit trail endpoints (留痕): read the log and verify the chain.

Supervisors and administrators only (``audit.policy.may_read_audit``); anyone else
gets 404, as for an object outside their scope.
"""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module, where ``CleanText`` is unknown.
import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from duban.audit.models import AuditEvent
from duban.audit.policy import may_read_audit
from duban.audit.selectors import AuditFilters, audit_event_list, event_changes
from duban.audit.verify import VerifyResult, verify_chain
from duban.core.errors import NotFound
from duban.core.inputs import BoundedPagination, CleanText
from duban.core.responses import READ_ERRORS, errors

router = Router(tags=["audit"])


class FieldChangeOut(Schema):
    """One changed field; ``before``/``after`` are null when the field was absent."""

    name: str
    before: str | None
    after: str | None


class AuditEventOut(Schema):
    seq: int
    at: dt.datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: list[FieldChangeOut]
    hash: str

    @staticmethod
    def resolve_changes(obj: AuditEvent) -> list[dict[str, Any]]:
        return [{"name": c.name, "before": c.before, "after": c.after} for c in event_changes(obj)]


class VerifyOut(Schema):
    """``head`` is the stored head as ``SEQ:HASH``: record it outside the database."""

    ok: bool
    checked: int
    broken_seq: int | None
    reason: str
    head: str

    @staticmethod
    def resolve_head(obj: VerifyResult) -> str:
        return str(obj.head) if obj.head is not None else ""


def _check_reader(request: HttpRequest) -> None:
    if not may_read_audit(request.user):
        raise NotFound("audit trail")


@router.get("/events", response={200: list[AuditEventOut], **READ_ERRORS}, url_name="audit_event_list")
@paginate(BoundedPagination)
def event_list(
    request: HttpRequest,
    object_type: CleanText = "",
    object_id: CleanText = "",
    actor: CleanText = "",
    action: CleanText = "",
) -> Any:
    """Audit events, newest first; filter by object (type and id), user name and action."""
    _check_reader(request)
    filters = AuditFilters(object_type=object_type, object_id=object_id, actor=actor, action=action)
    return audit_event_list(filters=filters)


@router.post("/verify", response={200: VerifyOut, **errors(404)}, url_name="audit_chain_verify")
def chain_verify(request: HttpRequest) -> Any:
    """Recompute every hash; report the first broken link (slow on a long log)."""
    _check_reader(request)
    return verify_chain()
