"""Writes to the directory. Each is one typed function that owns its transaction, checks the
actor's permission, records a ChangeLog entry and never sees an HTTP request.

Views, commands and the API all call these; nothing else writes services, locations or
suggestions outside the importers and load_demo.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from bettertogether.core.geocode import locate, stored_point
from bettertogether.core.languages import CONTENT_LANGUAGES, language_name
from bettertogether.core.users import Account

from . import permissions
from .models import (
    Address,
    Attribute,
    ChangeLog,
    Language,
    Location,
    Membership,
    Organization,
    Phone,
    Schedule,
    Service,
    Suggestion,
    TaxonomyTerm,
)

SERVICE_TEXT_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "fees_description",
    "application_process",
    "interpretation_services",
    "alert",
)
SERVICE_FIELDS = frozenset(
    [f"{name}_{lang}" for name in SERVICE_TEXT_FIELDS for lang in CONTENT_LANGUAGES]
    + ["url", "email", "is_free", "status"]
)
ORGANIZATION_TEXT_FIELDS = ("name", "description")
ORGANIZATION_FIELDS = frozenset(
    [f"{name}_{lang}" for name in ORGANIZATION_TEXT_FIELDS for lang in CONTENT_LANGUAGES]
    + ["alternate_name", "email", "website", "is_program_partner", "in_sanctuary_network"]
)
# Only those who edit everything set these (a program decision, not the organization's own).
COORDINATOR_ORGANIZATION_FIELDS = frozenset({"is_program_partner", "in_sanctuary_network"})
LOCATION_TEXT_FIELDS = ("name", "description", "transportation")
LOCATION_FIELDS = frozenset(f"{name}_{lang}" for name in LOCATION_TEXT_FIELDS for lang in CONTENT_LANGUAGES)
ADDRESS_FIELDS = frozenset({"address_1", "address_2", "city", "state_province", "postal_code"})

# What a member of the public can say is wrong (Suggestion.field).
SUGGESTION_FIELDS = tuple(Suggestion.Kind.values)


class NotAllowed(PermissionError):
    """The actor may not change this record."""


class InvalidChange(ValueError):
    """The change cannot be applied as asked (the message says why, for the reviewer)."""


@dataclass(frozen=True)
class PhoneInput:
    id: uuid.UUID | None
    number: str
    type: str = "voice"
    description: str = ""
    whatsapp: bool = False
    delete: bool = False


@dataclass(frozen=True)
class HoursInput:
    id: uuid.UUID | None
    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    description: str = ""
    delete: bool = False


@dataclass(frozen=True)
class ServiceEdit:
    fields: Mapping[str, Any] = field(default_factory=dict)
    category_ids: Sequence[uuid.UUID] | None = None
    language_codes: Sequence[str] | None = None
    phones: Sequence[PhoneInput] = ()
    hours: Sequence[HoursInput] = ()


@dataclass(frozen=True)
class LocationEdit:
    fields: Mapping[str, Any] = field(default_factory=dict)
    address: Mapping[str, str] | None = None
    regeocode: bool = False


@dataclass(frozen=True)
class LocationResult:
    location: Location
    geocoded: bool  # a point was found on re-geocoding
    precision: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def _differs(old: Any, new: Any) -> bool:
    if old in (None, "") and new in (None, ""):
        return False
    return bool(old != new)


def _apply(obj: Any, values: Mapping[str, Any], allowed: frozenset[str], changes: dict[str, list[str]]) -> None:
    for name, value in values.items():
        if name not in allowed:
            raise InvalidChange(f"{name} cannot be edited here")
        old = getattr(obj, name)
        if _differs(old, value):
            changes[name] = [_text(old), _text(value)]
            setattr(obj, name, value)


def _log(by: Account | None, action: str, obj: Any, changes: Mapping[str, Any], note: str = "") -> None:
    record_change(by, action, type(obj).__name__.lower(), obj.pk, changes, note)


def _verify(service: Service, by: Account, changes: dict[str, list[str]] | None = None) -> None:
    """Checked today by `by`: this also settles any "needs verification" flag (its note stays for staff)."""
    service.assured_date = timezone.localdate()
    service.assured_by = by
    if service.needs_verification:
        service.needs_verification = False
        if changes is not None:
            changes["needs verification"] = ["yes", "no"]


def _sync_categories(service: Service, term_ids: Sequence[uuid.UUID], changes: dict[str, list[str]]) -> None:
    wanted = set(TaxonomyTerm.objects.filter(id__in=list(term_ids)).values_list("id", flat=True))
    links = Attribute.objects.filter(service=service, link_type="service_category")
    current = set(links.values_list("taxonomy_term_id", flat=True))
    if wanted == current:
        return
    codes = dict(TaxonomyTerm.objects.filter(id__in=wanted | current).values_list("id", "code"))
    links.filter(taxonomy_term_id__in=current - wanted).delete()
    for term_id in wanted - current:
        Attribute.objects.create(service=service, taxonomy_term_id=term_id, link_type="service_category")
    changes["categories"] = [
        ", ".join(sorted(codes[i] for i in current)),
        ", ".join(sorted(codes[i] for i in wanted)),
    ]


def _sync_languages(service: Service, codes: Sequence[str], changes: dict[str, list[str]]) -> None:
    wanted = {c.strip() for c in codes if c.strip()}
    rows = Language.objects.filter(service=service)
    current = set(rows.values_list("code", flat=True))
    if wanted == current:
        return
    rows.filter(code__in=current - wanted).delete()
    for code in sorted(wanted - current):
        Language.objects.create(service=service, code=code, name=language_name(code))
    changes["languages"] = [", ".join(sorted(current)), ", ".join(sorted(wanted))]


def _sync_phones(service: Service, phones: Sequence[PhoneInput], changes: dict[str, list[str]]) -> None:
    existing = {p.id: p for p in Phone.objects.filter(service=service)}
    for order, item in enumerate(phones):
        if item.id is not None and item.id not in existing:
            raise InvalidChange(gettext("That phone number does not belong to this service."))
        phone = existing.get(item.id) if item.id is not None else None
        label = f"phone {item.number or (phone.number if phone else '')}".strip()
        if phone is not None and item.delete:
            changes[label] = [phone.number, ""]
            phone.delete()
            continue
        if item.delete or not item.number.strip():
            continue
        values = {
            "number": item.number.strip(),
            "type": item.type,
            "description": item.description,
            "whatsapp": item.whatsapp,
            "sort_order": order,
        }
        if phone is None:
            Phone.objects.create(service=service, **values)
            changes[label] = ["", f"{values['number']} ({item.type}{', WhatsApp' if item.whatsapp else ''})"]
            continue
        diff = {k: (getattr(phone, k), v) for k, v in values.items() if _differs(getattr(phone, k), v)}
        if not diff:
            continue
        for key, value in values.items():
            setattr(phone, key, value)
        phone.save()
        shown = {k: pair for k, pair in diff.items() if k != "sort_order"}
        if shown:
            changes[label] = [
                ", ".join(f"{k}={_text(old)}" for k, (old, _) in shown.items()),
                ", ".join(f"{k}={_text(new)}" for k, (_, new) in shown.items()),
            ]


def _sync_hours(service: Service, hours: Sequence[HoursInput], changes: dict[str, list[str]]) -> None:
    existing = {s.id: s for s in Schedule.objects.filter(service=service)}
    for item in hours:
        if item.id is not None and item.id not in existing:
            raise InvalidChange(gettext("Those hours do not belong to this service."))
        line = existing.get(item.id) if item.id is not None else None
        label = f"hours {item.byday or (line.byday if line else '')}".strip()
        if line is not None and item.delete:
            changes[label] = [f"{_text(line.opens_at)}–{_text(line.closes_at)}", ""]
            line.delete()
            continue
        if item.delete or item.opens_at is None or item.closes_at is None:
            continue
        new = f"{_text(item.opens_at)}–{_text(item.closes_at)}"
        if line is None:
            Schedule.objects.create(
                service=service,
                freq="WEEKLY",
                byday=item.byday,
                opens_at=item.opens_at,
                closes_at=item.closes_at,
                description=item.description,
            )
            changes[label] = ["", new]
            continue
        old = f"{line.byday} {_text(line.opens_at)}–{_text(line.closes_at)} {line.description or ''}"
        line.byday, line.opens_at, line.closes_at = item.byday, item.opens_at, item.closes_at
        line.description = item.description
        line.save()
        if old != f"{item.byday} {new} {item.description}":
            changes[label] = [old.strip(), f"{item.byday} {new} {item.description}".strip()]


def update_service(service_id: uuid.UUID, edit: ServiceEdit, *, by: Account) -> Service:
    """Apply an editor's changes to a service and mark it verified today by them."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service_id)
        if not permissions.can_edit_service(by, service):
            raise NotAllowed(gettext("You cannot edit this service."))
        changes: dict[str, list[str]] = {}
        _apply(service, edit.fields, SERVICE_FIELDS, changes)
        if edit.category_ids is not None:
            _sync_categories(service, edit.category_ids, changes)
        if edit.language_codes is not None:
            _sync_languages(service, edit.language_codes, changes)
        _sync_phones(service, edit.phones, changes)
        _sync_hours(service, edit.hours, changes)
        _verify(service, by, changes)
        service.save()
        _log(by, "service.update", service, changes)
    return service


def create_organization(fields: Mapping[str, Any], *, by: Account) -> Organization:
    """A new organization (coordinators only), recorded in the change log."""
    with transaction.atomic():
        if not permissions.can_create_organization(by):
            raise NotAllowed(gettext("You cannot add organizations."))
        if not str(fields.get("name_en") or "").strip():
            raise InvalidChange(gettext("Enter the organization's name in English."))
        organization = Organization()
        changes: dict[str, list[str]] = {}
        _apply(organization, fields, ORGANIZATION_FIELDS, changes)
        organization.save()
        _log(by, "organization.create", organization, changes)
    return organization


def update_organization(organization_id: uuid.UUID, fields: Mapping[str, Any], *, by: Account) -> Organization:
    """Change an organization's names, description and contacts; only coordinators change whether
    it is a program partner."""
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization_id)
        if not permissions.can_edit_organization(by, organization):
            raise NotAllowed(gettext("You cannot edit this organization."))
        if not permissions.edits_everything(by):
            fields = {k: v for k, v in fields.items() if k not in COORDINATOR_ORGANIZATION_FIELDS}
        if "name_en" in fields and not str(fields["name_en"] or "").strip():
            raise InvalidChange(gettext("Enter the organization's name in English."))
        changes: dict[str, list[str]] = {}
        _apply(organization, fields, ORGANIZATION_FIELDS, changes)
        organization.save()
        _log(by, "organization.update", organization, changes)
    return organization


def create_service(organization_id: uuid.UUID, edit: ServiceEdit, *, by: Account) -> Service:
    """A new service of an organization the editor may edit, then filled in as update_service does
    (so it is marked verified today by them)."""
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization_id)
        if not permissions.can_edit_organization(by, organization):
            raise NotAllowed(gettext("You cannot add services to this organization."))
        name = str(edit.fields.get("name_en") or "").strip()
        if not name:
            raise InvalidChange(gettext("Enter the service's name in English."))
        service = Service.objects.create(organization=organization, name_en=name)
        _log(by, "service.create", service, {"organization": ["", str(organization.name)]})
        return update_service(service.pk, edit, by=by)


def set_membership(user: Account, organization_id: uuid.UUID | None) -> None:
    """Make `user` a member of one organization (None: of none). Called by the services that create
    and change accounts, inside their transaction; they record the change."""
    if organization_id is None:
        Membership.objects.filter(user=user).delete()
    else:
        Membership.objects.update_or_create(user=user, defaults={"organization_id": organization_id})


def record_change(
    by: Account | None, action: str, object_type: str, object_id: Any, changes: Mapping[str, Any], note: str = ""
) -> None:
    """One change-log entry for a change another app made (accounts, invitations): one audit of
    every change, listed for coordinators."""
    ChangeLog.objects.create(
        user=by if by is not None and by.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        changes=dict(changes),
        note=note,
    )


def update_location(location_id: uuid.UUID, edit: LocationEdit, *, by: Account) -> LocationResult:
    """Change a location and its address; re-geocode it when asked or when the address changed.

    The services offered there that the editor may edit are marked verified today.
    """
    with transaction.atomic():
        location = Location.objects.select_for_update().get(pk=location_id)
        if not permissions.can_edit_location(by, location):
            raise NotAllowed(gettext("You cannot edit this location."))
        changes: dict[str, list[str]] = {}
        _apply(location, edit.fields, LOCATION_FIELDS, changes)
        address = location.addresses.order_by("address_type").first()
        address_changed = False
        if edit.address is not None:
            if address is None:
                address = Address(location=location, city="", state_province="")
            before = dict(changes)
            _apply(address, edit.address, ADDRESS_FIELDS, changes)
            address_changed = changes != before or address._state.adding
            if address.city or address.address_1 or address.postal_code:
                address.save()
        geocoded = location.has_point
        if address is not None and (edit.regeocode or address_changed):
            lat, lon, precision = stored_point(
                locate(address.postal_code, address.city, province=address.state_province or None)
            )
            old_point = f"{_text(location.latitude)},{_text(location.longitude)} {location.geo_precision}"
            location.latitude, location.longitude, location.geo_precision = lat, lon, precision
            new_point = f"{_text(lat)},{_text(lon)} {precision}"
            if old_point != new_point:
                changes["point"] = [old_point.strip(" ,"), new_point.strip(" ,")]
            geocoded = lat is not None
        location.save()
        for service in permissions.editable_services(by).filter(service_at_locations__location=location):
            _verify(service, by)
            service.save(update_fields=["assured_date", "assured_by", "needs_verification", "updated_at"])
        if changes:  # HSDS last_modified: a service changes with any of its related records
            Service.objects.filter(service_at_locations__location=location).update(updated_at=timezone.now())
        _log(by, "location.update", location, changes)
    return LocationResult(location=location, geocoded=geocoded, precision=location.geo_precision)


def create_suggestion(service_id: uuid.UUID, *, field: str, proposed_value: str, comment: str = "") -> Suggestion:
    """A correction from the public. Stores no personal data: no name, e-mail or address."""
    if field not in SUGGESTION_FIELDS:
        raise InvalidChange(f"unknown field {field!r}")
    with transaction.atomic():
        service = Service.objects.get(pk=service_id)
        suggestion = Suggestion.objects.create(
            service=service, field=field, proposed_value=proposed_value.strip(), comment=comment.strip()
        )
        _log(None, "suggestion.create", suggestion, {"field": ["", field]})
    return suggestion


def _reviewable(suggestion_id: uuid.UUID, by: Account) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().select_related("service").get(pk=suggestion_id)
    if not permissions.can_review_suggestion(by, suggestion):
        raise NotAllowed(gettext("You cannot review this suggestion."))
    if suggestion.status != Suggestion.Status.PENDING:
        raise InvalidChange(gettext("This suggestion has already been reviewed."))
    return suggestion


def approve_suggestion(
    suggestion_id: uuid.UUID,
    *,
    by: Account,
    value: str | None = None,
    phone_id: uuid.UUID | None = None,
    status: str | None = None,
) -> Suggestion:
    """Accept a suggestion: apply it where it maps to a field, mark the service verified today.

    - phone: `value` (default: the proposed text) replaces the number of `phone_id`, or becomes a
      new phone when `phone_id` is None;
    - closed: the service's status becomes `status` (default "temporarily closed");
    - address, hours, other: the reviewer has edited the record by hand; approving records that.
    """
    with transaction.atomic():
        suggestion = _reviewable(suggestion_id, by)
        service = Service.objects.select_for_update().get(pk=suggestion.service_id)
        changes: dict[str, list[str]] = {}
        if suggestion.field == "phone":
            number = (value if value is not None else suggestion.proposed_value).strip()
            if not number or len(number) > 50 or not any(ch.isdigit() for ch in number):
                raise InvalidChange(gettext("Enter the phone number to save (at most 50 characters, with digits)."))
            if phone_id is not None:
                phone = Phone.objects.filter(service=service, pk=phone_id).first()
                if phone is None:
                    raise InvalidChange(gettext("That phone number does not belong to this service."))
                changes[f"phone {phone.number}"] = [phone.number, number]
                phone.number = number
                phone.save(update_fields=["number"])
            else:
                order = Phone.objects.filter(service=service).count()
                Phone.objects.create(service=service, number=number, type="voice", sort_order=order)
                changes[f"phone {number}"] = ["", number]
        elif suggestion.field == "closed":
            new_status = status or Service.Status.TEMPORARILY_CLOSED
            if new_status not in Service.Status.values:
                raise InvalidChange(f"unknown status {new_status!r}")
            if service.status != new_status:
                changes["status"] = [service.status, new_status]
                service.status = new_status
        _verify(service, by, changes)
        service.save()
        suggestion.status = Suggestion.Status.APPROVED
        suggestion.reviewed_at = timezone.now()
        suggestion.reviewed_by = by
        suggestion.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        _log(by, "suggestion.approve", suggestion, changes, note=f"service {service.pk}")
        if changes:
            _log(by, "service.update", service, changes, note=f"suggestion {suggestion.pk}")
    return suggestion


def reject_suggestion(suggestion_id: uuid.UUID, *, by: Account) -> Suggestion:
    with transaction.atomic():
        suggestion = _reviewable(suggestion_id, by)
        suggestion.status = Suggestion.Status.REJECTED
        suggestion.reviewed_at = timezone.now()
        suggestion.reviewed_by = by
        suggestion.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        _log(by, "suggestion.reject", suggestion, {}, note=f"service {suggestion.service_id}")
    return suggestion
