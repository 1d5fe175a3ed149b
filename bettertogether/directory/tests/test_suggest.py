import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from bettertogether.core import ratelimit
from bettertogether.core.tests.factories import CoordinatorFactory, PartnerStaffFactory, sign_in
from bettertogether.directory import retention, services
from bettertogether.directory.manage_forms import fill_token
from bettertogether.directory.models import ChangeLog, Service, Suggestion
from bettertogether.directory.suggest_views import RATE_LIMIT, RATE_SCOPE, RATE_WINDOW
from bettertogether.directory.tests.factories import HOSTILE, OrganizationFactory, PhoneFactory, ServiceFactory


@pytest.fixture
def service(db):
    return ServiceFactory(organization=OrganizationFactory())


def suggest_url(service):
    return reverse("directory:suggest", args=[service.pk])


def form_data(**overrides):
    data = {
        "field": "phone",
        "proposed_value": "902-555-0142",
        "comment": "",
        "website": "",
        "started": fill_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def test_url_name_and_shape(service):
    assert suggest_url(service) == f"/en/services/{service.pk}/suggest/"


def test_form_page_sets_only_the_csrf_cookie(client, service):
    response = client.get(suggest_url(service))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="website"' in html and "<div hidden>" in html
    assert 'name="email"' not in html and 'name="name"' not in html
    assert set(response.cookies) == {"csrftoken"}


def test_unknown_service_is_404(client, db):
    assert client.get("/en/services/00000000-0000-0000-0000-000000000000/suggest/").status_code == 404


def test_a_suggestion_is_stored_without_personal_data(client, service):
    response = client.post(suggest_url(service), form_data(comment="Called them today"), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302
    assert response["Location"].endswith("?sent=1")
    suggestion = Suggestion.objects.get()
    assert (suggestion.service, suggestion.field, suggestion.proposed_value) == (service, "phone", "902-555-0142")
    assert suggestion.status == Suggestion.Status.PENDING
    key = ratelimit.hash_key(RATE_SCOPE, "203.0.113.5")
    assert ratelimit.remaining(RATE_SCOPE, key, limit=RATE_LIMIT, window=RATE_WINDOW) == RATE_LIMIT - 1
    assert not any("203.0.113.5" in str(name) for name in cache._cache)  # type: ignore[attr-defined]  # LocMemCache
    assert client.get(response["Location"]).status_code == 200


def test_honeypot_pretends_success_and_stores_nothing(client, service):
    response = client.post(suggest_url(service), form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Suggestion.objects.exists()
    key = ratelimit.hash_key(RATE_SCOPE, "127.0.0.1")
    assert ratelimit.remaining(RATE_SCOPE, key, limit=RATE_LIMIT, window=RATE_WINDOW) == RATE_LIMIT


def test_too_fast_is_refused(client, service):
    response = client.post(suggest_url(service), form_data(started=fill_token(time.time())))
    assert response.status_code == 400
    assert "very fast" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_forged_or_missing_timestamp_is_refused(client, service):
    for started in [str(int(time.time()) - 60), "", "abc:def"]:
        assert client.post(suggest_url(service), form_data(started=started)).status_code == 400
    assert not Suggestion.objects.exists()


def test_correct_information_required_except_for_closed(client, service):
    assert client.post(suggest_url(service), form_data(proposed_value="")).status_code == 400
    assert client.post(suggest_url(service), form_data(field="closed", proposed_value="")).status_code == 302
    assert client.post(suggest_url(service), form_data(field="nonsense")).status_code == 400


def test_rate_limit_per_client(client, service):
    for _ in range(RATE_LIMIT):
        assert client.post(suggest_url(service), form_data(), REMOTE_ADDR="203.0.113.9").status_code == 302
    response = client.post(suggest_url(service), form_data(), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert Suggestion.objects.count() == RATE_LIMIT
    assert client.post(suggest_url(service), form_data(), REMOTE_ADDR="203.0.113.10").status_code == 302


def review_url(suggestion):
    return reverse("directory_manage:suggestion", args=[suggestion.pk])


def test_approving_a_phone_updates_the_number_and_last_verified(client, service):
    phone = PhoneFactory(service=service, number="902-555-0100")
    suggestion = Suggestion.objects.create(service=service, field="phone", proposed_value="902-555-0142")
    partner = PartnerStaffFactory(organization=service.organization)
    client.force_login(partner)
    page = client.get(review_url(suggestion))
    assert page.status_code == 200 and "902-555-0142" in page.content.decode()
    response = client.post(review_url(suggestion), {"approve": "1", "value": "902-555-0142", "phone_id": str(phone.id)})
    assert response.status_code == 302
    phone.refresh_from_db()
    service.refresh_from_db()
    suggestion.refresh_from_db()
    assert phone.number == "902-555-0142"
    assert service.assured_date == timezone.localdate() and service.assured_by == partner
    assert suggestion.status == Suggestion.Status.APPROVED and suggestion.reviewed_by == partner
    assert ChangeLog.objects.filter(action="suggestion.approve").exists()


def test_approving_a_phone_without_choosing_adds_it(service):
    suggestion = Suggestion.objects.create(service=service, field="phone", proposed_value=" 1-902-555-0177 ")
    services.approve_suggestion(suggestion.pk, by=CoordinatorFactory())
    assert list(service.phones.values_list("number", flat=True)) == ["1-902-555-0177"]


def test_approving_closed_changes_status(client, service):
    suggestion = Suggestion.objects.create(service=service, field="closed", proposed_value="")
    sign_in(client, CoordinatorFactory())
    assert client.post(review_url(suggestion), {"approve": "1", "status": "defunct"}).status_code == 302
    service.refresh_from_db()
    assert service.status == Service.Status.DEFUNCT
    assert service.assured_date == timezone.localdate()


def test_approving_other_kinds_only_verifies(service):
    suggestion = Suggestion.objects.create(service=service, field="hours", proposed_value="Mon 9-5")
    before = Service.objects.get(pk=service.pk).name_en
    services.approve_suggestion(suggestion.pk, by=CoordinatorFactory())
    service.refresh_from_db()
    assert service.name_en == before and service.assured_date == timezone.localdate()


def test_reject_changes_nothing_on_the_service(client, service):
    suggestion = Suggestion.objects.create(service=service, field="phone", proposed_value="902-555-0142")
    client.force_login(PartnerStaffFactory(organization=service.organization))
    assert client.post(review_url(suggestion), {"reject": "1"}).status_code == 302
    suggestion.refresh_from_db()
    service.refresh_from_db()
    assert suggestion.status == Suggestion.Status.REJECTED
    assert not service.phones.exists() and service.assured_date is None
    with pytest.raises(services.InvalidChange):
        services.approve_suggestion(suggestion.pk, by=CoordinatorFactory())


def test_bad_phone_value_is_refused_on_approval(client, service):
    suggestion = Suggestion.objects.create(service=service, field="phone", proposed_value="call the office")
    sign_in(client, CoordinatorFactory())
    response = client.post(review_url(suggestion), {"approve": "1", "value": "call the office"})
    assert response.status_code == 400
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_other_organizations_staff_cannot_review(client, service):
    suggestion = Suggestion.objects.create(service=service, field="phone", proposed_value="902-555-0142")
    outsider = PartnerStaffFactory(organization=OrganizationFactory())
    client.force_login(outsider)
    assert client.post(review_url(suggestion), {"approve": "1"}).status_code == 404
    with pytest.raises(services.NotAllowed):
        services.approve_suggestion(suggestion.pk, by=outsider)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_hostile_suggestion_is_escaped_in_the_public_form_and_queue(client, db):
    service = ServiceFactory(name_en=HOSTILE)
    html = client.get(suggest_url(service)).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    client.post(suggest_url(service), form_data(proposed_value=HOSTILE, comment=HOSTILE))
    sign_in(client, CoordinatorFactory())
    html = client.get(reverse("directory_manage:suggestions")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_reviewed_comments_are_blanked_after_retention(service):
    old = Suggestion.objects.create(service=service, field="other", proposed_value="x", comment="I am Ana, 902-555-01")
    services.reject_suggestion(old.pk, by=CoordinatorFactory())
    pending = Suggestion.objects.create(service=service, field="other", proposed_value="y", comment="keep me")
    later = timezone.now() + timedelta(days=retention.comment_retention_days() + 1)
    assert retention.purge(later, dry_run=True)["suggestion_comments"] == 1
    retention.purge(later)
    old.refresh_from_db()
    pending.refresh_from_db()
    assert old.comment == "" and old.proposed_value == "x"
    assert pending.comment == "keep me"
