"""Open-now rules, tested on plain values (no database)."""

import datetime as dt
from dataclasses import dataclass

from bettertogether.directory.hours import LOCAL_TZ, is_open, weekly_hours


@dataclass
class Line:
    byday: str = "MO,TU,WE,TH,FR"
    opens_at: dt.time | None = dt.time(9)
    closes_at: dt.time | None = dt.time(17)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    # 2026-11-23 is a Monday.
    return dt.datetime(2026, 11, 23 + day, hour, minute, second, tzinfo=LOCAL_TZ)


def test_no_schedule_is_unknown_not_closed() -> None:
    assert is_open([], [], at(0, 10)) is None
    assert is_open([Line(opens_at=None, closes_at=None)], [], at(0, 10)) is None


def test_weekday_hours() -> None:
    lines = [Line()]
    assert is_open(lines, [], at(0, 9)) is True
    assert is_open(lines, [], at(0, 16, 59)) is True
    assert is_open(lines, [], at(0, 17)) is False  # closing time is exclusive
    assert is_open(lines, [], at(0, 8, 59)) is False
    assert is_open(lines, [], at(5, 10)) is False  # Saturday


def test_around_the_clock_line_is_always_open() -> None:
    lines = [Line(byday="MO,TU,WE,TH,FR,SA,SU", opens_at=dt.time(0), closes_at=dt.time(23, 59))]
    for day in range(7):
        assert is_open(lines, [], at(day, 0)) is True
        assert is_open(lines, [], at(day, 23, 59, 30)) is True


def test_overnight_span_runs_into_next_day() -> None:
    lines = [Line(byday="FR", opens_at=dt.time(20), closes_at=dt.time(2))]
    assert is_open(lines, [], at(4, 23)) is True  # Friday night
    assert is_open(lines, [], at(5, 1, 30)) is True  # early Saturday
    assert is_open(lines, [], at(5, 2)) is False
    assert is_open(lines, [], at(3, 1)) is False  # early Friday belongs to Thursday, closed


def test_midnight_closing() -> None:
    lines = [Line(byday="MO", opens_at=dt.time(18), closes_at=dt.time(0))]
    assert is_open(lines, [], at(0, 23, 59)) is True
    assert is_open(lines, [], at(1, 0)) is False


def test_validity_dates_are_inclusive() -> None:
    lines = [Line(valid_from=dt.date(2026, 11, 24), valid_to=dt.date(2026, 11, 25))]
    assert is_open(lines, [], at(0, 10)) is False
    assert is_open(lines, [], at(1, 10)) is True
    assert is_open(lines, [], at(2, 10)) is True
    assert is_open(lines, [], at(3, 10)) is False


def test_holiday_closure_closes_the_day() -> None:
    lines = [Line()]
    assert is_open(lines, [dt.date(2026, 11, 24)], at(1, 10)) is False
    assert is_open(lines, [dt.date(2026, 11, 24)], at(2, 10)) is True


def test_naive_and_utc_moments_are_read_as_local_time() -> None:
    lines = [Line()]
    # 13:30 UTC on a Monday in November is 09:30 in Halifax (UTC-4).
    assert is_open(lines, [], dt.datetime(2026, 11, 23, 13, 30, tzinfo=dt.UTC)) is True
    assert is_open(lines, [], dt.datetime(2026, 11, 23, 12, 30, tzinfo=dt.UTC)) is False
    assert is_open(lines, [], dt.datetime(2026, 11, 23, 10, 0)) is True  # noqa: DTZ001  (naive on purpose)


def test_weekly_hours_table() -> None:
    lines = [Line(), Line(byday="SA", opens_at=dt.time(10), closes_at=dt.time(12))]
    rows = weekly_hours(lines, [(dt.date(2026, 11, 24), "Test day")], at(1, 8))
    assert [r.spans for r in rows] == [["09:00–17:00"]] * 5 + [["10:00–12:00"], []]
    assert rows[1].is_today and rows[1].closed_today == "Test day"
    assert weekly_hours([], [], at(0, 8)) == []
