import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from bettertogether.core.tests.factories import UserFactory
from bettertogether.support.door import second_factor_passed


@pytest.mark.django_db
def test_only_a_verified_request_user_has_passed():
    worker = UserFactory(role="case_worker")
    assert not second_factor_passed(worker)  # read from the database: never through django-otp's middleware
    worker.is_verified = lambda: False
    assert not second_factor_passed(worker)
    worker.is_verified = lambda: True
    assert second_factor_passed(worker)
    assert not second_factor_passed(AnonymousUser())


@pytest.mark.django_db
def test_a_case_worker_signed_in_with_a_password_only_is_sent_to_the_second_factor(client):
    worker = UserFactory(role="case_worker")
    client.force_login(worker)
    response = client.get(reverse("support:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("support:otp-setup"))
