"""Factories for directory tests. Append new factories; do not reorder existing ones."""

import datetime as dt

import factory

from bettertogether.directory import models


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    name_en = factory.SelfAttribute("name")


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TaxonomyTerm

    code = factory.Sequence(lambda n: f"term-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())
    name_en = factory.SelfAttribute("name")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Service {n:04d}")
    name_en = factory.SelfAttribute("name")
    description = "Help for workers."
    description_en = factory.SelfAttribute("description")
    status = models.Service.Status.ACTIVE


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Location

    organization = None
    name = factory.Sequence(lambda n: f"Office {n}")
    name_en = factory.SelfAttribute("name")
    latitude = 45.0775
    longitude = -64.4945
    geo_precision = "address"


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Address

    location = factory.SubFactory(LocationFactory)
    address_1 = "1 Main Street"
    city = "Kentville"
    state_province = "NS"
    postal_code = "B4N 1A1"


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Phone

    service = factory.SubFactory(ServiceFactory)
    number = "902-555-0100"
    type = "voice"


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Schedule

    service = factory.SubFactory(ServiceFactory)
    byday = "MO,TU,WE,TH,FR"
    opens_at = dt.time(9, 0)
    closes_at = dt.time(17, 0)


class HolidayClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.HolidayClosure

    service = factory.SubFactory(ServiceFactory)
    date = dt.date(2026, 12, 25)
    name = "Christmas Day"


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Language

    service = factory.SubFactory(ServiceFactory)
    code = "es"


class AttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Attribute

    service = factory.SubFactory(ServiceFactory)
    taxonomy_term = factory.SubFactory(TaxonomyTermFactory)


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceArea

    service = factory.SubFactory(ServiceFactory)
    name = "Nova Scotia"
    province = "NS"


def located_service(lat: float, lon: float, **kwargs: object) -> models.Service:
    """A service with one physical location at (lat, lon)."""
    service = ServiceFactory(**kwargs)
    location = LocationFactory(latitude=lat, longitude=lon, organization=service.organization)
    ServiceAtLocationFactory(service=service, location=location)
    return service


# --- HSDS API and exchange (hostile strings in every translated field) ---

HOSTILE = "<script>alert(1)</script> \"quotes\" & 'apos' ☃ é\u200b"


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Taxonomy

    name = factory.Sequence(lambda n: f"Vocabulary {n}")
    description = "A vocabulary."
    uri = "https://example.org/vocabulary"
    version = "1"


class CostOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CostOption

    service = factory.SubFactory(ServiceFactory)
    option = "Adults"
    amount = "12.50"
    amount_description = "per visit"


class AccessibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Accessibility

    location = factory.SubFactory(LocationFactory)
    description = "Step-free entrance."
    details = "Ramp at the side door."


def hostile_texts(model: type, fields: tuple[str, ...]) -> dict[str, str]:
    """Every language variant of each translated field set to a distinct hostile string."""
    return {f"{f}_{lang}": f"{HOSTILE} {f} {lang}" for f in fields for lang in ("en", "fr", "es", "tl")}


def full_service(**kwargs: object) -> models.Service:
    """A service with every related HSDS object, hostile strings in every translated field."""
    org = OrganizationFactory(
        **hostile_texts(models.Organization, ("name", "description")),
        email="help@example.org",
        website="https://example.org/",
        year_incorporated=1999,
        extra={"hsds": {"tax_status": "charity"}},
    )
    service_texts = (
        "name",
        "description",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "alert",
    )
    service = ServiceFactory(
        organization=org,
        **{**hostile_texts(models.Service, service_texts), **kwargs},
        url="https://example.org/help",
        email="desk@example.org",
        minimum_age=16,
        assured_date=dt.date(2026, 1, 15),
        extra={
            "hsds": {"wait_time": "2 days"},
            "hsds_tables": {
                "required_documents": [
                    {"id": "0f6f2f6e-4c4a-4a53-9c57-1c3b1f7e2a10", "document": "Work permit", "uri": ""}
                ]
            },
        },
    )
    taxonomy = TaxonomyFactory()
    parent = TaxonomyTermFactory(
        taxonomy=taxonomy, code="health", **hostile_texts(models.TaxonomyTerm, ("name", "description"))
    )
    child = TaxonomyTermFactory(taxonomy=taxonomy, code="clinics", parent=parent)
    AttributeFactory(service=service, taxonomy_term=child, value=HOSTILE)
    location = LocationFactory(
        organization=org, **hostile_texts(models.Location, ("name", "description", "transportation"))
    )
    AddressFactory(location=location)
    AccessibilityFactory(location=location, description_fr=HOSTILE)
    ServiceAtLocationFactory(service=service, location=location, description=HOSTILE)
    phone = PhoneFactory(service=service, description_fr=HOSTILE, extension="12", whatsapp=True)
    LanguageFactory(service=service, phone=phone, code="es", name="Spanish")
    LanguageFactory(service=service, code="tl", name="Tagalog")
    PhoneFactory(service=None, organization=org, number="1-800-555-0199")
    PhoneFactory(service=None, location=location, number="902-555-0123")
    ScheduleFactory(service=service, description_es=HOSTILE, valid_from=dt.date(2026, 1, 1))
    ScheduleFactory(service=None, location=location)
    ServiceAreaFactory(service=service)
    CostOptionFactory(service=service)
    return service
