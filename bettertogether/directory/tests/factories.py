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
