"""Every Maritime row of the seed period (2021Q3–2022Q2) gets a point."""

from collections import Counter

import pytest
from python_calamine import CalamineWorkbook

from bettertogether.core.geocode import geocode_address

SEED_FILES = [f"tfwp_{q}_positive_en.xlsx" for q in ("2021q3", "2021q4", "2022q1", "2022q2")]
MARITIMES = {"Nova Scotia": "NS", "New Brunswick": "NB", "Prince Edward Island": "PE"}


def maritime_rows(path):
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert str(rows[1][3]).strip() == "Address"  # header on row 2
    for row in rows[2:]:
        first = " ".join(str(row[0]).split())
        if first.startswith("Notes:"):
            break
        if first in MARITIMES:
            yield MARITIMES[first], str(row[3])


@pytest.mark.shared_data
def test_every_seed_maritime_row_is_placed(shared_data):
    rows = [row for name in SEED_FILES for row in maritime_rows(shared_data / "lmia" / name)]
    assert len(rows) == 928  # FORMATS.md: 76+46+15 + 97+82+31 + 120+102+38 + 133+148+40
    precision = Counter()
    unplaced = []
    for province, address in rows:
        result = geocode_address(address, province, use_fixes=False)
        if result.point is None:
            unplaced.append((province, address, result.warnings))
            continue
        precision[result.point.precision] += 1
        assert result.point.province == province, (address, result.point)
    print(f"\nseed-period Maritime rows by precision: {dict(precision)}")
    assert unplaced == []
    assert precision["postal_code"] >= 900
