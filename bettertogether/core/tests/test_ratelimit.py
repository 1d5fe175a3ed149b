import datetime as dt
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory, override_settings
from django.utils import timezone

from bettertogether.core import ratelimit
from bettertogether.core.cache import AtomicDatabaseCache
from bettertogether.settings.env import env_proxies

HOUR = dt.timedelta(hours=1)
ROOT = Path(__file__).resolve().parents[3]


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


def test_forwarded_header_is_ignored_without_trusted_proxies():
    """The attack: random X-Forwarded-For values made every request a new client."""
    assert ratelimit.client_address(request_from("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_a_count_of_proxies_takes_the_address_that_many_hops_back():
    req = request_from("10.0.0.1", forwarded="198.51.100.9, 203.0.113.7")
    with override_settings(BT_TRUSTED_PROXIES=1):
        assert ratelimit.client_address(req) == "203.0.113.7"
    with override_settings(BT_TRUSTED_PROXIES=2):
        assert ratelimit.client_address(req) == "198.51.100.9"
    with override_settings(BT_TRUSTED_PROXIES=3):  # fewer hops than proxies: the peer, not a guess
        assert ratelimit.client_address(req) == "10.0.0.1"
    with override_settings(BT_TRUSTED_PROXIES=1):
        assert ratelimit.client_address(request_from("10.0.0.1", forwarded="not-an-address")) == "10.0.0.1"


def test_trusted_networks_walk_back_to_the_first_untrusted_hop():
    with override_settings(BT_TRUSTED_PROXIES=("10.0.0.0/8", "::1/128")):
        # Spoofed left part, then the real client, then our two proxies.
        chain = "1.2.3.4, 203.0.113.7, 10.0.0.2"
        assert ratelimit.client_address(request_from("10.0.0.1", forwarded=chain)) == "203.0.113.7"
        assert ratelimit.client_address(request_from("::1", forwarded="2001:db8::5")) == "2001:db8::5"
        # A peer that is not a trusted proxy: its X-Forwarded-For is ignored.
        assert ratelimit.client_address(request_from("198.51.100.3", forwarded="203.0.113.7")) == "198.51.100.3"
        # Garbage where an address should be: the last trusted hop.
        assert ratelimit.client_address(request_from("10.0.0.1", forwarded="<script>")) == "10.0.0.1"
        # Only proxies: the left-most of them.
        assert ratelimit.client_address(request_from("10.0.0.1", forwarded="10.0.0.9")) == "10.0.0.9"


def test_the_proxy_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("BT_TRUSTED_PROXIES", "2")
    assert env_proxies("BT_TRUSTED_PROXIES") == 2
    monkeypatch.setenv("BT_TRUSTED_PROXIES", " 10.0.0.1, 172.16.0.0/12 ,fd00::/8")
    assert env_proxies("BT_TRUSTED_PROXIES") == ("10.0.0.1/32", "172.16.0.0/12", "fd00::/8")
    monkeypatch.setenv("BT_TRUSTED_PROXIES", "")
    assert env_proxies("BT_TRUSTED_PROXIES") == 0
    monkeypatch.setenv("BT_TRUSTED_PROXIES", "10.0.0.1, proxy.example.org")
    with pytest.raises(ImproperlyConfigured, match="BT_TRUSTED_PROXIES must be"):
        env_proxies("BT_TRUSTED_PROXIES")


def test_allows_up_to_the_limit_then_refuses_without_recording():
    key = ratelimit.hash_key("suggest", "203.0.113.7")
    now = timezone.now()
    assert [ratelimit.allow("suggest", key, limit=5, window=HOUR, now=now) for _ in range(5)] == [True] * 5
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=now) is False
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=now) is False
    assert ratelimit.remaining("suggest", key, limit=5, window=HOUR, now=now) == 0
    assert ratelimit.remaining("suggest", key, limit=9, window=HOUR, now=now) == 4  # refusals were not counted
    # another client and another scope are unaffected
    assert ratelimit.allow("suggest", ratelimit.hash_key("suggest", "203.0.113.8"), limit=5, window=HOUR, now=now)
    assert ratelimit.allow("contact", key, limit=5, window=HOUR, now=now)


def test_window_slides():
    key = ratelimit.hash_key("suggest", "203.0.113.7")
    hour_start = int(time.time() // 3600) * 3600 - 3 * 86400
    start = dt.datetime.fromtimestamp(hour_start + 10, tz=dt.UTC)
    for _ in range(5):
        assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=start)
    assert not ratelimit.allow("suggest", key, limit=5, window=HOUR, now=start + dt.timedelta(minutes=59))
    # An hour later most of the earlier uses still overlap the window: one more, not five.
    later = start + dt.timedelta(minutes=61)
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=later)
    assert not ratelimit.allow("suggest", key, limit=5, window=HOUR, now=later)
    assert ratelimit.allow("suggest", key, limit=5, window=HOUR, now=start + dt.timedelta(hours=3))


def test_no_ip_address_is_stored():
    ratelimit.allow("suggest", ratelimit.client_key(request_from("203.0.113.77"), "suggest"), limit=5, window=HOUR)
    names = list(cache._cache)  # type: ignore[attr-defined]  # LocMemCache
    assert len(names) == 1 and "203.0.113.77" not in names[0]


# ---------------------------------------------------------------------------------------------------------------
# Atomic counting across processes, as gunicorn's workers count: Redis, and the database cache on
# whichever database this run uses (a file for SQLite: the test database lives in memory).

WORKER = """
import json, os, sys
import django
django.setup()
from django.core.management import call_command
from django.test import override_settings
from bettertogether.core import ratelimit
spec, action, runs = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with override_settings(CACHES={"default": spec}):
    if action == "setup":
        call_command("createcachetable")
    elif action == "count":
        print(json.dumps([ratelimit.increment("bt-test-counter", ttl=600) for _ in range(runs)]))
    elif action == "limit":
        key = ratelimit.hash_key("test", "203.0.113.7")
        print(json.dumps([ratelimit.allow("test", key, limit=150, window=HOUR_) for _ in range(runs)]))
"""
WORKER = WORKER.replace("HOUR_", "__import__('datetime').timedelta(hours=1)")
PROCESSES = 4
RUNS = 100


def _run(spec: dict, action: str, runs: int, env: dict) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, json.dumps(spec), action, str(runs)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES if action != "setup" else 1)
    ]


def _results(processes: list[subprocess.Popen]) -> list:
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
        results.extend(json.loads(out) if out.strip() else [])
    return results


@pytest.fixture
def shared_cache(request, tmp_path, db) -> tuple[dict, dict]:
    """(cache settings, environment) for worker processes: the database cache or Redis."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test"}
    if request.param == "redis":
        spec = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        spec["KEY_PREFIX"] = f"bt-test-{uuid.uuid4().hex}"
        return spec, env
    table = f"bt_cache_test_{uuid.uuid4().hex[:8]}"
    spec = {"BACKEND": f"{AtomicDatabaseCache.__module__}.AtomicDatabaseCache", "LOCATION": table}
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'counters.sqlite3'}"
    else:
        db_settings = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{db_settings['USER']}:{db_settings['PASSWORD']}@{db_settings['HOST']}:"
            f"{db_settings['PORT']}/{db_settings['NAME']}"
        )
    _results(_run(spec, "setup", 0, env))
    return spec, env


BACKENDS = [pytest.param("database", id="database-cache"), pytest.param("redis", marks=pytest.mark.redis)]


@pytest.mark.parametrize("shared_cache", BACKENDS, indirect=True)
def test_concurrent_increments_are_never_lost(shared_cache):
    spec, env = shared_cache
    counts = _results(_run(spec, "count", RUNS, env))
    # Every increment saw a distinct value: none was lost to a read-then-write race.
    assert sorted(counts) == list(range(1, PROCESSES * RUNS + 1))


@pytest.mark.parametrize("shared_cache", BACKENDS, indirect=True)
def test_concurrent_clients_cannot_slip_past_a_limit(shared_cache):
    spec, env = shared_cache
    answers = _results(_run(spec, "limit", RUNS, env))
    assert len(answers) == PROCESSES * RUNS and answers.count(True) <= 150
    assert answers.count(True) >= 150 - PROCESSES  # a refusal may race an admission, never the reverse


SHOW_CACHE = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


@pytest.mark.parametrize(
    ("module", "redis_url", "backend"),
    [
        ("production", "", "bettertogether.core.cache.AtomicDatabaseCache"),
        ("production", "redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("dev", "redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("dev", "", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_redis_url_selects_the_shared_cache(module, redis_url, backend):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "BT_FIELD", "SECRET"))}
    env.update(
        DJANGO_SETTINGS_MODULE=f"bettertogether.settings.{module}",
        REDIS_URL=redis_url,
        SECRET_KEY="s" * 60,
        BT_FIELD_KEYS="Hc3o8Dk5Kdj7aWTs0BqhWbI8Q0Ga0y5U1Yk7lGmC7sA=",
        ALLOWED_HOSTS="example.org",
    )
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW_CACHE}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == backend


@pytest.mark.redis
@pytest.mark.django_db
def test_the_contact_form_limit_counts_in_redis(client, mailoutbox):
    spec = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": f"bt-test-{uuid.uuid4().hex}",
    }
    with override_settings(CACHES={"default": spec}, BT_CONTACT_RATE=2):
        answers = [client.post("/en/contact/", {"message": "Hi"}).status_code for _ in range(3)]
        assert answers == [200, 200, 429]
        assert ratelimit.remaining("contact", ratelimit.hash_key("contact", "127.0.0.1"), limit=2, window=HOUR) == 0
    # (Nothing to clear: the keys carry this test's own prefix and expire with the window.)


@pytest.mark.django_db
def test_an_unreachable_redis_does_not_take_the_forms_down(client, mailoutbox, caplog):
    spec = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    with override_settings(CACHES={"default": spec}):
        assert client.post("/en/contact/", {"message": "Hi"}).status_code == 200
    assert len(mailoutbox) == 1
    assert "rate limit contact not checked, the cache is unreachable: ConnectionError" in caplog.text
    assert "rate limit contact not counted, the cache is unreachable: ConnectionError" in caplog.text
    assert "Internal Server Error" not in caplog.text


@pytest.mark.django_db
def test_an_unreachable_redis_does_not_take_the_searches_and_maps_down(client, caplog):
    """The directory search's index version and the positions map's answers also live in the cache."""
    spec = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    with override_settings(CACHES={"default": spec}):
        for path in ("/en/services/?q=clinic", "/api/map/services.geojson", "/api/map/positions.geojson"):
            assert client.get(path).status_code == 200, path
    assert "cache read skipped, the cache is unreachable: ConnectionError" in caplog.text
