"""Reminders (催办) and escalation (督办), and the reminder configuration.

``reminders_run(today=…)`` is the daily job: for every open item it works out
which reminders are due today (before the deadline, before a report date, an
urging notice every few working days once overdue, a missed report, escalation
to the leader in charge and then to the top leaders) and sends each one once.

Sending once: every (reminder key, channel, recipient) is a ``ReminderLog`` row
with a unique constraint. The row is inserted in the same transaction as the
audit row (and the in-app notification) before anything leaves the system;
mail and robots are sent after commit. A failed send marks its row
``ok=False`` with the error and the message, counts in the run's summary, is
listed on the office's failed-deliveries page (services/deliveries.py), and the
next run retries exactly those rows. A robot added after a reminder first went
out does not get it: robots join from the next reminder on, not with a backlog. The
price of this order is at-most-once delivery if the process dies between the
commit and the send; the gain is that running the job twice, or two workers at
once, never sends anything twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock, workdays
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.roles import Role
from duban.core.validation import validate_fields
from duban.org.models import LeaderUnit, User
from duban.supervision import policy
from duban.supervision.channels import ChannelError, Message, in_app, robot_send
from duban.supervision.channels import email as email_channel
from duban.supervision.models import Item, ProgressReport, ReminderLog, ReminderSettings, RobotChannel, Urge
from duban.supervision.models.reminder import ReminderKind
from duban.supervision.schedule import missed_report_since, next_report_due
from duban.supervision.workflow import State

BATCH = 500
# Completion requested: the unit says it is done and waits for review — no urging.
REMINDED_STATES = (State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.EXTENSION_REQUESTED)
REPORTING_STATES = (State.ACKNOWLEDGED, State.IN_PROGRESS, State.EXTENSION_REQUESTED)
ESCALATIONS = (ReminderKind.ESCALATE_LEADER, ReminderKind.ESCALATE_TOP)


# --- configuration -------------------------------------------------------------------


def parse_days(text: str, *, field_name: str) -> tuple[int, ...]:
    """'5,3,1' → (5, 3, 1); whole working days from 0 to 60, naming the field on error."""
    days: list[int] = []
    for raw in text.replace("，", ",").split(","):
        part = raw.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 60:
            message = _("“%(value)s” is not a number of working days from 0 to 60.") % {"value": part}
            raise DomainError(ErrorCode.INVALID, message, field=field_name)
        days.append(int(part))
    return tuple(sorted(set(days)))


@dataclass(frozen=True)
class ReminderConfig:
    """ReminderSettings as plain values (working days; 0 disables an escalation)."""

    before_deadline: tuple[int, ...] = (1, 3, 5)
    before_report: tuple[int, ...] = (0, 2)
    urge_every: int = 3
    escalate_leader_after: int = 3
    escalate_top_after: int = 10
    send_email: bool = True

    @classmethod
    def load(cls) -> ReminderConfig:
        s = ReminderSettings.current()
        return cls(
            before_deadline=parse_days(s.before_deadline, field_name="before_deadline"),
            before_report=parse_days(s.before_report, field_name="before_report"),
            urge_every=s.urge_every, escalate_leader_after=s.escalate_leader_after,
            escalate_top_after=s.escalate_top_after, send_email=s.send_email,
        )


REMINDER_FIELDS = ("before_deadline", "before_report", "urge_every", "escalate_leader_after",
                   "escalate_top_after", "send_email")


@transaction.atomic
def reminder_settings_update(*, actor: User, **changes: Any) -> ReminderSettings:
    """Change when to remind, urge and escalate (supervisors and administrators)."""
    if not policy.may_configure(actor):
        raise PermissionDenied(
            _("Only the supervision office or an administrator changes reminder settings.")
        )
    settings_row = ReminderSettings.objects.select_for_update().get(pk=ReminderSettings.current().pk)
    before = {name: getattr(settings_row, name) for name in REMINDER_FIELDS}
    for name, value in changes.items():
        if name not in REMINDER_FIELDS:
            raise ValueError(f"unknown reminder setting: {name}")
        if name in ("before_deadline", "before_report"):
            days = sorted(parse_days(str(value), field_name=name), reverse=True)
            setattr(settings_row, name, ",".join(str(d) for d in days))
        else:
            setattr(settings_row, name, value)
    settings_row.save()
    audit_record(actor=actor, action="settings.reminders", obj=settings_row, before=before,
                 after={name: getattr(settings_row, name) for name in REMINDER_FIELDS})
    return settings_row


ROBOT_FIELDS = ("name", "kind", "webhook_url", "secret", "unit", "is_active")


def _check_robot_admin(actor: User) -> None:
    if not policy.may_configure(actor):
        raise PermissionDenied(_("Only the supervision office or an administrator manages robot channels."))


def _robot_picture(robot: RobotChannel) -> dict[str, Any]:
    # The secret is never written to the audit trail, only whether there is one.
    return {"name": robot.name, "kind": robot.kind, "webhook_url": robot.webhook_url.split("?")[0],
            "has_secret": bool(robot.secret), "unit": robot.unit_id, "is_active": robot.is_active}


@transaction.atomic
def robot_channel_save(*, actor: User, robot: RobotChannel | None = None, **fields: Any) -> RobotChannel:
    """Create (``robot`` None) or change a chat-robot channel."""
    from duban.supervision.services.common import validate

    _check_robot_admin(actor)
    unknown = set(fields) - set(ROBOT_FIELDS)
    if unknown:
        raise ValueError(f"unknown robot fields: {unknown}")
    before = _robot_picture(robot) if robot is not None else None
    robot = robot or RobotChannel()
    for name, value in fields.items():
        setattr(robot, name, value)
    validate(robot)
    robot.save()
    audit_record(actor=actor, action="settings.robot_save", obj=robot, before=before,
                 after=_robot_picture(robot))
    return robot


@transaction.atomic
def robot_channel_delete(*, actor: User, robot: RobotChannel) -> None:
    _check_robot_admin(actor)
    audit_record(actor=actor, action="settings.robot_delete", obj=robot, before=_robot_picture(robot))
    robot.delete()


def robot_channel_test(*, actor: User, robot: RobotChannel) -> None:
    """Send a test message now; raises ChannelError with the platform's answer."""
    _check_robot_admin(actor)
    message = Message(_("duban test message"), _("This robot channel works."))
    robot_send(kind=robot.kind, url=robot.webhook_url, secret=robot.secret, message=message)


# --- planning: which reminders are due today (no writes) -------------------------------


@dataclass(frozen=True)
class Planned:
    """One reminder due today for one item; ``key`` identifies it across runs."""

    kind: ReminderKind
    key: str
    days: int = 0  # working days to the date (before) or past the deadline (overdue)
    date: dt.date | None = None  # the deadline or report date concerned
    note: str = ""  # the supervisor's own words when urging by hand


def _days(start: dt.date, end: dt.date) -> int:
    try:
        return workdays.workdays_between(start, end)
    except DomainError:
        return (end - start).days


def _before(day: dt.date, count: int) -> dt.date:
    try:
        return workdays.add_workdays(day, -count)
    except DomainError:
        return day - dt.timedelta(days=count)


def _countdown(item_id: int, kind: ReminderKind, target: dt.date, offsets: tuple[int, ...],
               today: dt.date) -> Planned | None:
    """The latest threshold ("n working days before ``target``") reached today, if any."""
    if today > target:
        return None
    reached = [n for n in offsets if _before(target, n) <= today]
    if not reached:
        return None
    n = min(reached)
    return Planned(kind, f"{item_id}:{kind.value}:{target.isoformat()}:{n}", _days(today, target), target)


def reminders_due(item: Item, *, today: dt.date, config: ReminderConfig,
                  last_report: dt.date | None) -> list[Planned]:
    """The reminders due for ``item`` today (pure apart from the calendar).

    A recurring template gets none: its occurrences are reminded.
    """
    if item.state not in REMINDED_STATES or item.is_recurrence_template:
        return []
    due: list[Planned] = []
    pk, deadline = item.pk, item.deadline
    if deadline is not None and deadline >= today:
        planned = _countdown(pk, ReminderKind.BEFORE_DEADLINE, deadline, config.before_deadline, today)
        due += [planned] if planned else []
    if item.state in REPORTING_STATES and item.report_frequency != "none":
        start = item.start_day
        report_date = next_report_due(item.report_frequency, start, today)
        if report_date is not None:
            planned = _countdown(pk, ReminderKind.REPORT_DUE, report_date, config.before_report, today)
            due += [planned] if planned else []
        since = missed_report_since(item.report_frequency, start, today, last_report)
        if since is not None:
            due.append(Planned(ReminderKind.OVERDUE, f"{pk}:report_missed:{since.isoformat()}",
                               _days(since, today), since))
    if deadline is not None and deadline < today:
        due += _overdue(pk, deadline, today, config)
    return due


def _overdue(pk: int, deadline: dt.date, today: dt.date, config: ReminderConfig) -> list[Planned]:
    late = _days(deadline, today)  # working days past the deadline
    if late < 1:
        return []
    step = (late - 1) // config.urge_every if config.urge_every else 0
    due = [Planned(ReminderKind.OVERDUE, f"{pk}:overdue:{deadline.isoformat()}:{step}", late, deadline)]
    if config.escalate_leader_after and late >= config.escalate_leader_after:
        due.append(Planned(ReminderKind.ESCALATE_LEADER, f"{pk}:escalate_leader:{deadline.isoformat()}",
                           late, deadline))
    if config.escalate_top_after and late >= config.escalate_top_after:
        due.append(Planned(ReminderKind.ESCALATE_TOP, f"{pk}:escalate_top:{deadline.isoformat()}",
                           late, deadline))
    return due


# --- recipients ------------------------------------------------------------------------


@dataclass
class Audience:
    """Who is reached, prefetched once per batch (a constant number of queries)."""

    liaisons: dict[int, list[User]]  # unit id → liaisons
    leader_users: dict[int, list[User]]  # person id → user (a list of at most one)
    overseers: dict[int, list[int]]  # unit id → person ids of leaders overseeing it
    top_leaders: list[User]
    unit_robots: dict[int, list[RobotChannel]]
    office_robots: list[RobotChannel]

    @classmethod
    def load(cls, items: Iterable[Item]) -> Audience:
        items = list(items)
        unit_ids = {i.lead_unit_id for i in items if i.lead_unit_id}
        liaisons: dict[int, list[User]] = defaultdict(list)
        for user in _users_with(Role.LIAISON).filter(unit_id__in=unit_ids):
            liaisons[user.unit_id or 0].append(user)
        overseers: dict[int, list[int]] = defaultdict(list)
        for link in LeaderUnit.objects.filter(unit_id__in=unit_ids):
            overseers[link.unit_id].append(link.leader_id)
        person_ids = {i.leader_id for i in items if i.leader_id}
        person_ids |= {p for ps in overseers.values() for p in ps}
        leader_users: dict[int, list[User]] = defaultdict(list)
        for user in User.objects.filter(person_id__in=person_ids, is_active=True).select_related("person"):
            leader_users[user.person_id or 0].append(user)
        unit_robots: dict[int, list[RobotChannel]] = defaultdict(list)
        office_robots: list[RobotChannel] = []
        for robot in RobotChannel.objects.filter(is_active=True).order_by("pk"):
            if robot.unit_id is None:
                office_robots.append(robot)
            elif robot.unit_id in unit_ids:
                unit_robots[robot.unit_id].append(robot)
        return cls(liaisons, leader_users, overseers, list(_users_with(Role.TOP_LEADER)), unit_robots,
                   office_robots)

    def users_for(self, item: Item, kind: ReminderKind) -> list[User]:
        if kind == ReminderKind.ESCALATE_TOP:
            return self.top_leaders
        if kind == ReminderKind.ESCALATE_LEADER:
            people = [item.leader_id] if item.leader_id else self.overseers.get(item.lead_unit_id or 0, [])
            return [u for p in people for u in self.leader_users.get(p, [])]
        return self.liaisons.get(item.lead_unit_id or 0, [])

    def robots_for(self, item: Item, kind: ReminderKind) -> list[RobotChannel]:
        """Unit groups hear about their items; the office group about overdue ones and escalations."""
        unit = self.unit_robots.get(item.lead_unit_id or 0, []) if kind != ReminderKind.ESCALATE_TOP else []
        office = self.office_robots if kind in (ReminderKind.OVERDUE, *ESCALATIONS) else []
        return [*unit, *office]


def _users_with(role: Role) -> Any:
    return (User.objects.filter(roles__role=role, is_active=True).select_related("person")
            .order_by("pk").distinct())


def user_email(user: User) -> str:
    return user.email or (user.person.email if user.person_id and user.person else "")


# --- messages --------------------------------------------------------------------------


def item_url(item: Item) -> str:
    """The item page's address, absolute when ``settings.SITE_URL`` is set (else empty)."""
    base = getattr(settings, "SITE_URL", "")
    if not base:
        return ""
    try:
        path = reverse("supervision:item_detail", args=[item.pk])
    except NoReverseMatch:
        return ""
    return f"{base.rstrip('/')}{path}"


def compose(item: Item, planned: Planned) -> Message:
    """The message of one reminder, in the office's language."""
    name = f"{item.number} {item.title}".strip()
    titles = {
        ReminderKind.BEFORE_DEADLINE: _("Deadline in %(days)s working days: %(item)s"),
        ReminderKind.REPORT_DUE: _("Progress report due in %(days)s working days: %(item)s"),
        ReminderKind.OVERDUE: _("Urging notice: %(item)s is %(days)s working days overdue"),
        ReminderKind.ESCALATE_LEADER: _(
            "Escalated to the leader in charge: %(item)s, %(days)s working days overdue"),
        ReminderKind.ESCALATE_TOP: _(
            "Escalated to the top leaders: %(item)s, %(days)s working days overdue"),
        ReminderKind.MANUAL: _("Urged by the supervision office: %(item)s"),
    }
    title = titles[planned.kind] % {"item": name, "days": planned.days}
    if planned.key.split(":")[1] == "report_missed":
        title = _("Progress report missed since %(date)s: %(item)s") % {"item": name, "date": planned.date}
    lines = [_("Message: %(text)s") % {"text": planned.note}] if planned.note else []
    lines += [
        _("Item: %(item)s") % {"item": name},
        _("Lead unit: %(unit)s") % {"unit": item.lead_unit or "—"},
        _("Leader in charge: %(leader)s") % {"leader": item.leader or "—"},
        _("Deadline: %(deadline)s") % {"deadline": item.deadline.isoformat() if item.deadline else "—"},
        _("Status: %(state)s") % {"state": State(item.state).label},
    ]
    return Message(title[:300], "\n".join(lines), item_url(item))


# --- sending ---------------------------------------------------------------------------


@dataclass
class RunSummary:
    """What a run did. ``deliveries`` counts new (key, channel, recipient) rows.

    ``failed`` counts the sends of this run (new or retried) that did not get
    through. Mail and robots leave at commit: inside an outer transaction they
    are counted when it commits.
    """

    items: int = 0
    reminders: int = 0
    deliveries: int = 0
    retried: int = 0
    failed: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __str__(self) -> str:
        kinds = ", ".join(f"{k}={v}" for k, v in sorted(self.by_kind.items()))
        return (f"items={self.items} reminders={self.reminders} deliveries={self.deliveries} "
                f"retried={self.retried} failed={self.failed}" + (f" ({kinds})" if kinds else ""))


@dataclass(frozen=True)
class Target:
    channel: str  # in_app, email, dingtalk, wecom, feishu
    recipient: str  # user:<id>, an email address, robot:<id>
    user: User | None = None
    robot: RobotChannel | None = None


def _targets(users: list[User], robots: list[RobotChannel], *, send_email: bool) -> list[Target]:
    targets = [Target("in_app", f"user:{u.pk}", user=u) for u in users]
    if send_email:
        targets += [Target("email", user_email(u)[:300], user=u) for u in users if user_email(u)]
    targets += [Target(r.kind, f"robot:{r.pk}", robot=r) for r in robots]
    return targets


def _claim(planned: Planned, item: Item, target: Target, existing: dict[tuple[str, str], ReminderLog],
           now: dt.datetime) -> tuple[ReminderLog | None, bool]:
    """Take the right to send (insert, or flip a failed row back); (log, is_retry) or (None, _)."""
    log = existing.get((target.channel, target.recipient))
    if log is not None:
        if log.ok:
            return None, False
        # Conditional update: of two concurrent runs only one wins the retry.
        won = ReminderLog.objects.filter(pk=log.pk, ok=False).update(ok=True, error="", sent_at=now)
        return (log, True) if won else (None, False)
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(item=item, kind=planned.kind, key=planned.key,
                                             channel=target.channel, recipient=target.recipient, sent_at=now,
                                             ok=True)
    except IntegrityError:  # another run got there first
        return None, False
    return log, False


def deliveries_send(sends: list[tuple[ReminderLog, Target, Message]], summary: RunSummary) -> None:
    """After commit: send mail and robot messages; record each failure on its row and in ``summary``.

    A failed row keeps the error and the message (the failed-deliveries page
    shows and can resend it); the next run retries it while still planned.
    """
    for log, target, message in sends:
        try:
            if target.channel == "email":
                email_channel.send(address=target.recipient, message=message)
            elif target.robot is not None:
                robot = target.robot
                robot_send(kind=robot.kind, url=robot.webhook_url, secret=robot.secret, message=message)
        except ChannelError as exc:
            kept = {"title": message.title, "text": message.text, "url": message.url}
            ReminderLog.objects.filter(pk=log.pk).update(ok=False, error=str(exc)[:500], message=kept)
            summary.failed += 1


def reminder_send(*, item: Item, planned: Planned, audience: Audience, config: ReminderConfig,
                  actor: User | None = None, existing: dict[tuple[str, str], ReminderLog] | None = None,
                  summary: RunSummary | None = None) -> int:
    """Send one reminder to everyone it concerns, once; return the number of new deliveries.

    In-app notifications and log rows commit with the audit row; mail and robots
    go out after commit. ``existing`` are the reminder's log rows if prefetched.
    """
    summary = summary if summary is not None else RunSummary()
    message = compose(item, planned)
    targets = _targets(audience.users_for(item, planned.kind), audience.robots_for(item, planned.kind),
                       send_email=config.send_email)
    with transaction.atomic():
        if existing is None:
            existing = {(r.channel, r.recipient): r for r in ReminderLog.objects.filter(key=planned.key)}
        if existing:
            # Already sent on an earlier run: a robot added (or switched on) since then joins
            # from the next reminder on, instead of receiving the whole backlog at once.
            targets = [t for t in targets if t.robot is None or (t.channel, t.recipient) in existing]
        now = clock.now()
        sends: list[tuple[ReminderLog, Target, Message]] = []
        fresh: list[str] = []
        for target in targets:
            log, retry = _claim(planned, item, target, existing, now)
            if log is None:
                continue
            if target.channel == "in_app" and target.user is not None:
                in_app.notify(user_id=target.user.pk, item_id=item.pk, kind=planned.kind, message=message,
                              at=now)
            else:
                sends.append((log, target, message))
            summary.retried += retry
            if not retry:
                fresh.append(f"{target.channel}:{target.recipient}")
        if fresh:
            action = "item.escalate" if planned.kind in ESCALATIONS else "item.remind"
            audit_record(actor=actor, action=action, obj=item,
                         after={"kind": planned.kind.value, "key": planned.key, "to": fresh})
            summary.reminders += 1
            summary.deliveries += len(fresh)
            summary.by_kind[planned.kind.value] += 1
        if sends:
            transaction.on_commit(lambda: deliveries_send(sends, summary))
    return len(fresh)


def _last_reports(ids: list[int]) -> dict[int, dt.date]:
    rows = (ProgressReport.objects.filter(item_id__in=ids).values("item_id").annotate(at=Max("submitted_at"))
            .values_list("item_id", "at"))
    return {item_id: timezone.localdate(at) for item_id, at in rows}


def reminders_run(*, today: dt.date, progress: Callable[[int], None] | None = None) -> RunSummary:
    """The daily reminder job: send every reminder due today, each once (see module doc).

    ``progress`` is called with the number of items done after every 1,000.
    Queries per batch of items are constant, plus a transaction per reminder sent.
    """
    config = ReminderConfig.load()
    summary = RunSummary()
    ids = list(Item.objects.filter(state__in=REMINDED_STATES).order_by("pk").values_list("pk", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        for start in range(0, len(ids), BATCH):
            batch = list(Item.objects.filter(pk__in=ids[start:start + BATCH])
                         .select_related("lead_unit", "leader").order_by("pk"))
            _run_batch(batch, today=today, config=config, summary=summary)
            done = min(start + BATCH, len(ids))
            summary.items = done
            if progress is not None and (done // 1000 > start // 1000 or done == len(ids)):
                progress(done)
    return summary


def _run_batch(batch: list[Item], *, today: dt.date, config: ReminderConfig, summary: RunSummary) -> None:
    last = _last_reports([i.pk for i in batch])
    plans = [(item, p) for item in batch
             for p in reminders_due(item, today=today, config=config, last_report=last.get(item.pk))]
    if not plans:
        return
    logs: dict[str, dict[tuple[str, str], ReminderLog]] = defaultdict(dict)
    for log in ReminderLog.objects.filter(key__in=[p.key for _item, p in plans]):
        logs[log.key][(log.channel, log.recipient)] = log
    audience = Audience.load(item for item, _planned in plans)
    for item, planned in plans:
        reminder_send(item=item, planned=planned, audience=audience, config=config,
                      existing=logs[planned.key], summary=summary)
    # A failed row of a reminder no longer planned (e.g. the deadline moved) stays failed: by design.


@transaction.atomic
def item_urge(*, actor: User, item: Item, message: str = "") -> int:
    """A supervisor urges an item now (催办), at most once a day per recipient.

    Returns the number of new deliveries (0 if the item was already urged today).
    An urge that reached someone is kept as an ``Urge`` (who, when, ``message``)
    for the item's page. The bulk urge of the ledger calls this for each chosen item.
    """
    item = policy.access_item(actor, item.pk)
    if not policy.may_urge(actor):
        raise PermissionDenied(_("Only the supervision office urges items."))
    if item.is_recurrence_template:
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED,
                          _("A recurring template is not urged; urge the period's occurrence."))
    if not policy.may_urge(actor, item):
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED,
                          _("An item that is “%(state)s” cannot be urged.")
                          % {"state": State(item.state).label})
    today = clock.today()
    late = _days(item.deadline, today) if item.deadline and item.deadline < today else 0
    note = message.strip()
    validate_fields(Urge(message=note), ["message"])  # refused, never cut, when too long
    planned = Planned(ReminderKind.MANUAL, f"{item.pk}:manual:{today.isoformat()}", late, item.deadline, note)
    sent = reminder_send(item=item, planned=planned, audience=Audience.load([item]),
                         config=ReminderConfig.load(), actor=actor)
    if sent:
        Urge.objects.create(item=item, actor=actor, at=clock.now(), message=note, deliveries=sent)
    return sent
