"""gap_report --from 2021Q3 --to 2022Q2 [--province NS ...] [--radius 30] [--category health]
[--language es] --format json|csv|pdf --out FILE — the same numbers as /<lang>/gaps/."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from bettertogether.gaps import report
from bettertogether.gaps.inputs import GapFilters, analyse
from bettertogether.positions.door import FilterError


class Command(BaseCommand):
    help = "Write the gap analysis (coverage of approved positions by services) as JSON, CSV or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="period_from", required=True, help="first quarter, e.g. 2021Q3")
        parser.add_argument("--to", dest="period_to", required=True, help="last quarter, e.g. 2022Q2")
        parser.add_argument(
            "--province",
            action="append",
            default=[],
            help="repeat or comma-separate; 'all' for Canada (default NS NB PE)",
        )
        parser.add_argument("--stream", action="append", default=[])
        parser.add_argument("--noc", default="", help="NOC broad group (one digit)")
        parser.add_argument("--radius", default="", help="km (default 30)")
        parser.add_argument("--category", default="", help="top-level category slug for the map and lists, or 'any'")
        parser.add_argument("--language", default="", help="workers' language code, e.g. es")
        parser.add_argument(
            "--candidates", default="", choices=("", "places", "towns"), help="candidate sites (default: places)"
        )
        parser.add_argument("--format", choices=("json", "csv", "pdf"), required=True)
        parser.add_argument("--out", required=True, help="output file ('-' for standard output, not for pdf)")
        parser.add_argument("--lang", default="en", help="language of the report's text (en, fr, es, tl)")

    def handle(self, *args: Any, **options: Any) -> None:
        query: dict[str, Any] = {"from": options["period_from"], "to": options["period_to"]}
        provinces = [p for value in options["province"] for p in value.split(",") if p.strip()]
        query["province"] = provinces or ["NS", "NB", "PE"]
        for key in ("stream", "noc", "radius", "category", "language", "candidates"):
            if options[key]:
                query[key] = options[key]
        with translation.override(options["lang"]):
            try:
                filters = GapFilters.from_query(query)
            except FilterError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            result = analyse(filters)
            fmt, out = options["format"], options["out"]
            if fmt == "pdf":
                if out == "-":
                    raise CommandError("--out - is not possible for a PDF")
                ok, reason = report.pdf_available()
                if not ok:
                    raise CommandError(reason)
                Path(out).write_bytes(report.pdf_bytes(result))
            else:
                data = report.as_json(result)
                stream = self.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
                try:
                    if fmt == "json":
                        stream.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
                    else:
                        csv.writer(stream).writerows(report.csv_rows(data))
                finally:
                    if out != "-":
                        stream.close()
        a = result.analysis
        chosen = a.overall.categories[filters.category]
        self.stderr.write(
            f"{a.total_positions} positions, {sum(1 for p in a.places if p.place.placed)} places, "
            f"{len(a.services)} service points; {filters.category} coverage "
            f"{(chosen.coverage or 0) * 100:.1f}% within {filters.radius_km:g} km"
        )
