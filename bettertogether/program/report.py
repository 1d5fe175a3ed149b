"""The results for the funder as CSV and PDF, both built from ``results()``'s data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from bettertogether.gaps.door import pdf_available

from .trends import Trend

__all__ = ["csv_rows", "pdf_available", "pdf_bytes"]


def csv_rows(data: dict[str, Any]) -> Iterator[list[Any]]:
    """One row per indicator, its definition beside it."""
    d = data["definitions"]
    yield ["indicator", "province", "value", "numerator", "denominator", "target", "baseline", "definition", "source"]
    a = data["agreements"]
    yield [
        "sub_agreements",
        "",
        a["value"],
        "",
        "",
        a["target"],
        data["baseline"],
        d["agreements"],
        data["sources"]["agreements"],
    ]
    for p in data["provinces"]:
        yield [
            "share_reached",
            p["province"],
            "" if p["share"] is None else p["share"],
            p["reached"],
            p["denominator"],
            p["target"],
            data["baseline"],
            f"{d['share']} {d['reached']} {d['denominator']}",
            f"{data['sources']['reached']}; {p['denominator_source']}",
        ]


def pdf_bytes(data: dict[str, Any], trend: Trend | None = None) -> bytes:
    """The results as a printable PDF. Nothing is fetched: the template has no external resource and
    the fetcher refuses every URL."""
    from weasyprint import HTML  # noqa: PLC0415  (needs pango, see pdf_available)

    def fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:
        raise ValueError(f"refused to fetch {url[:60]}")

    html = render_to_string("program/results_pdf.html", {"data": data, "trend": trend, "generated": timezone.now()})
    return bytes(HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf())
