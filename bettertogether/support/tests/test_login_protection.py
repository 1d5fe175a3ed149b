"""Lockout after repeated failures, second factor for case workers, idle timeout, re-authentication
before exports, short password-reset links, and a clean `check --deploy` in production."""

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from bettertogether.core.auth_views import LOGIN_LIMIT
from bettertogether.core.tests.factories import PASSWORD
from bettertogether.support.guard import REAUTH_KEY
from bettertogether.support.middleware import SESSION_KEY as LAST_SEEN
from bettertogether.support.models import AccessLog, SealedTOTPDevice

from .factories import device_for, member, signed_in, token

BASE_DIR = Path(settings.BASE_DIR)


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_lockout_after_repeated_failures(orgs: dict[str, Any]) -> None:
    """Guesses spread over many addresses (so the per-address rate limiter never answers) still
    lock the account."""
    worker = member("case_worker", orgs["own"])
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        assert _login(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), worker.username, "wrong").status_code == 200
    assert _login(Client(REMOTE_ADDR="203.0.113.200"), worker.username, "wrong").status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    locked = _login(elsewhere, worker.username, PASSWORD)
    assert locked.status_code == 429
    assert "locked" in locked.content.decode().lower()
    assert SESSION_KEY not in elsewhere.session
    # Another account from that address still signs in.
    other = member("case_worker", orgs["own"])
    assert _login(elsewhere, other.username, PASSWORD).status_code == 302


def test_rate_limiter_answers_first_for_one_client(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    client = Client()
    for _ in range(LOGIN_LIMIT):
        assert _login(client, worker.username, "wrong").status_code == 200
    assert _login(client, worker.username, PASSWORD).status_code == 429
    assert SESSION_KEY not in client.session


def test_correct_password_signs_in_and_is_audited(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    response = _login(Client(), worker.username, PASSWORD)
    assert response.status_code == 302
    entry = AccessLog.objects.get(action="login", username=worker.username)
    assert entry.ip_address == "127.0.0.1" and entry.organization_id == orgs["own"].pk


def test_case_worker_must_set_up_a_second_factor(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    client = signed_in(worker, second_factor=False)
    cases = reverse("support:case-list")
    response = client.get(cases)
    assert response.status_code == 302 and response["Location"].startswith(reverse("support:otp-setup"))
    # Even the helpline log waits for the second factor.
    assert client.get(reverse("support:helpline-list"))["Location"].startswith(reverse("support:otp-setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200 and b'src="data:image/svg+xml' in page.content
    device = SealedTOTPDevice.objects.get(user=worker, confirmed=False)
    assert client.post(page.request["PATH_INFO"], {"token": "000000", "next": cases}).status_code == 200
    device.refresh_from_db()  # let the throttling back-off pass
    device.throttling_failure_timestamp = device.throttling_failure_timestamp - dt.timedelta(seconds=30)
    device.save()
    done = client.post(page.request["PATH_INFO"], {"token": token(device), "next": cases})
    assert done.status_code == 302 and done["Location"] == cases
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(cases).status_code == 200


def test_case_worker_with_a_device_enters_a_code(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    device = device_for(worker)
    client = signed_in(worker, second_factor=False)
    response = client.get(reverse("support:case-list"))
    assert response["Location"].startswith(reverse("support:otp-verify"))
    assert client.post(reverse("support:otp-verify"), {"token": "123456"}).status_code == 200
    assert AccessLog.objects.filter(action="login_failed", username=worker.username).exists()
    assert client.get(reverse("support:case-list")).status_code == 302
    # Right after a failure even the right code is refused (django-otp's throttling)…
    assert client.post(reverse("support:otp-verify"), {"token": token(device)}).status_code == 200
    # …until the back-off has passed.
    device.refresh_from_db()
    device.throttling_failure_timestamp = device.throttling_failure_timestamp - dt.timedelta(seconds=30)
    device.save()
    assert client.post(reverse("support:otp-verify"), {"token": token(device)}).status_code == 302
    assert client.get(reverse("support:case-list")).status_code == 200


def test_other_roles_need_no_second_factor(orgs: dict[str, Any]) -> None:
    assert signed_in(member("partner_staff", orgs["own"])).get(reverse("support:helpline-list")).status_code == 200
    assert signed_in(member("coordinator")).get(reverse("support:statistics")).status_code == 200


def test_idle_session_times_out_after_an_hour(orgs: dict[str, Any]) -> None:
    assert settings.BT_IDLE_TIMEOUT_SECONDS == 3600
    client = signed_in(member("partner_staff", orgs["own"]))
    url = reverse("support:helpline-list")
    assert client.get(url).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 3500  # active 58 minutes ago: still signed in
    session.save()
    assert client.get(url).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 3601
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in client.session
    assert client.get(url).status_code == 302


def test_export_needs_password_and_code_again(desk: dict[str, Any]) -> None:
    worker = desk["own_worker"]
    case = desk["own"]["case"]
    client = signed_in(worker)
    export = reverse("support:case-export", args=[case.pk])
    response = client.get(export)
    assert response["Location"].startswith(reverse("support:reauth"))
    device = device_for(worker)
    refused = client.post(reverse("support:reauth"), {"password": "wrong", "token": token(device, steps_ahead=1)})
    assert refused.status_code == 200
    # A wrong password here counts towards the lockout like one at the sign-in page.
    assert AccessAttempt.objects.filter(username=worker.username, failures_since_start=1).exists()
    ok = client.post(
        reverse("support:reauth"), {"password": PASSWORD, "token": token(device, steps_ahead=1), "next": export}
    )
    assert ok.status_code == 302 and ok["Location"] == export
    response = client.get(export)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store, private"
    data = json.loads(response.content)
    assert data["case"]["worker_name"] == case.worker_name and data["notes"]
    assert AccessLog.objects.filter(action="export", object_id=str(case.pk), username=worker.username).exists()
    # Five minutes later the confirmation has lapsed.
    session = client.session
    session[REAUTH_KEY] = time.time() - 301
    session.save()
    assert client.get(export).status_code == 302


def test_password_reset_links_are_short_lived() -> None:
    assert settings.PASSWORD_RESET_TIMEOUT == 3600


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BT_FIELD", "SECRET"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bettertogether.settings.production",
        SECRET_KEY="x" * 20 + "production-like-secret-key-with-enough-entropy-" + "q7Z!p" * 4,
        ALLOWED_HOSTS="bettertogether.example.org",
        BT_FIELD_KEYS=Fernet.generate_key().decode(),
        **extra,
    )
    return env


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("keys", [None, settings.BT_FIELD_KEYS[0]], ids=["missing", "published-test-key"])
def test_production_refuses_to_start_without_own_field_keys(keys: str | None) -> None:
    env = _production_env()
    env.pop("BT_FIELD_KEYS")
    if keys is not None:
        env["BT_FIELD_KEYS"] = keys
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "BT_FIELD_KEYS" in result.stderr


@pytest.mark.parametrize("header", ["Content-Security-Policy"])
def test_case_pages_have_a_strict_csp(desk: dict[str, Any], header: str) -> None:
    response = signed_in(desk["own_worker"]).get(reverse("support:case-detail", args=[desk["own"]["case"].pk]))
    policy = response[header]
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy


def test_case_worker_needs_the_second_factor_in_every_staff_area(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    device_for(worker)
    client = signed_in(worker, second_factor=False)
    for path in ("/en/manage/", "/fr/events/manage/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("support:otp-verify")), path
    # Public pages stay open, and once the code is given the staff areas open too.
    assert client.get("/en/services/").status_code == 200
    verified = signed_in(worker)
    assert verified.get("/en/manage/").status_code == 200
    assert verified.get("/fr/events/manage/").status_code == 200


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_the_second_factor_guards_staff_areas_under_every_language_prefix(orgs: dict[str, Any], lang: str) -> None:
    # A language code such as zh-hans is longer than two letters: its prefix must not open a way around the code.
    worker = member("case_worker", orgs["own"])
    device_for(worker)
    client = signed_in(worker, second_factor=False)
    for area in ("manage/", "events/manage/", "resources/manage/", "staff/"):
        response = client.get(f"/{lang}/{area}")
        assert response.status_code == 302, (lang, area)
        assert response["Location"].startswith(reverse("support:otp-verify")), (lang, area)


def test_staff_areas_are_never_cached(orgs: dict[str, Any]) -> None:
    client = signed_in(member("partner_staff", orgs["own"]))
    for path in ("/en/manage/", "/fr/events/manage/", "/es/resources/manage/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path
    assert "no-store" not in client.get("/en/services/").get("Cache-Control", "")


def test_other_staff_do_not_need_a_second_factor(orgs: dict[str, Any]) -> None:
    staff = member("partner_staff", orgs["own"])
    assert signed_in(staff).get("/en/manage/").status_code == 200
