"""Opening hours: is a service open at a given moment, and its weekly hours as a table.

Works on plain values (anything with the Schedule / HolidayClosure attributes), so it is tested
without a database. Rules:
- a schedule line covers the days in `byday` (MO,TU,…; empty means every day) between its
  validity dates (inclusive, either may be missing);
- `closes_at` at or before `opens_at` means the span runs past midnight into the next day;
  `closes_at` 23:59 means "until midnight", so 00:00–23:59 every day is open around the clock;
- a holiday closure closes the whole day: spans starting that day do not happen;
- no schedule line at all → hours unknown (None), never "closed";
- a line open around the clock (00:00–24:00) with shorter lines on the same day, as on a tip line
  that takes messages at any time and has live agents in the day, reads "open 24 hours, staffed
  07:30–21:00": the shorter lines are the staffed hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

LOCAL_TZ = ZoneInfo("America/Halifax")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
_END_OF_DAY = dt.time(23, 59)


class ScheduleLike(Protocol):
    @property
    def byday(self) -> str: ...
    @property
    def opens_at(self) -> dt.time | None: ...
    @property
    def closes_at(self) -> dt.time | None: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...


def local_now() -> dt.datetime:
    return dt.datetime.now(LOCAL_TZ)


def to_local(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return local_now()
    if at.tzinfo is None:  # a naive moment is taken as local time
        return at.replace(tzinfo=LOCAL_TZ)
    return at.astimezone(LOCAL_TZ)


def days_of(schedule: ScheduleLike) -> set[int]:
    """Weekday numbers (Monday 0) a line covers; an empty or unreadable byday means every day."""
    codes = {c.strip().upper()[-2:] for c in (schedule.byday or "").split(",") if c.strip()}
    days = {DAY_CODES.index(c) for c in codes if c in DAY_CODES}
    return days or set(range(7))


def valid_on(schedule: ScheduleLike, day: dt.date) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    return not (schedule.valid_to and day > schedule.valid_to)


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def span_minutes(schedule: ScheduleLike) -> tuple[int, int] | None:
    """(start, end) in minutes from the start of the opening day; end may pass 1440 (overnight)."""
    if schedule.opens_at is None or schedule.closes_at is None:
        return None
    start = _minutes(schedule.opens_at)
    end = 1440 if schedule.closes_at == _END_OF_DAY else _minutes(schedule.closes_at)
    if end <= start:
        end += 1440
    return start, end


def is_open(
    schedules: Iterable[ScheduleLike], closed_dates: Iterable[dt.date], at: dt.datetime | None = None
) -> bool | None:
    """True/False when the hours are known, None when the service has no usable schedule."""
    lines = [s for s in schedules if span_minutes(s) is not None]
    if not lines:
        return None
    moment = to_local(at)
    closed = set(closed_dates)
    now_min = moment.hour * 60 + moment.minute + moment.second / 60
    today = moment.date()
    # A span that opened yesterday may still run past midnight into today.
    for day, offset in ((today, 0), (today - dt.timedelta(days=1), 1440)):
        if day in closed:
            continue
        for line in lines:
            span = span_minutes(line)
            assert span is not None
            if day.weekday() in days_of(line) and valid_on(line, day) and span[0] <= now_min + offset < span[1]:
                return True
    return False


def is_all_day(schedule: ScheduleLike) -> bool:
    return span_minutes(schedule) == (0, 1440)


@dataclass(frozen=True)
class OpenState:
    open: bool | None  # None: hours unknown
    all_day: bool = False  # open around the clock today
    staffed: bool | None = None  # inside staffed hours now; None when the line has none


def open_state(
    schedules: Sequence[ScheduleLike], closed_dates: Iterable[dt.date], at: dt.datetime | None = None
) -> OpenState:
    """Open now, and for a line open around the clock, whether its staff answer now."""
    closed = list(closed_dates)
    state = is_open(schedules, closed, at)
    today = to_local(at).date()
    all_day = bool(state) and any(
        is_all_day(s) and today.weekday() in days_of(s) and valid_on(s, today) for s in schedules
    )
    if not all_day:
        return OpenState(state)
    staffed_lines = [s for s in schedules if span_minutes(s) is not None and not is_all_day(s)]
    return OpenState(True, True, is_open(staffed_lines, closed, at) if staffed_lines else None)


def has_hours(schedules: Iterable[ScheduleLike]) -> bool:
    return any(span_minutes(s) is not None for s in schedules)


@dataclass(frozen=True)
class DayHours:
    name: str
    spans: list[str]
    is_today: bool
    closed_today: str | None = None  # the holiday's name when today is a closure
    all_day: bool = False  # open 24 hours; `spans` are then the staffed hours inside


def _fmt(t: dt.time) -> str:
    return "24:00" if t == _END_OF_DAY else t.strftime("%H:%M")


def weekly_hours(
    schedules: Sequence[ScheduleLike], closures: Iterable[tuple[dt.date, str]] = (), at: dt.datetime | None = None
) -> list[DayHours]:
    """Seven rows (Monday first) of 'HH:MM–HH:MM' spans valid in the week around `at`; [] if unknown."""
    if not has_hours(schedules):
        return []
    moment = to_local(at)
    today = moment.date()
    monday = today - dt.timedelta(days=today.weekday())
    closed = dict(closures)
    rows = []
    for i in range(7):
        day = monday + dt.timedelta(days=i)
        lines = [s for s in schedules if span_minutes(s) is not None and i in days_of(s) and valid_on(s, day)]
        all_day = any(is_all_day(s) for s in lines)
        spans = sorted((s.opens_at, s.closes_at) for s in lines if not (all_day and is_all_day(s)))
        texts = [f"{_fmt(o)}–{_fmt(c)}" for o, c in spans if o is not None and c is not None]
        rows.append(
            DayHours(
                name=str(DAY_NAMES[i]),
                spans=texts,
                is_today=day == today,
                closed_today=(closed[day] or str(_("Holiday"))) if day in closed else None,
                all_day=all_day,
            )
        )
    return rows
