"""The item workflow (督办流程) as one explicit table.

Every state change of an item goes through ``services.transition.item_transition``,
which looks the (state, action) pair up here. Buttons, API and docs are derived
from this table; ``tests/supervision/test_workflow.py`` walks every pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from duban.core.roles import Role


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ASSIGNED = "assigned", _("Assigned")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
    COMPLETION_REQUESTED = "completion_requested", _("Completion requested")
    CLOSED = "closed", _("Closed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class Action(models.TextChoices):
    ASSIGN = "assign", _("Assign")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    START = "start", _("Start work")
    RETURN = "return", _("Return")
    REQUEST_EXTENSION = "request_extension", _("Request extension")
    GRANT_EXTENSION = "grant_extension", _("Grant extension")
    REFUSE_EXTENSION = "refuse_extension", _("Refuse extension")
    REQUEST_COMPLETION = "request_completion", _("Request completion")
    APPROVE = "approve", _("Approve (first of dual sign-off)")
    SIGN_OFF = "sign_off", _("Sign off")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    CANCEL = "cancel", _("Cancel")
    REOPEN = "reopen", _("Reopen")


class Party(models.TextChoices):
    """Who, relative to the item, may act (checked with the role)."""

    ANY_IN_SCOPE = "any", _("anyone in scope")
    LEAD_UNIT = "lead_unit", _("the lead unit")
    LEADER = "leader", _("the item's leader in charge")


@dataclass(frozen=True)
class Transition:
    to: State
    roles: frozenset[Role]
    party: Party = Party.ANY_IN_SCOPE
    reason: bool = False  # a comment is required
    new_deadline: bool = False  # a new deadline is required (extension request)
    back_to_previous: bool = False  # resume: return to the state before suspension


SUP = frozenset({Role.SUPERVISOR})
SUP_LEADER = frozenset({Role.SUPERVISOR, Role.LEADER})
LIAISON = frozenset({Role.LIAISON})
ACTIVE = (
    State.ASSIGNED,
    State.ACKNOWLEDGED,
    State.IN_PROGRESS,
    State.EXTENSION_REQUESTED,
    State.COMPLETION_REQUESTED,
)

TRANSITIONS: dict[tuple[State, Action], Transition] = {
    (State.DRAFT, Action.ASSIGN): Transition(State.ASSIGNED, SUP),
    (State.ASSIGNED, Action.ACKNOWLEDGE): Transition(State.ACKNOWLEDGED, LIAISON, Party.LEAD_UNIT),
    # 退办: the unit sends back an item that is not theirs.
    (State.ASSIGNED, Action.RETURN): Transition(State.DRAFT, LIAISON, Party.LEAD_UNIT, reason=True),
    (State.ACKNOWLEDGED, Action.START): Transition(State.IN_PROGRESS, LIAISON, Party.LEAD_UNIT),
    (State.ACKNOWLEDGED, Action.REQUEST_EXTENSION): Transition(
        State.EXTENSION_REQUESTED, LIAISON, Party.LEAD_UNIT, reason=True, new_deadline=True
    ),
    (State.IN_PROGRESS, Action.REQUEST_EXTENSION): Transition(
        State.EXTENSION_REQUESTED, LIAISON, Party.LEAD_UNIT, reason=True, new_deadline=True
    ),
    (State.EXTENSION_REQUESTED, Action.GRANT_EXTENSION): Transition(
        State.IN_PROGRESS, SUP_LEADER, Party.LEADER
    ),
    (State.EXTENSION_REQUESTED, Action.REFUSE_EXTENSION): Transition(
        State.IN_PROGRESS, SUP_LEADER, Party.LEADER, reason=True
    ),
    (State.ACKNOWLEDGED, Action.REQUEST_COMPLETION): Transition(
        State.COMPLETION_REQUESTED, LIAISON, Party.LEAD_UNIT
    ),
    (State.IN_PROGRESS, Action.REQUEST_COMPLETION): Transition(
        State.COMPLETION_REQUESTED, LIAISON, Party.LEAD_UNIT
    ),
    (State.COMPLETION_REQUESTED, Action.RETURN): Transition(
        State.IN_PROGRESS, SUP_LEADER, Party.LEADER, reason=True
    ),
    # 双审: the first approval (leader in charge or a supervisor) keeps the state.
    (State.COMPLETION_REQUESTED, Action.APPROVE): Transition(
        State.COMPLETION_REQUESTED, SUP_LEADER, Party.LEADER
    ),
    (State.COMPLETION_REQUESTED, Action.SIGN_OFF): Transition(State.CLOSED, SUP),
    (State.CLOSED, Action.REOPEN): Transition(State.IN_PROGRESS, SUP, reason=True),
    (State.SUSPENDED, Action.RESUME): Transition(State.IN_PROGRESS, SUP, back_to_previous=True),
    **{(s, Action.SUSPEND): Transition(State.SUSPENDED, SUP, reason=True) for s in ACTIVE},
    **{
        (s, Action.CANCEL): Transition(State.CANCELLED, SUP, reason=True)
        for s in (State.DRAFT, *ACTIVE, State.SUSPENDED)
    },
}

OPEN_STATES = frozenset(ACTIVE)
# Progress is reported (进展反馈) on items being worked on.
REPORTABLE_STATES = frozenset({State.ACKNOWLEDGED, State.IN_PROGRESS, State.EXTENSION_REQUESTED})
DONE_STATES = frozenset({State.CLOSED, State.CANCELLED})


def actions_from(state: State) -> list[Action]:
    """The actions the table allows from ``state`` (before role and scope checks)."""
    return [action for (s, action) in TRANSITIONS if s == state]
