"""Management commands start quietly: django-axes' start-up banner is silenced, its warnings are not."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def test_manage_py_does_not_log_the_axes_banner() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "AXES: BEGIN" not in done.stdout + done.stderr


def test_axes_warnings_still_show() -> None:
    assert settings.LOGGING["loggers"]["axes.apps"]["level"] == "WARNING"
    assert logging.getLogger("axes.apps").isEnabledFor(logging.WARNING)
    assert not logging.getLogger("axes.apps").isEnabledFor(logging.INFO)
    assert logging.getLogger("axes").isEnabledFor(logging.WARNING)  # lockouts and the like still log
