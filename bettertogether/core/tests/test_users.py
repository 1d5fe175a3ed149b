import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from bettertogether.core.users import signed_in, signed_in_account

from .factories import UserFactory


@pytest.mark.django_db
def test_a_signed_in_account_is_handed_over_as_itself():
    account = UserFactory()
    assert signed_in(account)
    assert signed_in_account(account) is account


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "nobody", "closed account"])
def test_anyone_else_is_refused(who):
    user = {"anonymous": AnonymousUser(), "nobody": None}.get(who) or UserFactory(is_active=False)
    assert not signed_in(user)
    with pytest.raises(PermissionDenied):
        signed_in_account(user)
