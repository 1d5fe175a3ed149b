"""Shapes of the demo directory records (one organization per row of maritime-orgs.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Text per language code; "en" is always present.
Text = dict[str, str]

NS, NB, PE = "NS", "NB", "PE"
FEDERAL = (NS, NB, PE)
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


@dataclass(frozen=True)
class PhoneData:
    number: str
    type: str = "voice"  # a Phone.Kind value: voice, text, whatsapp, textphone or fax
    description: str = ""  # the label read beside the number; every demo number has one
    whatsapp: bool = False


@dataclass(frozen=True)
class PlaceData:
    """A location: a street address where the source gives one, else only the town."""

    key: str
    city: str
    province: str
    address_1: str = ""
    postal_code: str = ""
    name: str = ""
    location_type: str = "physical"


@dataclass(frozen=True)
class HoursData:
    byday: str
    opens: str  # HH:MM, Atlantic time
    closes: str  # HH:MM; "24:00" means until midnight
    description: str = ""


@dataclass(frozen=True)
class ServiceData:
    key: str
    name: Text
    description: Text
    categories: tuple[str, ...]
    areas: tuple[str, ...]
    phones: tuple[PhoneData, ...] = ()
    places: tuple[PlaceData, ...] = ()
    hours: tuple[HoursData, ...] = ()
    languages: tuple[tuple[str, str], ...] = ()  # (code, note)
    url: str = ""
    email: str = ""
    is_free: bool | None = None
    eligibility: str = ""
    interpretation: str = ""
    application_process: str = ""
    alert: Text = field(default_factory=dict)


@dataclass(frozen=True)
class OrganizationData:
    row: int
    key: str
    name: Text
    description: Text
    sources: tuple[str, ...]
    services: tuple[ServiceData, ...]
    alternate_name: str = ""
    website: str = ""
    email: str = ""
    is_program_partner: bool = False
    in_sanctuary_network: bool = False
    verification_note: str = ""  # the ⚠ reason; non-empty means "needs verification"
