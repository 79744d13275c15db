"""The injectable clock: frozen in tests, "as of" a demo date, real otherwise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.utils import timezone

from duban.core import clock

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_now_is_aware_and_today_is_a_date() -> None:
    now = clock.now()
    assert timezone.is_aware(now)
    assert isinstance(clock.today(), dt.date)
    assert not clock.is_simulated()


def test_frozen_date_means_nine_in_the_morning_local_time() -> None:
    # given / when
    with clock.frozen(dt.date(2019, 2, 4)):
        now = clock.now()
        today = clock.today()
        simulated = clock.is_simulated()
    # then
    assert now.astimezone(SHANGHAI) == dt.datetime(2019, 2, 4, 9, 0, tzinfo=SHANGHAI)
    assert today == dt.date(2019, 2, 4)
    assert simulated
    assert not clock.is_simulated()


def test_today_is_taken_in_the_configured_time_zone() -> None:
    # 2019-09-30 20:30 UTC is already National Day (10-01 04:30) in Shanghai.
    with clock.frozen(dt.datetime(2019, 9, 30, 20, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2019, 10, 1)


def test_frozen_nests_and_restores() -> None:
    with clock.frozen(dt.date(2019, 1, 1)):
        with clock.frozen(dt.date(2019, 10, 12)):
            assert clock.today() == dt.date(2019, 10, 12)
        assert clock.today() == dt.date(2019, 1, 1)
    assert not clock.is_simulated()


@override_settings(AS_OF="2019-07-31")
def test_as_of_setting_moves_the_date_but_keeps_the_time_of_day() -> None:
    # when
    now = clock.now()
    # then
    assert clock.today() == dt.date(2019, 7, 31)
    assert clock.is_simulated()
    real = timezone.localtime()
    shifted = timezone.localtime(now).replace(year=real.year, month=real.month, day=real.day)
    assert abs(shifted - real) < dt.timedelta(minutes=1)


def test_freezing_wins_over_as_of() -> None:
    with override_settings(AS_OF="2019-07-31"), clock.frozen(dt.date(2019, 2, 2)):
        assert clock.today() == dt.date(2019, 2, 2)


def test_local_date_is_the_day_in_the_configured_time_zone() -> None:
    # 03:52 Beijing time on 09-16 is 19:52 UTC on 09-15
    instant = dt.datetime(2019, 9, 15, 19, 52, tzinfo=dt.UTC)
    assert clock.local_date(instant) == dt.date(2019, 9, 16)


def test_no_code_takes_the_date_of_a_stored_instant_in_utc() -> None:
    # Stored instants (assigned_at, submitted_at, ...) are UTC: their .date() is the wrong
    # day for eight hours of each day. Dates come from clock.local_date (or localtime).
    root = Path(__file__).resolve().parents[2] / "duban"
    pattern = re.compile(r"\b\w+_at\)?\.date\(\)")
    found = [
        f"{path.relative_to(root)}:{n}: {line.strip()}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "localtime(" not in line
    ]
    assert found == []
