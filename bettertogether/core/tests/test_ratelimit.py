import datetime as dt

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from bettertogether.core import ratelimit
from bettertogether.core.models import RateLimitHit

HOUR = dt.timedelta(hours=1)


def request_from(ip: str, forwarded: str = ""):
    meta = {"REMOTE_ADDR": ip}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **meta)


def test_key_is_a_salted_hash_not_the_address():
    key = ratelimit.client_key(request_from("203.0.113.7"), "suggest")
    assert len(key) == 64
    assert "203.0.113.7" not in key and "2030113" not in key
    assert key == ratelimit.client_key(request_from("203.0.113.7"), "suggest")
    assert key != ratelimit.client_key(request_from("203.0.113.8"), "suggest")
    assert key != ratelimit.client_key(request_from("203.0.113.7"), "contact")


def test_key_depends_on_the_secret():
    key = ratelimit.hash_key("suggest", "203.0.113.7")
    with override_settings(SECRET_KEY="another-secret-entirely"):
        assert ratelimit.hash_key("suggest", "203.0.113.7") != key


def test_forwarded_address_used_only_behind_a_declared_proxy():
    req = request_from("10.0.0.1", forwarded="198.51.100.9, 203.0.113.7")
    assert ratelimit.client_address(req) == "10.0.0.1"
    with override_settings(BT_RATELIMIT_PROXY_COUNT=1):
        assert ratelimit.client_address(req) == "203.0.113.7"
    with override_settings(BT_RATELIMIT_PROXY_COUNT=2):
        assert ratelimit.client_address(req) == "198.51.100.9"


@pytest.mark.django_db
def test_allows_up_to_the_limit_then_refuses_without_recording():
    key = ratelimit.hash_key("suggest", "203.0.113.7")
    now = timezone.now()
    assert [ratelimit.allow("suggest", key, limit=5, window=HOUR, now=now) for _ in range(5)] == [True] * 5
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=now) is False
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=now) is False
    assert RateLimitHit.objects.count() == 5
    assert ratelimit.remaining("suggest", key, limit=5, window=HOUR, now=now) == 0
    # another client and another scope are unaffected
    assert ratelimit.allow("suggest", ratelimit.hash_key("suggest", "203.0.113.8"), limit=5, window=HOUR, now=now)
    assert ratelimit.allow("contact", key, limit=5, window=HOUR, now=now)


@pytest.mark.django_db
def test_window_slides_and_old_hits_are_pruned():
    key = ratelimit.hash_key("suggest", "203.0.113.7")
    start = timezone.now() - dt.timedelta(days=3)
    for _ in range(5):
        assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=start)
    assert not ratelimit.allow("suggest", key, limit=5, window=HOUR, now=start + dt.timedelta(minutes=59))
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=start + dt.timedelta(minutes=61))
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=timezone.now())
    # hits older than a day were deleted by the last write
    assert RateLimitHit.objects.count() == 1


@pytest.mark.django_db
def test_no_ip_address_is_stored():
    ratelimit.allow("suggest", ratelimit.client_key(request_from("203.0.113.77"), "suggest"), limit=5, window=HOUR)
    row = RateLimitHit.objects.get()
    assert "203.0.113.77" not in f"{row.scope} {row.key_hash}"
