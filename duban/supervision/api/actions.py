"""Workflow actions: one endpoint per action of ``workflow.Action``, and the allowed list."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from duban.core.errors import DomainError, ErrorCode
from duban.core.inputs import CleanText, Id
from duban.core.responses import READ_ERRORS, VERSIONED_ERRORS
from duban.supervision import policy
from duban.supervision.api.common import caller
from duban.supervision.api.schemas import ActionIn, AllowedActionOut, TransitionResultOut
from duban.supervision.models import ItemTransition
from duban.supervision.selectors import item_after_transition
from duban.supervision.services.lights import item_light_current
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import TRANSITIONS, Action, State

router = Router(tags=["supervision: workflow"])

ACTIONS_DOC = "; ".join(f"`{a.value}` ({a.label})" for a in Action)


def _action(value: str) -> Action:
    try:
        return Action(value)
    except ValueError:
        raise DomainError(
            ErrorCode.INVALID, _("Unknown action “%(action)s”.") % {"action": value[:40]}, field="action"
        ) from None


def _result(record: ItemTransition) -> dict[str, Any]:
    """The transition and the item after it. Not re-scoped: a liaison who returns an
    item (退办) sends it back to draft, out of their scope, and still sees their result."""
    item = item_after_transition(record)
    item_light_current(item=item)  # the light after the action, as lists will show it
    return {"transition": record, "item": item}


@router.post(
    "/items/{item_id}/actions/{action}",
    response={200: TransitionResultOut, **VERSIONED_ERRORS},
    summary="Apply a workflow action",
    description=(
        "Apply one action of the workflow table to the item. 400 `transition_not_allowed` if the item's "
        "state does not allow it, 400 `reason_required` without a comment where one is required, "
        "403 `permission_denied` if the caller's role or relation to the item does not allow it, "
        "404 if the item is out of scope, 409 `conflict` if `version` is stale. Actions: " + ACTIONS_DOC + "."
    ),
)
def item_action(request: HttpRequest, item_id: Id, action: CleanText, payload: ActionIn) -> dict[str, Any]:
    user = caller(request)
    item = policy.access_item(user, item_id)
    record = item_transition(
        item=item,
        action=_action(action),
        actor=user,
        comment=payload.comment,
        new_deadline=payload.new_deadline,
        expected_version=payload.version,
    )
    return _result(record)


@router.get(
    "/items/{item_id}/allowed-actions",
    response={200: list[AllowedActionOut], **READ_ERRORS},
    summary="Actions the caller may take now",
)
def item_allowed_actions(request: HttpRequest, item_id: Id) -> list[dict[str, Any]]:
    """The workflow actions this caller may apply to the item in its present state (for buttons)."""
    user = caller(request)
    item = policy.access_item(user, item_id)
    result = []
    for action in policy.allowed_actions(user, item):
        rule = TRANSITIONS[(State(item.state), action)]
        result.append(
            {
                "action": action.value,
                "label": str(action.label),
                "needs_reason": rule.reason,
                "needs_new_deadline": rule.new_deadline,
            }
        )
    return result
