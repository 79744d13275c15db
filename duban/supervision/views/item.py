"""The item page and the forms that register, edit and move items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duban.audit.policy import may_read_audit
from duban.core import clock
from duban.core.errors import DomainError
from duban.org.scope import signed_in
from duban.supervision import policy
from duban.supervision.forms import (
    InstructionForm,
    ItemForm,
    JudgementForm,
    MilestoneForm,
    MoveForm,
    ReportForm,
)
from duban.supervision.lights import Light
from duban.supervision.models import Item, ItemTransition
from duban.supervision.notifications import UrgeRow, item_urges
from duban.supervision.selectors import item_detail_queryset
from duban.supervision.services.lights import item_light_current
from duban.supervision.services.tree import check_not_done, item_create, item_move, item_update
from duban.supervision.views.common import (
    COLOUR_WORDS,
    condition_words,
    item_or_404,
    optional_url,
    require_register,
    source_or_404,
)
from duban.supervision.workflow import OPEN_STATES, TRANSITIONS, Action, State
from duban.web.formview import handle_form


@dataclass(frozen=True)
class TimelineRow:
    """A transition with its codes in words."""

    transition: ItemTransition
    action: str
    from_state: str
    to_state: str


@dataclass(frozen=True)
class ItemPage:
    """Everything the item page shows, read in a fixed number of queries."""

    item: Item
    light: Light | None
    condition_words: list[str | Promise]
    actions: list[tuple[Action, bool]]  # (action, needs a form: reason / deadline)
    timeline: list[TimelineRow]
    overdue: bool
    urges: list[UrgeRow]
    latest_urge: UrgeRow | None  # shown atop an open item's page


def item_page(request: HttpRequest, item_id: int) -> ItemPage:
    item = item_detail_queryset(request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    today = clock.today()
    light = item_light_current(item=item, today=today)
    actions = policy.allowed_actions(request.user, item)
    urges = item_urges(item)
    return ItemPage(
        item=item, light=light,
        condition_words=condition_words(light),
        actions=[(a, _needs_form(item, a)) for a in actions],
        timeline=[_timeline_row(t) for t in item.transitions.all()],
        overdue=bool(item.deadline and item.deadline < today and item.state in OPEN_STATES),
        urges=urges,
        latest_urge=urges[0] if urges and item.state in OPEN_STATES else None,
    )


def _timeline_row(t: ItemTransition) -> TimelineRow:
    states, actions = dict(State.choices), dict(Action.choices)
    return TimelineRow(t, str(actions.get(t.action, t.action)), str(states.get(t.from_state, t.from_state)),
                       str(states.get(t.to_state, t.to_state)))


def _needs_form(item: Item, action: Action) -> bool:
    rule = TRANSITIONS[(State(item.state), action)]
    return rule.reason or rule.new_deadline or action == Action.GRANT_EXTENSION


@login_required
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    page = item_page(request, item_id)
    item, user = page.item, request.user
    context: dict[str, Any] = {
        "page": page, "item": item, "today": clock.today(),
        "colour_word": COLOUR_WORDS.get(page.light.colour.value if page.light else "", ""),
        "may_register": policy.may_register(user),
        "may_edit": policy.may_edit(user, item),
        "report_form": ReportForm(item=item) if policy.may_report(user, item) else None,
        "instruction_form": InstructionForm() if policy.may_instruct(user, item) else None,
        "judgement_form": JudgementForm() if policy.may_judge(user, item) else None,
        "milestone_form": MilestoneForm() if policy.may_add_milestone(user, item) else None,
        "may_mark_milestones": policy.may_mark_milestone(user, item),
        "may_urge": policy.may_urge(user, item),
        "audit_url": _audit_url(item) if may_read_audit(user) else None,
        "timeline_url": optional_url("reports:item_timeline", item.pk),
        "corrected_ids": {r.corrects_id for r in item.reports.all() if r.corrects_id},
    }
    return render(request, "supervision/item_detail.html", context)


def _audit_url(item: Item) -> str:
    query = urlencode({"object_type": item._meta.label_lower, "object_id": str(item.pk)})
    return f"{reverse('audit:event_list')}?{query}"


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, source_id: int) -> HttpResponse:
    """Register an item under a source, or under a parent item (?parent=<id>)."""
    require_register(request)
    source = source_or_404(request, source_id)
    parent_id = request.GET.get("parent") or request.POST.get("parent")
    parent = item_or_404(request, int(parent_id)) if parent_id and parent_id.isdigit() else None
    if parent is not None and parent.source_id != source.pk:
        raise Http404
    form = ItemForm(request.POST or None)
    return handle_form(
        request,
        form=form,
        perform=lambda data: item_create(
            actor=signed_in(request.user), source=source, parent=parent, tags=form.tag_names(),
            cooperating_units=data["cooperating_units"], **form.service_fields()),
        done=lambda item: _("Item %(number)s registered.") % {"number": item.number},
        then=lambda item: reverse("supervision:item_detail", args=[item.pk]),
        template="supervision/item_form.html",
        context={"source": source, "parent": parent},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    """Edit an item; the hidden version catches a concurrent edit (CONFLICT)."""
    require_register(request)
    item = item_or_404(request, item_id)
    if not policy.may_edit(request.user, item):
        try:
            check_not_done(item)
        except DomainError as exc:  # closed: reopen first
            messages.error(request, exc.message)
        return redirect("supervision:item_detail", item_id=item.pk)
    form = ItemForm(request.POST or None, editing=True,
                    initial=None if request.method == "POST" else ItemForm.initial_from(item))
    return handle_form(
        request,
        form=form,
        perform=lambda data: item_update(
            actor=signed_in(request.user), item=item, expected_version=data["version"],
            cooperating_units=data["cooperating_units"], tags=form.tag_names(),
            deadline_reason=data["deadline_reason"] or "", **form.service_fields()),
        done=lambda _item: _("Changes saved."),
        then=lambda _item: reverse("supervision:item_detail", args=[item.pk]),
        template="supervision/item_form.html",
        context={"item": item, "source": item.source},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_move_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """Move an item with its subtree; the ledger is renumbered."""
    require_register(request)
    item = item_or_404(request, item_id)
    form = MoveForm(request.POST or None, item=item, visible=policy.items_visible(request.user),
                    initial={"parent": item.parent_id, "position": item.position})
    return handle_form(
        request,
        form=form,
        perform=lambda data: item_move(
            actor=signed_in(request.user), item=item, parent=data["parent"], position=data["position"]),
        done=lambda moved: _("Moved; the item is now %(number)s.") % {"number": moved.number},
        then=lambda _moved: reverse("supervision:item_detail", args=[item.pk]),
        template="supervision/item_move.html",
        context={"item": item},
    )
