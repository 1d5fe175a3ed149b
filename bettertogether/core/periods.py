"""The one period type: days from a start date to an end date, both included.

Every app that counts over time takes a `Period`: positions (the LMIA files' quarters, years and
runs of quarters: '2021Q3', '2016', '2017Q1-Q2'), support's case statistics, outreach's reach and
the program's results. Plain module (no Django): parsing, labels and bounds only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[Qq]([1-4])(?:\s*-\s*(?:(\d{4})\s*)?[Qq]([1-4]))?)?\s*$")

Quarter = tuple[int, int]  # (year, quarter 1–4)


def _quarter_start(quarter: Quarter) -> dt.date:
    return dt.date(quarter[0], 3 * quarter[1] - 2, 1)


def _quarter_end(quarter: Quarter) -> dt.date:
    year, number = quarter
    if number == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * number + 1, 1) - dt.timedelta(days=1)


def _quarter_containing(date: dt.date) -> Quarter:
    return date.year, (date.month - 1) // 3 + 1


@dataclass(frozen=True, order=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @classmethod
    def of_quarters(cls, first: Quarter, last: Quarter) -> Period:
        """Whole quarters from `first` to `last` inclusive, each as (year, quarter)."""
        return cls(_quarter_start(first), _quarter_end(last))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def first(self) -> Quarter:
        """The quarter the period starts in."""
        return _quarter_containing(self.start)

    @property
    def last(self) -> Quarter:
        """The quarter the period ends in."""
        return _quarter_containing(self.end)

    @property
    def whole_quarters(self) -> bool:
        return self.start == _quarter_start(self.first) and self.end == _quarter_end(self.last)

    @property
    def is_annual(self) -> bool:
        return self.whole_quarters and self.first == (self.first[0], 1) and self.last == (self.first[0], 4)

    @property
    def is_quarter(self) -> bool:
        return self.whole_quarters and self.first == self.last

    @property
    def label(self) -> str:
        """'2021Q3', '2016', '2017Q1-Q2', '2021Q3-2022Q2'; other runs of days as '2024-01-15–2024-02-29'."""
        if not self.whole_quarters:
            return f"{self.start.isoformat()}–{self.end.isoformat()}"
        (y1, q1), (y2, q2) = self.first, self.last
        if self.is_annual:
            return str(y1)
        if self.is_quarter:
            return f"{y1}Q{q1}"
        if y1 == y2:
            return f"{y1}Q{q1}-Q{q2}"
        return f"{y1}Q{q1}-{y2}Q{q2}"

    @property
    def quarter(self) -> str:
        """The quarter label for a one-quarter period, else '' (annual or multi-quarter files)."""
        return self.label if self.is_quarter else ""

    def quarters(self) -> list[str]:
        """The labels of the quarters the period touches, in order."""
        out = []
        year, number = self.first
        while (year, number) <= self.last:
            out.append(f"{year}Q{number}")
            year, number = (year + 1, 1) if number == 4 else (year, number + 1)
        return out

    def bounds(self, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The period as aware datetimes [start, end): whole days in `tz`, the end date included."""
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    def __str__(self) -> str:
        return self.label


def parse_period(label: str) -> Period:
    """'2021Q3', '2021q3', '2016', '2017Q1-Q2', '2021Q3-2022Q2' → Period. Raises ValueError otherwise."""
    match = _LABEL.match(label or "")
    if not match:
        raise ValueError(f"not a period: {label!r} (expected e.g. 2021Q3, 2016 or 2017Q1-Q2)")
    year = int(match[1])
    if match[2] is None:
        return Period.of_quarters((year, 1), (year, 4))
    first = (year, int(match[2]))
    last = (int(match[3] or year), int(match[4])) if match[4] else first
    if last < first:
        raise ValueError(f"not a period: {label!r} (ends before it starts)")
    return Period.of_quarters(first, last)


def quarter_of(date: dt.date) -> str:
    year, number = _quarter_containing(date)
    return f"{year}Q{number}"
