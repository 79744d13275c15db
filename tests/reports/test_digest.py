"""The weekly digest: each user's own figures, in-app and by mail, once a week; the schedule."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from duban.org.models import User
from duban.reports.digest import DigestFigures, digest_message, digests_send, week_key
from duban.reports.models import DigestLog
from duban.reports.tasks import weekly_at
from duban.supervision.models import Item, Notification
from tests.reports.conftest import TODAY, Org, liaison_of


def test_the_message_reads_as_an_office_would_write_it() -> None:
    figures = DigestFigures(12, 3, 2, dt.date(2019, 8, 7), (("经济发展局", 2), ("张坂镇", 1)))
    message = digest_message(figures, day=dt.date(2019, 7, 31), url="/reports/cockpit/")
    assert message.title == "督办周报（2019年第31周）"
    assert message.text == (
        "截至7月31日，您范围内在办督办事项12项，其中逾期3项；8月7日前到期2项。"
        "逾期较多的单位：经济发展局2项、张坂镇1项。"
    )
    assert week_key(dt.date(2019, 12, 30)) == "2020-W01"  # ISO weeks


def test_each_user_gets_their_own_figures_once_a_week(
    supervisor: User, org: Org, june_ledger: list[Item]
) -> None:
    # given the office (sees all) and the town's liaison (sees its one item), the liaison with an address
    town = liaison_of(org.town)
    town.email = "town@example.org"
    town.save()
    # when the digest runs twice in the same week
    first = digests_send(today=TODAY)
    again = digests_send(today=TODAY + dt.timedelta(days=1))
    # then each was sent once: in-app to the office and both liaisons, by mail to the one with an address
    assert again == 0 and first == DigestLog.objects.count() == 4
    office_note = Notification.objects.get(user=supervisor, kind="digest")
    town_note = Notification.objects.get(user=town, kind="digest")
    assert "在办督办事项2项，其中逾期2项" in office_note.body
    assert "在办督办事项1项，其中逾期1项" in town_note.body
    assert [m.to for m in mail.outbox] == [["town@example.org"]]
    assert "督办周报" in mail.outbox[0].subject


def test_the_schedule_fires_on_monday_morning_office_time() -> None:
    due = weekly_at(weekday=0, hour=8, minute=0)
    # Monday 5 August 2019, 08:00 in Beijing is 00:00 UTC
    assert due(dt.datetime(2019, 8, 5, 0, 0, tzinfo=dt.UTC))
    assert not due(dt.datetime(2019, 8, 6, 0, 0, tzinfo=dt.UTC))  # Tuesday
    assert not due(dt.datetime(2019, 8, 5, 1, 0, tzinfo=dt.UTC))  # 09:00
