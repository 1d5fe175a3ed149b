"""Factories for outreach tests, and one user factory per role."""

import datetime as dt

import factory
from django.utils import timezone

from bettertogether.core.models import User
from bettertogether.core.roles import Role
from bettertogether.directory.models import Membership
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.outreach import models


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    title = factory.Sequence(lambda n: f"Information session {n}")
    title_en = factory.SelfAttribute("title")
    description = "Your rights at work."
    description_en = factory.SelfAttribute("description")
    organization = factory.SubFactory(OrganizationFactory)
    province = "NS"
    place_name = "Community hall"
    address = "1 Main Street, Kentville"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    languages = factory.LazyFunction(lambda: ["en", "es"])


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Resource

    title = factory.Sequence(lambda n: f"Guide {n}")
    title_en = factory.SelfAttribute("title")
    kind = models.ResourceKind.GUIDE


class LinkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ResourceVersion

    resource = factory.SubFactory(ResourceFactory)
    language = "en"
    url = "https://example.org/guide"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.PARTNER_STAFF


def partner_staff(organization: object) -> User:
    user = UserFactory(role=Role.PARTNER_STAFF)
    Membership.objects.create(user=user, organization=organization)
    return user


def coordinator() -> User:
    return UserFactory(role=Role.COORDINATOR)
