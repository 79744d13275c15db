"""Load the demo ledgers and play each measure's story through the services.

Every step runs with the clock frozen at the day it happens, so transitions,
reports and the audit trail carry the dates of the story. Idempotent: a source
already loaded (same title) is skipped.
"""

from __future__ import annotations

import base64
import datetime as dt
from contextlib import AbstractContextManager
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from duban.core import clock, workdays
from duban.core.roles import Role
from duban.demo import supervision_data as data
from duban.demo.load_org import Say
from duban.org import services as org_services
from duban.org.models import Person, Unit, User
from duban.supervision.lights import ItemFacts, expected_progress
from duban.supervision.models import Item, Source
from duban.supervision.schedule import report_due_dates
from duban.supervision.services.lights import lights_refresh
from duban.supervision.services.milestone import milestone_add
from duban.supervision.services.reminders import item_urge
from duban.supervision.services.report import instruction_add, report_submit
from duban.supervision.services.source import source_create
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import item_create
from duban.supervision.workflow import Action

# A 1×1 PNG: the demo's "site photo" evidence.
PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class Cast:
    """The demo's actors: the supervisor, leaders, and a liaison per lead unit."""

    def __init__(self, admin: User) -> None:
        self.admin = admin
        self.supervisor = User.objects.get(username="supervisor")
        leaders = User.objects.filter(roles__role=Role.LEADER).select_related("person")
        self.leaders = {u.person.name: u for u in leaders if u.person is not None}
        self._liaisons: dict[int, User] = {}

    def liaison(self, unit: Unit) -> User:
        if unit.pk not in self._liaisons:
            user = User.objects.filter(unit=unit, roles__role=Role.LIAISON).order_by("pk").first()
            if user is None:
                person = Person.objects.filter(
                    unit=unit, name=f"{unit.short_name or unit.name}联络员"
                ).first()
                person = person or org_services.person_create(
                    actor=self.admin,
                    name=f"{unit.short_name or unit.name}联络员",
                    position="联络员",
                    unit=unit,
                )
                user = org_services.user_create(
                    actor=self.admin,
                    username=f"liaison-u{unit.pk}",
                    password=data_password(),
                    roles=[Role.LIAISON],
                    person=person,
                    unit=unit,
                )
            self._liaisons[unit.pk] = user
        return self._liaisons[unit.pk]


def data_password() -> str:
    from duban.demo.org_data import DEMO_PASSWORD

    return DEMO_PASSWORD


def at(day: dt.date) -> AbstractContextManager[None]:
    return clock.frozen(dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.timezone(dt.timedelta(hours=8))))


def demo_load_supervision(*, admin: User, say: Say) -> None:
    cast = Cast(admin)
    units = {u.name: u for u in Unit.objects.all()}
    people = {p.name: p for p in Person.objects.all()}
    for spec in data.SOURCES:
        if Source.objects.filter(title=spec.title).exists():
            continue
        with transaction.atomic():
            count = _load_source(spec, cast, units, people)
        say(f"ledger “{spec.title}”: {count} items")
    with at(data.AS_OF):
        done = lights_refresh(today=data.AS_OF)
    say(f"lights computed as of {data.AS_OF}: {done.items} items ({done.changed} changed)")


def _load_source(spec: data.DemoSource, cast: Cast, units: dict[str, Unit], people: dict[str, Person]) -> int:
    with at(spec.date):
        source = source_create(
            actor=cast.supervisor,
            kind=spec.kind,
            title=spec.title,
            date=spec.date,
            doc_number=spec.doc_number,
            issuer=spec.issuer,
            sign_off_mode=spec.sign_off_mode,
        )
        parent = None
        if spec.problem:
            parent = item_create(
                actor=cast.supervisor,
                source=source,
                kind="problem",
                title=spec.problem,
                content="省委巡视反馈问题",
                lead_unit=units["泉州台商投资区管委会"],
            )
            item_transition(item=parent, action=Action.ASSIGN, actor=cast.supervisor)
    count = 1 if parent else 0
    for measure in spec.measures:
        count += _load_measure(measure, source=source, parent=parent, cast=cast, units=units, people=people)
    return count


def _load_measure(
    m: data.Measure,
    *,
    source: Source,
    parent: Item | None,
    cast: Cast,
    units: dict[str, Unit],
    people: dict[str, Person],
) -> int:
    with at(source.date):
        item = item_create(
            actor=cast.supervisor,
            source=source,
            parent=parent,
            kind="measure",
            title=m.title,
            content=m.content,
            lead_unit=units[m.lead],
            leader=people[m.leader],
            start_date=source.date,
            deadline=m.deadline,
            cooperating_units=[units[u] for u in m.cooperating],
            tags=m.tags,
            report_frequency=m.frequency,
            target_value=Decimal(str(m.target[0])) if m.target else None,
            target_unit=m.target[1] if m.target else "",
            priority="high" if m.story in ("overdue", "extended") else "normal",
        )
    _play(m.story, item, cast, units[m.lead])
    return 1 + sum(
        _load_measure(child, source=source, parent=item, cast=cast, units=units, people=people)
        for child in m.children
    )


def _play(story: str, item: Item, cast: Cast, unit: Unit) -> None:
    """Act out a story up to the demo date."""
    if story == "draft":
        return
    start = item.source.date
    liaison = cast.liaison(unit)
    _step(item, start + dt.timedelta(days=1), cast.supervisor, Action.ASSIGN)
    if story == "assigned":
        return
    _step(item, workdays.add_workdays(start, 2), liaison, Action.ACKNOWLEDGE)
    if story == "acknowledged":
        return
    if story == "behind":
        with at(start):
            milestone_add(
                actor=cast.supervisor,
                item=item,
                due=start + dt.timedelta(days=100),
                title="形成初稿并征求意见",
                percent=50,
            )
    _reports(story, item, liaison)
    _finish(story, item, cast, liaison)
    if story in ("behind", "overdue"):
        _press(item, cast)


def _reports(story: str, item: Item, liaison: User) -> None:
    start, deadline = item.source.date, item.deadline or data.AS_OF
    last_day = min(data.AS_OF, deadline) - dt.timedelta(days=1)
    dues = report_due_dates("monthly", start, last_day) or [start + dt.timedelta(days=7)]
    if story == "missed_report":
        dues = dues[:1]
    for number, due in enumerate(dues, start=1):
        day = due - dt.timedelta(days=1)
        facts = ItemFacts(is_open=True, start=start, deadline=item.deadline)
        # On-track units report what the trajectory expects a little ahead of the report date.
        expected = expected_progress(facts, day + dt.timedelta(days=25)) or 0
        percent = {
            "behind": expected // 3,
            "overdue": expected * 2 // 3,
            "closed": min(100, expected + 20),
        }.get(story, min(95, expected))
        files = [SimpleUploadedFile(f"现场照片{number}.png", PHOTO, "image/png")] if number % 2 == 0 else []
        with at(day):
            report_submit(
                actor=liaison,
                item=item,
                text=f"第{number}次进展：按计划推进，完成{percent}%。",
                percent=percent,
                problems="用地指标尚待协调。" if story == "behind" else "",
                next_steps="加快推进，按期完成。",
                files=files,
            )


def _finish(story: str, item: Item, cast: Cast, liaison: User) -> None:
    deadline = item.deadline or data.AS_OF
    leader = cast.leaders.get(item.leader.name) if item.leader else None
    if story == "closed":
        done = min(deadline, data.AS_OF) - dt.timedelta(days=1)
        with at(done):
            report_submit(
                actor=liaison,
                item=item,
                text="已全部完成，佐证材料见附件。",
                percent=100,
                files=[SimpleUploadedFile("完成佐证.txt", "完成情况说明".encode(), "text/plain")],
            )
        _step(item, done, liaison, Action.REQUEST_COMPLETION)
        if item.source.sign_off_mode == "dual_leader" and leader is not None:
            _step(item, done + dt.timedelta(days=1), leader, Action.APPROVE)
        _step(item, done + dt.timedelta(days=2), cast.supervisor, Action.SIGN_OFF)
    elif story == "extended":
        _step(
            item,
            deadline - dt.timedelta(days=10),
            liaison,
            Action.REQUEST_EXTENSION,
            comment="受台风影响，桥梁合龙推迟，申请延期至9月底。",
            new_deadline=dt.date(2019, 9, 30),
        )
        _step(
            item,
            deadline - dt.timedelta(days=8),
            leader or cast.supervisor,
            Action.GRANT_EXTENSION,
            comment="同意延期，务必9月底前完工。",
        )
    elif story == "completion_returned":
        _step(item, dt.date(2019, 9, 2), liaison, Action.REQUEST_COMPLETION)
        _step(
            item,
            dt.date(2019, 9, 4),
            cast.supervisor,
            Action.RETURN,
            comment="参展企业名单和成效材料不全，请补充。",
        )


def _press(item: Item, cast: Cast) -> None:
    """A lagging item gets its leader's instruction (批示) and the office's urge (催办).

    So the demo's liaisons find something behind the bell.
    """
    leader = cast.leaders.get(item.leader.name) if item.leader else None
    if leader is not None:
        with at(data.AS_OF - dt.timedelta(days=5)):
            text = "进度滞后，请牵头单位倒排工期、加快推进，按时报送进展。"
            instruction_add(actor=leader, item=item, text=text)
    with at(data.AS_OF - dt.timedelta(days=4)):
        item_urge(actor=cast.supervisor, item=item, message="请于本周五前报送最新进展及下一步措施。")


def _step(item: Item, day: dt.date, actor: User, action: Action, **kw: object) -> None:
    with at(day):
        item_transition(item=item, action=action, actor=actor, **kw)  # type: ignore[arg-type]
