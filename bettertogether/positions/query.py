"""The positions app's query door: approved positions within a period, filtered."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from bettertogether.core.periods import parse_period

from .models import ApprovedPosition


def positions_in(
    period_from: str,
    period_to: str,
    *,
    provinces: Iterable[str] | None = None,
    streams: Iterable[str] | None = None,
    noc: Iterable[str] | str | None = None,
    employer: str | None = None,
) -> QuerySet[ApprovedPosition]:
    """Approved positions whose whole reporting period lies within [period_from, period_to].

    Periods are quarter labels ('2021Q3'); a year ('2016') means its four quarters. A row counts only when
    its file's period is covered entirely: an annual file (2016) counts for a range covering that whole year,
    the half-year file 2017Q1-Q2 for a range covering both quarters. Annual figures cannot be split into
    quarters without inventing numbers, so a partial range leaves them out rather than guessing.

    `noc` takes NOC codes ('7611', '21231') and/or broad categories (one digit, '7'); `streams` canonical
    stream names; `employer` a case-insensitive substring. Raises ValueError for a malformed period.
    """
    start = parse_period(period_from).start
    end = parse_period(period_to).end
    qs = ApprovedPosition.objects.filter(period_start__gte=start, period_end__lte=end)
    if provinces is not None:
        qs = qs.filter(province__in=list(provinces))
    if streams is not None:
        qs = qs.filter(stream__in=list(streams))
    if noc is not None:
        codes = [noc] if isinstance(noc, str) else list(noc)
        broad = [c for c in codes if len(c) == 1]
        full = [c for c in codes if len(c) > 1]
        cond = Q()
        if broad:
            cond |= Q(noc_broad__in=broad)
        if full:
            cond |= Q(noc_code__in=full)
        qs = qs.filter(cond) if (broad or full) else qs.none()
    if employer:
        qs = qs.filter(employer__icontains=employer.strip())
    return qs
