"""The positions app's door: the only names other apps import from it.

Query: `positions_in()` (approved positions of whole reporting periods, for the program's
denominators), the positions map's filters and per-point totals (`PositionFilters`, `places`,
`available_quarters`, for the gap analysis), and their labels. Staff home: `positions_work`,
`can_manage_positions`. Periods are `bettertogether.core.periods.Period`.
"""

from __future__ import annotations

from .aggregate import (
    PROVINCE_CODES,
    STREAM_NAMES,
    FilterError,
    PlaceTotal,
    PositionFilters,
    available_quarters,
    dict_of_pairs,
    places,
    province_name,
)
from .choices import NOC_BROAD, filter_choices
from .lmia_values import OUTSIDE_CANADA
from .permissions import can_manage_positions
from .query import positions_in
from .worklist import PositionsWork, positions_work

__all__ = [
    "NOC_BROAD",
    "OUTSIDE_CANADA",
    "PROVINCE_CODES",
    "STREAM_NAMES",
    "FilterError",
    "PlaceTotal",
    "PositionFilters",
    "PositionsWork",
    "available_quarters",
    "can_manage_positions",
    "dict_of_pairs",
    "filter_choices",
    "places",
    "positions_in",
    "positions_work",
    "province_name",
]
