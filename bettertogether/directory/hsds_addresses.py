"""Addresses that addresses.csv cannot hold, carried as attributes of their location.

The official datapackage makes address_1 and postal_code required, but the directory knows some
places only by town and province (a drop-in clinic "in Moncton"), or has a street without its
postal code. Inventing a street or a postal code would be false, and dropping the address would
lose the town. So an incomplete address leaves addresses.csv and becomes one row of attributes.csv:

- link_entity `location`, link_id the address's location, id the address's own id;
- taxonomy_term_id the term `partial-address` of our taxonomy `Better Together address parts`
  (both with fixed ids, written to taxonomies.csv and taxonomy_terms.csv when needed);
- link_type `address`, value the address's non-empty HSDS fields as a JSON object.

The importer turns such attributes back into addresses, so the round trip loses nothing, and any
other HSDS tool reads them as ordinary attributes of the location.
"""

from __future__ import annotations

import json
import uuid

from .hsds_tables import TABLE

PARTIAL_TAXONOMY_ID = "6b1f6d2a-2c1e-5a4e-9d43-8f0b3c7a1e01"
PARTIAL_TERM_ID = "6b1f6d2a-2c1e-5a4e-9d43-8f0b3c7a1e02"
PARTIAL_TERM_CODE = "partial-address"
LINK_TYPE = "address"
_REQUIRED = tuple(c for c in TABLE["address"].required if c != "id")
_CARRIED = tuple(c for c in TABLE["address"].columns if c not in ("id", "location_id"))


def is_complete(row: dict[str, str]) -> bool:
    """Whether an addresses.csv row has every column the official datapackage requires."""
    return all(row.get(c) for c in _REQUIRED)


def as_attribute(row: dict[str, str]) -> dict[str, str]:
    """The attributes.csv row carrying an incomplete address."""
    value = {c: row[c] for c in _CARRIED if row.get(c)}
    return {
        "id": row["id"],
        "link_id": row["location_id"],
        "taxonomy_term_id": PARTIAL_TERM_ID,
        "link_type": LINK_TYPE,
        "link_entity": "location",
        "value": json.dumps(value, ensure_ascii=False, sort_keys=True),
    }


def taxonomy_row() -> dict[str, str]:
    return {
        "id": PARTIAL_TAXONOMY_ID,
        "name": "Better Together address parts",
        "description": "Parts of records that HSDS tables cannot hold as they are.",
        "uri": "",
        "version": "1",
    }


def term_row() -> dict[str, str]:
    return {
        "id": PARTIAL_TERM_ID,
        "code": PARTIAL_TERM_CODE,
        "name": "Partial address",
        "description": (
            "An address without a street line or postal code. The attribute's link_id is the location, "
            "its id the address's id and its value the address's HSDS fields as a JSON object."
        ),
        "parent_id": "",
        "taxonomy": "Better Together address parts",
        "language": "en",
        "taxonomy_id": PARTIAL_TAXONOMY_ID,
        "term_uri": "",
    }


def is_carrier(row: dict[str, str]) -> bool:
    """Whether an attributes.csv row carries an incomplete address."""
    return row.get("taxonomy_term_id", "").lower() == PARTIAL_TERM_ID and row.get("link_entity") == "location"


def is_own_taxonomy_row(resource: str, row: dict[str, str]) -> bool:
    """Our taxonomy and term rows, which the export writes itself and an import does not store."""
    own = {"taxonomy": PARTIAL_TAXONOMY_ID, "taxonomy_term": PARTIAL_TERM_ID}.get(resource)
    return own is not None and row.get("id", "").lower() == own


def address_row(row: dict[str, str]) -> dict[str, str]:
    """The addresses.csv row an attribute carries; ValueError saying what is wrong."""
    try:
        value = json.loads(row.get("value", ""))
    except ValueError:
        raise ValueError("a partial address must be a JSON object of address fields") from None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError("a partial address must be a JSON object of address fields (text values)")
    unknown = sorted(set(value) - set(_CARRIED))
    if unknown:
        raise ValueError(f"not an address field: {', '.join(unknown)}")
    try:
        uuid.UUID(row.get("link_id", ""))
    except ValueError:
        raise ValueError(f"link_id is not a location id: {row.get('link_id', '')!r}") from None
    return {"id": row["id"], "location_id": row["link_id"], **{c: value.get(c, "") for c in _CARRIED}}
