"""A small world for the gap analysis: positions at three Nova Scotia places and one unplaced row,
services with child categories, languages, an inactive service and a phone-only one."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any

import pytest

from bettertogether.directory.models import Attribute, Language, ServiceAtLocation, TaxonomyTerm
from bettertogether.directory.taxonomy import ensure_taxonomy
from bettertogether.directory.tests.factories import LocationFactory, ServiceFactory
from bettertogether.gaps.report import pdf_available
from bettertogether.positions.models import ApprovedPosition, ImportRun


def pdf_missing_reason() -> str:
    """Why PDF tests cannot run here ('' when they can). BT_REQUIRE_PDF=1 (CI) makes a missing pango a failure."""
    ok, reason = pdf_available()
    if ok:
        return ""
    if os.environ.get("BT_REQUIRE_PDF", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"BT_REQUIRE_PDF=1 but {reason}", pytrace=False)
    return reason


def add_positions(rows: list[tuple[str, float | None, float | None, str, int]], period: str = "2021Q3") -> None:
    start = {"2021Q3": dt.date(2021, 7, 1), "2021Q4": dt.date(2021, 10, 1)}[period]
    end = {"2021Q3": dt.date(2021, 9, 30), "2021Q4": dt.date(2021, 12, 31)}[period]
    run = ImportRun.objects.create(file_name=f"{period}.csv", sha256=period * 4, period=period)
    for i, (place, lat, lon, province, positions) in enumerate(rows, start=1):
        ApprovedPosition.objects.create(
            run=run,
            row_number=i,
            period=period,
            period_start=start,
            period_end=end,
            quarter=period,
            province=province,
            employer=f"Employer {i}",
            place=place,
            positions=positions,
            latitude=lat,
            longitude=lon,
            geo_precision="postal_code" if lat is not None else "",
        )


def add_service(
    name: str, lat: float | None, lon: float | None, terms: list[str], languages: Sequence[str] = (), **kwargs: Any
) -> Any:
    service = ServiceFactory(name=name, name_en=name, **kwargs)
    if lat is not None:
        location = LocationFactory(latitude=lat, longitude=lon)
        ServiceAtLocation.objects.create(service=service, location=location)
    for slug in terms:
        Attribute.objects.create(service=service, taxonomy_term=TaxonomyTerm.objects.get(code=slug))
    for code in languages:
        Language.objects.create(service=service, code=code)
    return service


@pytest.fixture
def world(db: Any) -> None:
    ensure_taxonomy()
    add_positions(
        [
            ("Kentville", 45.0775, -64.4945, "NS", 100),  # beside the clinic
            ("Truro", 45.3650, -63.2800, "NS", 60),  # ~95 km from Halifax and from Kentville
            ("Halifax", 44.6488, -63.5752, "NS", 40),
            ("", None, None, "NS", 7),  # no usable address
        ]
    )
    add_positions([("Truro", 45.3650, -63.2800, "NS", 5)], period="2021Q4")  # outside a one-quarter selection
    add_service("Valley clinic", 45.0800, -64.5000, ["mental-health"], ["es"])  # child term of health
    add_service("Halifax legal aid", 44.6500, -63.5800, ["legal-aid", "labour-rights"], ["mul"])
    add_service("Closed clinic", 45.3650, -63.2800, ["health"], status="defunct")
    add_service("Phone line", None, None, ["helpline"])
