"""The indicators quarter by quarter and their charts, against figures worked out by hand:
2023Q1–2023Q4, agreements starting in Q1 and Q3, events in NS (Q1, Q3) and NB (Q2), own denominators."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bettertogether.core.periods import parse_period
from bettertogether.outreach import services as outreach
from bettertogether.outreach.tests.factories import EventFactory
from bettertogether.program import charts, report, services
from bettertogether.program.results import results
from bettertogether.program.trends import over_time, trend
from bettertogether.support.tests.factories import member, signed_in

pytestmark = pytest.mark.django_db

REACHED_IN = parse_period("2023Q1-2023Q4")
LMIA = parse_period("2021Q3-2022Q2")
TZ = timezone.get_default_timezone()


def _agreement(org: Any, starts_on: dt.date, steps: list[str], kind: str = "new") -> None:
    made = services.create_agreement(
        services.AgreementInput(
            organization_id=org.pk,
            kind=kind,
            title=f"Project from {starts_on}",
            starts_on=starts_on,
            ends_on=dt.date(2024, 3, 31),
            amount=Decimal("1000"),
        ),
        by=None,
    )
    for step in steps:
        services.move_agreement(made.pk, step, by=None)


def _event(org: Any, province: str, day: dt.date, people: list[dict[str, str]], anonymous: int = 0) -> None:
    start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=TZ)
    event = EventFactory(organization=org, province=province, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    ids = [
        outreach.register(event.pk, consent_text="c", now=start - dt.timedelta(days=1), **p).registration.pk
        for p in people
    ]
    outreach.record_attendance(event.pk, present_registration_ids=ids, anonymous_count=anonymous)


@pytest.fixture
def world(orgs: dict[str, Any]) -> dict[str, Any]:
    own, other = orgs["own"], orgs["other"]
    _agreement(own, dt.date(2023, 2, 1), ["signed", "active"])  # counted from Q1
    _agreement(other, dt.date(2023, 7, 15), ["signed", "active", "closed"])  # counted from Q3
    _agreement(other, dt.date(2023, 1, 1), ["signed", "active", "closed"], kind="transitional")  # never counted
    _agreement(other, dt.date(2023, 1, 1), [])  # a draft: never counted
    ana = {"name": "Ana", "phone": "902-555-0101"}
    _event(own, "NS", dt.date(2023, 2, 10), [ana], anonymous=3)  # NS: Ana + 3 → 4
    _event(own, "NB", dt.date(2023, 5, 4), [], anonymous=10)  # NB: 10
    _event(own, "NS", dt.date(2023, 8, 10), [ana, {"name": "Ben", "email": "ben@example.org"}])  # NS: + Ben → 5
    _event(own, "NS", dt.date(2024, 2, 1), [], anonymous=50)  # after the reporting period
    services.set_denominator("NS", "2021Q3", "2022Q2", value=20, source="Count A", by=None)
    services.set_denominator("NB", "2021Q3", "2022Q2", value=40, source="Count B", by=None)
    return orgs


def test_figures_per_quarter_against_hand_worked_values(world: dict[str, Any]) -> None:
    rows = over_time(REACHED_IN, {"NS": 20, "NB": 40, "PE": 0})
    assert [r.quarter for r in rows] == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    assert [r.agreements for r in rows] == [1, 1, 2, 2]
    assert [r.reached["NS"] for r in rows] == [4, 4, 5, 5]  # Ana counted once over the stretch
    assert [r.reached["NB"] for r in rows] == [0, 10, 10, 10]
    assert [r.share_percent["NS"] for r in rows] == [20.0, 20.0, 25.0, 25.0]
    assert [r.share_percent["NB"] for r in rows] == [0.0, 25.0, 25.0, 25.0]
    assert [r.share_percent["PE"] for r in rows] == [None] * 4  # no denominator: no share


def test_the_last_quarter_matches_the_results_for_the_whole_period(world: dict[str, Any]) -> None:
    data = results(LMIA, REACHED_IN)
    last = trend(data, REACHED_IN).rows[-1]
    for p in data["provinces"]:
        assert last.reached[p["province"]] == p["reached"]
        assert last.share_percent[p["province"]] == p["share_percent"]


def test_chart_geometry_against_hand_worked_positions(world: dict[str, Any]) -> None:
    drawn = trend(results(LMIA, REACHED_IN), REACHED_IN)
    # Plot: y from 16 to 260 (244 px). Shares up to 25 % with a 50 % target: the axis tops at 50.
    share = drawn.share_chart
    assert [t.label for t in share.y_ticks] == ["0 %", "12.5 %", "25 %", "37.5 %", "50 %"]
    ns, nb, pe = share.series
    assert (ns.name, nb.name, pe.name) == ("Nova Scotia", "New Brunswick", "Prince Edward Island")
    assert [m.y for m in ns.marks] == [162.4, 162.4, 138.0, 138.0]  # 260 − 244 × 20/50, 260 − 244 × 25/50
    assert [m.y for m in nb.marks] == [260.0, 138.0, 138.0, 138.0]
    assert pe.marks == () and pe.path == ""
    # Four quarters across 420 px: centres at 56 + 105 × (i + ½).
    assert [m.x for m in ns.marks] == [108.5, 213.5, 318.5, 423.5]
    assert share.guides[0].y == 16.0  # the 50 % target at the top
    assert len({ns.dash, nb.dash, pe.dash}) == 3 and len({ns.marker, nb.marker, pe.marker}) == 3
    # Agreements 1, 1, 2, 2 against 4–6: the axis tops at 10 (24.4 px each).
    bars = drawn.agreements_chart.bars
    assert [b.value for b in bars] == [1, 1, 2, 2]
    assert [b.height for b in bars] == [24.4, 24.4, 48.8, 48.8]
    assert [g.y for g in drawn.agreements_chart.guides] == [162.4, 113.6]


def test_end_labels_never_overlap() -> None:
    chart = charts.line_chart(
        "t", "T", "D", ["2023Q1"], [("A", "a", [10.0]), ("B", "b", [10.0]), ("C", "c", [10.5])], []
    )
    ys = sorted(s.end_label_y for s in chart.series)
    assert all(b - a >= 12 for a, b in zip(ys, ys[1:], strict=False))


def test_the_results_page_draws_the_charts_with_their_table(world: dict[str, Any]) -> None:
    client = signed_in(member("coordinator"))
    html = client.get("/en/program/results/", {"reached_from": "2023Q1", "reached_to": "2023Q4"}).content.decode()
    assert html.count('role="img"') == 2
    assert '<title id="chart-share-title">Share of migrant workers reached so far, per province</title>' in html
    assert "<script" not in html.split('id="over-time"')[1].split("</section>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(2023Q\d)</th>(.*?)</tr>", html)
    cells = {q: re.findall(r'<td class="num">([^<]*)</td>', rest) for q, rest in rows}
    assert cells["2023Q3"] == ["2", "5", "25.0 %", "10", "25.0 %", "0", "–"]
    assert cells["2023Q1"] == ["1", "4", "20.0 %", "0", "0.0 %", "0", "–"]
    assert 'points="108.5,162.4 213.5,162.4 318.5,138.0 423.5,138.0"' in html


def test_the_charts_are_in_the_pdf(world: dict[str, Any]) -> None:
    ok, reason = report.pdf_available()
    if not ok:
        pytest.skip(reason)
    data = results(LMIA, REACHED_IN)
    body = report.pdf_bytes(data, trend(data, REACHED_IN))
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).split())
    # The charts' own texts come out without spaces.
    for phrase in (
        "Overtime",
        "Shareofmigrantworkersreachedsofar,perprovince",
        "2023Q3",
        "Target:50%",
        "NovaScotia",
        "25.0%",
    ):
        assert phrase in text, phrase
