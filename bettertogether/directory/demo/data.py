"""The demo directory: facts transcribed from ../shared/data/orgs/maritime-orgs.md, nothing more.

One entry per row of the source file (`row` is its number). A blank in the source is a blank here:
no guessed phone numbers, addresses or hours. Rows marked ⚠ in the source carry
`needs_verification` and the source's reason. Rows 26 (a law) and 30 (a research platform) are
information items, not services, and row 28 has neither services nor contacts in the source: they
are left out (docs/demo.md). Translations exist for the program partners and the helplines.
"""

from __future__ import annotations

from .orgs_community import COMMUNITY
from .orgs_government import GOVERNMENT
from .orgs_lines import LINES
from .orgs_partners import PARTNERS
from .records import HoursData, OrganizationData, PhoneData, PlaceData, ServiceData

__all__ = ["ORGANIZATIONS", "SKIPPED_ROWS", "HoursData", "OrganizationData", "PhoneData", "PlaceData", "ServiceData"]

ORGANIZATIONS: tuple[OrganizationData, ...] = PARTNERS + COMMUNITY + GOVERNMENT + LINES

# Rows of the source deliberately not loaded as services, and why (see docs/demo.md).
SKIPPED_ROWS: dict[int, str] = {
    26: "PEI Temporary Foreign Worker Protection Act: an information item (a law), not a service.",
    28: "PEI Office of the Worker Advisor: no services described and no contact details in the source.",
    30: "Migrant Workers in the Canadian Maritimes: a research platform, not a service.",
}
