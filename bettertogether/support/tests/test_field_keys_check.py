"""An invalid BT_FIELD_KEYS stops the site at start-up and fails `check --deploy`, instead of failing at
the first case-desk write (and the key itself is never printed)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.test import override_settings

from .test_login_protection import BASE_DIR, _production_env

NOT_A_KEY = "c2VjcmV0LWJ1dC1ub3QtMzItYnl0ZXM="  # base64, but 22 bytes, not Fernet's 32


def env_with(keys: str) -> dict[str, str]:
    return {**_production_env(), "BT_FIELD_KEYS": keys}


def manage(*args: str, keys: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env_with(keys),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("keys", [NOT_A_KEY, f"{Fernet.generate_key().decode()},{NOT_A_KEY}", "é" * 44])
def test_check_deploy_fails_on_an_invalid_key(keys):
    result = manage("check", "--deploy", keys=keys)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "BT_FIELD_KEYS" in output and "not a Fernet key" in output
    assert NOT_A_KEY not in output


def test_the_wsgi_application_does_not_start_with_an_invalid_key():
    result = subprocess.run(
        [sys.executable, "-c", "import bettertogether.wsgi"],
        cwd=BASE_DIR,
        env=env_with(NOT_A_KEY),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "BT_FIELD_KEYS: key 1 is not a Fernet key" in result.stderr
    assert NOT_A_KEY not in result.stderr


def test_the_system_check_names_the_problem():
    with override_settings(BT_FIELD_KEYS=[Fernet.generate_key().decode(), NOT_A_KEY]):
        errors = [e for e in run_checks() if e.id == "support.E001"]
    assert len(errors) == 1 and "key 2 is not a Fernet key" in errors[0].msg
    with override_settings(BT_FIELD_KEYS=[]):
        assert [e.id for e in run_checks() if e.id.startswith("support.")] == ["support.E001"]
    assert not [e for e in run_checks() if e.id.startswith("support.")]
