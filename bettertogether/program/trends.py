"""The indicators quarter by quarter over the reporting period, for the results page's charts, its
data tables and the PDF.

* **Sub-agreements** at the end of each quarter: agreements counted by the results (signed, active or
  closed; transitional ones not counted) whose project had started by the quarter's last day.
* **Share reached so far, per province**: people reached from the start of the reporting period to
  the end of each quarter (results.reached_by_province, so unique people at events are counted once
  over the whole stretch), divided by the province's denominator for the chosen LMIA period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from bettertogether.core.periods import Period, parse_period

from . import lifecycle
from .charts import Chart, bar_chart, line_chart
from .models import AgreementKind, SubAgreement
from .results import AGREEMENTS_TARGET, PROVINCES, TARGET_SHARE, reached_by_province


@dataclass(frozen=True)
class QuarterFigures:
    quarter: str  # "2023Q2"
    agreements: int
    reached: dict[str, int]  # per province, cumulative from the reporting period's start
    share_percent: dict[str, float | None]  # per province, reached ÷ denominator × 100, one decimal

    def by_province(self) -> list[tuple[int, float | None]]:
        """(reached, share) per province, in the results' order (for the data table)."""
        return [(self.reached[code], self.share_percent[code]) for code in PROVINCES]


def quarters_of(period: Period) -> list[Period]:
    return [parse_period(label) for label in period.quarters()]


def over_time(reached_in: Period, denominators: dict[str, int]) -> list[QuarterFigures]:
    """One row per quarter of `reached_in`; `denominators` per province as results() chose them."""
    counted = list(
        SubAgreement.objects.filter(status__in=lifecycle.COUNTED)
        .exclude(kind=AgreementKind.TRANSITIONAL)
        .values_list("starts_on", flat=True)
    )
    rows = []
    for quarter in quarters_of(reached_in):
        reached = reached_by_province(reached_in.start, quarter.end)
        rows.append(
            QuarterFigures(
                quarter=quarter.label,
                agreements=sum(1 for starts_on in counted if starts_on <= quarter.end),
                reached={code: reached[code]["reached"] for code in PROVINCES},
                share_percent={
                    code: round(100 * reached[code]["reached"] / denominators[code], 1)
                    if denominators.get(code)
                    else None
                    for code in PROVINCES
                },
            )
        )
    return rows


def denominators_of(data: dict[str, Any]) -> dict[str, int]:
    """The denominators results() used, per province."""
    return {p["province"]: p["denominator"] for p in data["provinces"]}


@dataclass(frozen=True)
class Trend:
    """The rows and the two charts drawn from them."""

    rows: list[QuarterFigures]
    provinces: list[tuple[str, str]]  # (code, name)
    agreements_chart: Chart
    share_chart: Chart


def trend(data: dict[str, Any], reached_in: Period) -> Trend:
    rows = over_time(reached_in, denominators_of(data))
    labels = [row.quarter for row in rows]
    names = [(p["province"], p["name"]) for p in data["provinces"]]
    low, high = AGREEMENTS_TARGET
    agreements = bar_chart(
        "agreements",
        _("Sub-agreements at the end of each quarter"),
        _(
            "Bars: sub-agreements counted at the end of each quarter, from %(first)s to %(last)s. "
            "Target: %(low)s to %(high)s."
        )
        % {"first": labels[0], "last": labels[-1], "low": low, "high": high},
        labels,
        [row.agreements for row in rows],
        [(low, _("Target: %(n)s") % {"n": low}), (high, str(high))],
    )
    share = line_chart(
        "share",
        _("Share of migrant workers reached so far, per province"),
        _(
            "Lines, one per province: the share reached from the start of the reporting period to the end "
            "of each quarter, from %(first)s to %(last)s. Target: 50 %%."
        )
        % {"first": labels[0], "last": labels[-1]},
        labels,
        [(name, code, [row.share_percent[code] for row in rows]) for code, name in names],
        [(100 * TARGET_SHARE, _("Target: 50 %"))],
        suffix=" %",
    )
    return Trend(rows=rows, provinces=names, agreements_chart=agreements, share_chart=share)
