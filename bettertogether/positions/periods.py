"""Reporting periods of the LMIA lists: a quarter ('2021Q3'), a run of quarters ('2017Q1-Q2') or a year ('2016').

Plain module (no Django): the parser, the importer and the map filters share it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[Qq]([1-4])(?:\s*-\s*(?:(\d{4})\s*)?[Qq]([1-4]))?)?\s*$")


@dataclass(frozen=True, order=True)
class Period:
    """Whole quarters from `first` to `last` inclusive, each as (year, quarter)."""

    first: tuple[int, int]
    last: tuple[int, int]

    @cached_property
    def start(self) -> dt.date:
        return dt.date(self.first[0], 3 * self.first[1] - 2, 1)

    @cached_property
    def end(self) -> dt.date:
        year, quarter = self.last
        if quarter == 4:
            return dt.date(year, 12, 31)
        return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)

    @property
    def is_annual(self) -> bool:
        return self.first == (self.first[0], 1) and self.last == (self.first[0], 4)

    @property
    def is_quarter(self) -> bool:
        return self.first == self.last

    @cached_property
    def label(self) -> str:
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
        out = []
        year, quarter = self.first
        while (year, quarter) <= self.last:
            out.append(f"{year}Q{quarter}")
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out

    def __str__(self) -> str:
        return self.label


def parse_period(label: str) -> Period:
    """'2021Q3', '2021q3', '2016', '2017Q1-Q2', '2021Q3-2022Q2' → Period. Raises ValueError otherwise."""
    match = _LABEL.match(label or "")
    if not match:
        raise ValueError(f"not a period: {label!r} (expected e.g. 2021Q3, 2016 or 2017Q1-Q2)")
    year = int(match[1])
    if match[2] is None:
        return Period((year, 1), (year, 4))
    first = (year, int(match[2]))
    last = (int(match[3] or year), int(match[4])) if match[4] else first
    if last < first:
        raise ValueError(f"not a period: {label!r} (ends before it starts)")
    return Period(first, last)


def quarter_of(date: dt.date) -> str:
    return f"{date.year}Q{(date.month - 1) // 3 + 1}"
