"""Reading the review form's per-draft edits (title, deadline, lead unit, target)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, ErrorCode
from duban.ingest import services
from duban.ingest.models import DraftItem, DraftStatus
from duban.org.models import Unit, User


def _parse(draft: DraftItem, data: QueryDict) -> dict[str, Any]:
    prefix = f"d{draft.pk}-"
    if f"{prefix}title" not in data:
        return {}
    wanted: dict[str, Any] = {"title": data.get(f"{prefix}title", "").strip()}
    raw_deadline = data.get(f"{prefix}deadline", "").strip()
    try:
        wanted["deadline"] = dt.date.fromisoformat(raw_deadline) if raw_deadline else None
    except ValueError as exc:
        message = _("Draft %(n)s: “%(value)s” is not a date.") % {"n": draft.order, "value": raw_deadline}
        raise DomainError(ErrorCode.INVALID, message, field="deadline") from exc
    raw_target = data.get(f"{prefix}target_value", "").strip()
    try:
        wanted["target_value"] = Decimal(raw_target) if raw_target else None
    except InvalidOperation as exc:
        message = _("Draft %(n)s: “%(value)s” is not a number.") % {"n": draft.order, "value": raw_target}
        raise DomainError(ErrorCode.INVALID, message, field="target_value") from exc
    unit_id = data.get(f"{prefix}lead_unit", "")
    wanted["lead_unit"] = Unit.objects.filter(pk=unit_id).first() if unit_id.isdigit() else None
    return {k: v for k, v in wanted.items() if getattr(draft, k) != v}


@transaction.atomic
def apply_edits(*, actor: User, drafts: list[DraftItem], data: QueryDict) -> None:
    """Save what the reviewer changed on pending drafts (all or nothing)."""
    for draft in drafts:
        if draft.status != DraftStatus.PENDING:
            continue
        changes = _parse(draft, data)
        if changes:
            services.draft_update(actor=actor, draft=draft, **changes)
