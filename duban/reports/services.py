"""Writes of the reports app: issuing a supervision bulletin (督查通报) and adjusting its template.

Both write their audit row in the same transaction. A bulletin's serial number is
the next one of its year, taken under the template row's lock so two issues at
once never share a number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, PermissionDenied
from duban.core.validation import validate, validate_fields
from duban.org.models import User
from duban.reports import policy
from duban.reports.bulletin.content import bulletin_content
from duban.reports.bulletin.docx import bulletin_docx, fill
from duban.reports.models import Bulletin, BulletinTemplate
from duban.reports.statistics.facts import Within
from duban.reports.statistics.figures import Period
from duban.supervision.models import Notification, NotificationKind

TEMPLATE_FIELDS = (
    "issuer",
    "number_format",
    "title_format",
    "recipients",
    "opening",
    "next_steps",
    "signature",
)


@transaction.atomic
def bulletin_issue(
    *, actor: User, period: Period, within: Within | None = None, scope_label: str
) -> Bulletin:
    """Issue the bulletin of ``period`` over the actor's scope (narrowed by ``within``), numbered by year."""
    if not policy.may_issue_bulletin(actor):
        raise PermissionDenied(_("Only the supervision office issues bulletins."))
    template = BulletinTemplate.objects.select_for_update().get(pk=BulletinTemplate.current().pk)
    year = period.end.year
    serial = (Bulletin.objects.filter(year=year).aggregate(n=Max("serial"))["n"] or 0) + 1

    def filled(text: str) -> str:
        return fill(text, period_start=period.start, period_end=period.end, serial=serial)

    content = bulletin_content(user=actor, period=period, within=within, scope_label=scope_label)
    number, title = filled(template.number_format), filled(template.title_format)
    document = bulletin_docx(
        content=content, template=template, serial=serial, number=number, title=title, issued_on=clock.today()
    )
    bulletin = Bulletin(
        year=year,
        serial=serial,
        number=number,
        title=title[:200],
        period_start=period.start,
        period_end=period.end,
        as_of=period.as_of,
        scope_label=scope_label,
        figures=content.figures(),
        document=document,
        issued_by=actor,
    )
    validate(bulletin, exclude=["document", "issued_by"])
    bulletin.save()
    audit_record(
        actor=actor,
        action="bulletin.issue",
        obj=bulletin,
        after={
            "number": number,
            "title": bulletin.title,
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "scope": scope_label,
            **content.figures(),
        },
    )
    return bulletin


def _template_picture(row: BulletinTemplate) -> dict[str, Any]:
    return {**{name: getattr(row, name) for name in TEMPLATE_FIELDS}, "weekly_issuer": row.weekly_issuer_id}


@transaction.atomic
def bulletin_template_update(
    *, actor: User, weekly_issuer: User | None | Literal["keep"] = "keep", **changes: Any
) -> BulletinTemplate:
    """Change the bulletin template's wording, and who the Monday bulletin is issued as (office, admin)."""
    if not policy.may_issue_bulletin(actor):
        raise PermissionDenied(_("Only the supervision office changes the bulletin template."))
    row = BulletinTemplate.objects.select_for_update().get(pk=BulletinTemplate.current().pk)
    before = _template_picture(row)
    for name, value in changes.items():
        if name not in TEMPLATE_FIELDS:
            raise ValueError(f"unknown template field: {name}")
        setattr(row, name, str(value).strip())
    if weekly_issuer != "keep":
        if weekly_issuer is not None and not policy.may_issue_bulletin(weekly_issuer):
            raise DomainError(
                ErrorCode.INVALID,
                _("Bulletins are issued as a supervision office account."),
                field="weekly_issuer",
            )
        row.weekly_issuer = weekly_issuer
    for name in ("issuer", "number_format", "title_format"):
        if not getattr(row, name):
            raise DomainError(ErrorCode.INVALID, _("This field is required."), field=name)
    validate_fields(row, list(TEMPLATE_FIELDS))
    row.save()
    audit_record(
        actor=actor, action="bulletin.template", obj=row, before=before, after=_template_picture(row)
    )
    return row


def last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week before ``today``'s."""
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def bulletin_weekly(*, today: dt.date) -> Bulletin | None:
    """The Monday bulletin (每周通报) of last week, issued once as the template's weekly issuer.

    Nothing happens when no issuer is set or the issuer may no longer issue; a second run the
    same week finds last week's zone-wide bulletin and issues nothing. Everyone who reads
    bulletins is told in-app, with a link to the document.
    """
    template = BulletinTemplate.current()
    issuer = template.weekly_issuer
    if issuer is None or not policy.may_issue_bulletin(issuer):
        return None
    start, end = last_week(today)
    if Bulletin.objects.filter(period_start=start, period_end=end, scope_label="").exists():
        return None
    bulletin = bulletin_issue(actor=issuer, period=Period.ending(start, end, today=today), scope_label="")
    link = reverse("reports:bulletin_download", args=[bulletin.pk])
    readers = User.objects.filter(is_active=True, roles__role__in=policy.READERS).distinct()
    Notification.objects.bulk_create(
        Notification(
            user=user,
            kind=NotificationKind.DIGEST,
            title=f"{bulletin.number} {bulletin.title}",
            body=link,
            created_at=clock.now(),
        )
        for user in readers
    )
    return bulletin
