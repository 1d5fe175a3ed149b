"""Geocode addresses read from stdin, one a line: CSV `address,latitude,longitude,precision` on stdout."""

import csv
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.core.geocode import geocode_address, province_of


class Command(BaseCommand):
    help = "Read addresses on stdin (one a line) and write address,latitude,longitude,precision as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", help="province of every address (code or name), e.g. NS")

    def handle(self, *args: Any, **options: Any) -> None:
        province = options.get("province")
        if province and province_of(province) is None:
            raise CommandError(f"Unknown province: {province}")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["address", "latitude", "longitude", "precision"])
        for line in sys.stdin:
            address = line.rstrip("\r\n")
            if not address.strip():
                continue
            point = geocode_address(address, province).point
            if point is None:
                writer.writerow([address, "", "", ""])
            else:
                writer.writerow([address, f"{point.latitude:.6f}", f"{point.longitude:.6f}", point.precision])
