"""User factories, one per role. Append new factories; do not reorder existing ones.

Partner staff and case workers belong to one organization: pass `organization=<Organization>`
and a directory Membership is created (looked up through the app registry, so core does not
import directory).
"""

from typing import Any

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY

from bettertogether.core.roles import Role
from bettertogether.support.models import SealedTOTPDevice

PASSWORD = "test-password-2024"
# As support.permissions.SECOND_FACTOR_ROLES (core does not import support).
SECOND_FACTOR_ROLES = frozenset({Role.CASE_WORKER, Role.COORDINATOR, Role.ADMINISTRATOR})


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.PARTNER_STAFF
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def organization(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not None:
            membership = apps.get_model("directory", "Membership")
            membership.objects.update_or_create(user=self, defaults={"organization": extracted})


class PartnerStaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"partner{n}")
    role = Role.PARTNER_STAFF


class CaseWorkerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"caseworker{n}")
    role = Role.CASE_WORKER


class CoordinatorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"coordinator{n}")
    role = Role.COORDINATOR


class FunderApproverFactory(UserFactory):
    username = factory.Sequence(lambda n: f"funder{n}")
    role = Role.FUNDER_APPROVER


class AdministratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    role = Role.ADMINISTRATOR
    is_staff = True
    is_superuser = True


ROLE_FACTORIES: dict[str, type[UserFactory]] = {
    Role.PARTNER_STAFF: PartnerStaffFactory,
    Role.CASE_WORKER: CaseWorkerFactory,
    Role.COORDINATOR: CoordinatorFactory,
    Role.FUNDER_APPROVER: FunderApproverFactory,
    Role.ADMINISTRATOR: AdministratorFactory,
}


def sign_in(client: Any, user: Any) -> Any:
    """Sign `client` in as `user`; case workers, coordinators and administrators also count as
    having passed the second factor, which every staff area asks of them (a confirmed
    authenticator, verified in the session)."""
    client.force_login(user)
    if user.role in SECOND_FACTOR_ROLES or user.is_staff or user.is_superuser:
        device, _ = SealedTOTPDevice.objects.get_or_create(user=user, defaults={"name": "test", "confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
